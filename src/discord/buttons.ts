/**
 * Button presses. Everything a button needs is in its custom id (see custom-ids.ts), so buttons
 * on old messages keep working after a restart. Replies are ephemeral: the presser asked, not the
 * channel.
 */
import type { ButtonInteraction } from 'discord.js';
import type { BotContext } from './context.js';
import { parseButtonId } from './custom-ids.js';
import { renderNotice } from './render.js';
import { answerPayload, paragraphPayload } from './replies.js';
import { respond } from './respond.js';

export async function handleButton(interaction: ButtonInteraction, context: BotContext): Promise<void> {
  const action = parseButtonId(interaction.customId);
  if (!action) {
    context.logger.debug(`Unknown button id ${JSON.stringify(interaction.customId.slice(0, 100))}`);
    await respond(interaction, renderNotice('That button is no longer supported: ask again with /ask.'), {
      ephemeral: true,
    });
    return;
  }
  const payload =
    action.kind === 'paragraph'
      ? paragraphPayload(context.library, action.paragraph, action.story)
      : answerPayload(context.library, action.question, {
          offset: action.offset,
          ...(action.story !== undefined ? { story: action.story } : {}),
        });
  await respond(interaction, payload, { ephemeral: true });
}
