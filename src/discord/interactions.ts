/**
 * Dispatch by interaction type: slash commands, autocomplete and buttons. Applies the per-user
 * cooldown, defers work that runs long, and turns any handler error into a logged error plus a
 * short ephemeral apology, so one bad request never stops the bot.
 */
import type { Interaction, RepliableInteraction } from 'discord.js';
import type { BotContext, Command, MessageCommand } from './context.js';
import { handleButton } from './buttons.js';
import { handleVote, parseVoteId } from './feedback.js';
import { scopeTo } from './scope.js';
import { renderCooldown, renderNotice } from './render.js';
import { apologize, deferIfSlow, respond } from './respond.js';

export interface InteractionHandlerOptions {
  context: BotContext;
  commands: readonly Command[];
  /** Message context-menu commands ("Ask storybot"). */
  messageCommands?: readonly MessageCommand[];
  /** Defer a reply that is still pending after this long (default 1.5 s; Discord allows 3 s). */
  deferAfterMs?: number;
}

function describe(interaction: Interaction): string {
  const what = interaction.isChatInputCommand()
    ? `/${interaction.commandName}`
    : interaction.isButton()
      ? `button ${interaction.customId.split(':')[0] ?? ''}`
      : interaction.isAutocomplete()
        ? `autocomplete /${interaction.commandName}`
        : interaction.isMessageContextMenuCommand()
          ? `message command "${interaction.commandName}"`
          : `interaction type ${interaction.type}`;
  return `${what} (id ${interaction.id}, user ${interaction.user.id})`;
}

function wantsPrivate(interaction: RepliableInteraction, commands: ReadonlyMap<string, Command>): boolean {
  if (interaction.isButton()) return true;
  if (!interaction.isChatInputCommand()) return false;
  return (
    commands.get(interaction.commandName)?.ephemeral === true || interaction.options.getBoolean('private') === true
  );
}

export function createInteractionHandler(
  options: InteractionHandlerOptions,
): (interaction: Interaction) => Promise<void> {
  const { context: botContext, commands } = options;
  const { logger, cooldown } = botContext;
  const byName = new Map(commands.map((c) => [c.data.name, c]));
  const messageCommands = new Map((options.messageCommands ?? []).map((c) => [c.data.name, c]));

  async function run(interaction: Interaction): Promise<void> {
    if (interaction.isAutocomplete()) {
      // Autocomplete fires per keystroke: never rate-limited, and an empty list is a fine failure.
      const command = byName.get(interaction.commandName);
      if (command?.autocomplete)
        await command.autocomplete(interaction, await scopeTo(botContext, interaction.guildId));
      else await interaction.respond([]);
      return;
    }
    if (!interaction.isChatInputCommand() && !interaction.isButton() && !interaction.isMessageContextMenuCommand())
      return;

    // /help is how a user who hit the limit learns what to do: it never counts, and is never refused.
    const exempt = interaction.isChatInputCommand() && interaction.commandName === 'help';
    const verdict = exempt ? ({ allowed: true } as const) : cooldown.take(interaction.user.id);
    if (!verdict.allowed) {
      logger.debug(`Cooldown: refused ${describe(interaction)}`);
      await respond(interaction, renderCooldown(verdict.retryAt), { ephemeral: true });
      return;
    }

    const cancelDefer = deferIfSlow(interaction, {
      ephemeral: wantsPrivate(interaction, byName),
      logger,
      ...(options.deferAfterMs !== undefined ? { afterMs: options.deferAfterMs } : {}),
    });
    try {
      // The server's library may have to be built first (its first question since start).
      const context = await scopeTo(botContext, interaction.guildId);
      const vote = interaction.isButton() ? parseVoteId(interaction.customId) : undefined;
      if (interaction.isButton()) {
        if (vote) await handleVote(interaction, context, vote);
        else await handleButton(interaction, context);
      } else if (interaction.isMessageContextMenuCommand()) {
        const command = messageCommands.get(interaction.commandName);
        if (command) await command.execute(interaction, context);
        else
          await respond(interaction, renderNotice('I do not know that command (any more): try /help.'), {
            ephemeral: true,
          });
      } else {
        const command = byName.get(interaction.commandName);
        if (command) await command.execute(interaction, context);
        else
          await respond(interaction, renderNotice('I do not know that command (any more): try /help.'), {
            ephemeral: true,
          });
      }
    } finally {
      cancelDefer();
    }
  }

  return async (interaction) => {
    const started = performance.now();
    try {
      await run(interaction);
      if (logger.enabled('debug'))
        logger.debug(`Handled ${describe(interaction)} in ${(performance.now() - started).toFixed(1)} ms`);
    } catch (error) {
      logger.error(`Failed to handle ${describe(interaction)}`, error);
      if (interaction.isRepliable()) await apologize(interaction, logger);
      else if (interaction.isAutocomplete() && !interaction.responded) await interaction.respond([]).catch(() => {});
    }
  };
}
