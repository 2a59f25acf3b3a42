import {
  ApplicationCommandType,
  ContextMenuCommandBuilder,
  type MessageContextMenuCommandInteraction,
} from 'discord.js';
import type { BotContext } from '../src/discord/context.js';
import { answerWithFeedback } from '../src/discord/feedback.js';
import { renderNotice } from '../src/discord/render.js';
import { respond } from '../src/discord/respond.js';

/**
 * Right-click a message → Apps → "Ask storybot": the message's text is the question. Discord sends
 * the target message resolved in the interaction, content included, so this works without the
 * privileged Message Content intent. The answer is posted in the channel like /ask's, its title
 * quoting the question.
 */
export const data = new ContextMenuCommandBuilder().setName('Ask storybot').setType(ApplicationCommandType.Message);

export async function execute(interaction: MessageContextMenuCommandInteraction, context: BotContext): Promise<void> {
  const question = interaction.targetMessage.content.trim();
  if (!question) {
    await respond(
      interaction,
      renderNotice('That message has no text to ask about: pick a message with a question in it, or use /ask.'),
      { ephemeral: true },
    );
    return;
  }
  await respond(interaction, answerWithFeedback(context, question, { ephemeral: false }));
}
