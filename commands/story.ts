import {
  InteractionContextType,
  PermissionFlagsBits,
  SlashCommandBuilder,
  type AutocompleteInteraction,
  type ChatInputCommandInteraction,
} from 'discord.js';
import type { BotContext, ServerStoryAccess } from '../src/discord/context.js';
import { downloadAttachment } from '../src/discord/download.js';
import { plainText } from '../src/discord/escape.js';
import { LIMITS, truncate } from '../src/discord/limits.js';
import { respond } from '../src/discord/respond.js';
import {
  renderGaps,
  renderProblem,
  renderStoryAdded,
  renderStoryList,
  renderStoryRemoved,
} from '../src/discord/story-render.js';
import { checkAttachment } from '../src/server-stories/upload.js';

/** Server admins manage the server's stories; Discord shows the command to Manage Server holders. */
export const data = new SlashCommandBuilder()
  .setName('story')
  .setDescription("Manage this server's stories (Manage Server permission)")
  .setDefaultMemberPermissions(PermissionFlagsBits.ManageGuild)
  .setContexts(InteractionContextType.Guild)
  .addSubcommand((s) =>
    s
      .setName('add')
      .setDescription('Add a story from a .txt or .md file; members can ask it at once')
      .addAttachmentOption((o) =>
        o.setName('file').setDescription('The story: a UTF-8 .txt or .md file').setRequired(true),
      )
      .addStringOption((o) =>
        o.setName('title').setDescription('Title, if the file has no heading or title line').setMaxLength(200),
      ),
  )
  .addSubcommand((s) => s.setName('list').setDescription('The stories this server can ask'))
  .addSubcommand((s) =>
    s
      .setName('remove')
      .setDescription("Remove one of this server's stories")
      .addStringOption((o) => o.setName('story').setDescription('Which story').setRequired(true).setAutocomplete(true)),
  )
  .addSubcommand((s) =>
    s.setName('gaps').setDescription('What members asked that the stories could not answer, and answers voted down'),
  );

/** Every /story reply is for the admin alone (a deferral too). */
export const ephemeral = true;

const DOWNLOAD_TIMEOUT_MS = 10_000;

/**
 * Discord hides the command from members without Manage Server, but a server's owner can change
 * who sees it: the bot checks the permission itself on every use.
 */
function isAdmin(interaction: ChatInputCommandInteraction | AutocompleteInteraction): boolean {
  return interaction.inGuild() && interaction.memberPermissions?.has(PermissionFlagsBits.ManageGuild) === true;
}

export async function execute(interaction: ChatInputCommandInteraction, context: BotContext): Promise<void> {
  const reply = (problem: string) => respond(interaction, renderProblem(problem), { ephemeral: true });
  if (!interaction.inGuild()) return reply('/story works in a server, not in DMs.');
  if (!isAdmin(interaction))
    return reply(
      "Only members with the Manage Server permission can use /story. Ask this server's admins to add the story you want.",
    );
  const stories = context.stories;
  if (!stories)
    return reply('Server stories are turned off on this bot: it answers only from the stories it ships with.');
  const guildId = interaction.guildId;
  switch (interaction.options.getSubcommand(true)) {
    case 'add':
      return add(interaction, stories, guildId);
    case 'list': {
      const listing = await stories.service.list(guildId);
      return respond(
        interaction,
        renderStoryList(listing.own, listing.shipped, stories.service.settings.maxPerServer),
        { ephemeral: true },
      );
    }
    case 'remove': {
      const result = await stories.service.remove(guildId, interaction.options.getString('story', true));
      return respond(interaction, result.ok ? renderStoryRemoved(result.story) : renderProblem(result.problem), {
        ephemeral: true,
      });
    }
    case 'gaps':
      return respond(interaction, renderGaps(await stories.service.gaps(guildId)), { ephemeral: true });
    default:
      return reply('I do not know that /story subcommand: try /story list.');
  }
}

async function add(
  interaction: ChatInputCommandInteraction,
  stories: ServerStoryAccess,
  guildId: string,
): Promise<void> {
  const reply = (problem: string) => respond(interaction, renderProblem(problem), { ephemeral: true });
  const service = stories.service;
  // Discord resolves the attachment (id, name, declared size, CDN URL) in the interaction itself.
  const file = interaction.options.getAttachment('file', true);
  const checked = checkAttachment(file.name, file.size, service.settings.maxBytes);
  if (!checked.ok) return reply(checked.problem);
  const room = await service.roomFor(guildId);
  if (!room.ok) return reply(room.problem);
  const download = await downloadAttachment(file.url, {
    cdnBase: stories.cdnBase,
    maxBytes: service.settings.maxBytes,
    timeoutMs: stories.downloadTimeoutMs ?? DOWNLOAD_TIMEOUT_MS,
  });
  if (!download.ok) return reply(download.problem);
  const title = interaction.options.getString('title') ?? undefined;
  const added = await service.add({
    guildId,
    userId: interaction.user.id,
    fileName: file.name,
    bytes: download.bytes,
    ...(title !== undefined ? { titleOption: title } : {}),
  });
  if (!added.ok) return reply(added.problem);
  await respond(interaction, renderStoryAdded(added.story, added.titleFrom), { ephemeral: true });
}

export async function autocomplete(interaction: AutocompleteInteraction, context: BotContext): Promise<void> {
  const service = context.stories?.service;
  if (!service || !interaction.guildId || !isAdmin(interaction)) {
    await interaction.respond([]);
    return;
  }
  const typed = String(interaction.options.getFocused()).toLowerCase();
  const own = await service.ownStories(interaction.guildId);
  await interaction.respond(
    own
      .filter((s) => !typed || s.slug.includes(typed) || s.title.toLowerCase().includes(typed))
      .slice(0, LIMITS.autocompleteChoices)
      .map((s) => ({
        name: truncate(plainText(`${s.title} (${s.slug})`), LIMITS.choiceName) || s.slug,
        value: s.slug,
      })),
  );
}
