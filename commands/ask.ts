import { SlashCommandBuilder, type AutocompleteInteraction, type ChatInputCommandInteraction } from 'discord.js';
import type { BotContext } from '../src/discord/context.js';
import { storyChoices } from '../src/discord/autocomplete.js';
import { answerWithFeedback } from '../src/discord/feedback.js';
import { MAX_QUESTION_LENGTH } from '../src/discord/replies.js';
import { respond } from '../src/discord/respond.js';

export const data = new SlashCommandBuilder()
  .setName('ask')
  .setDescription('Ask a question about the story; the answer cites its paragraphs')
  .addStringOption((o) =>
    o.setName('question').setDescription('What you want to know').setRequired(true).setMaxLength(MAX_QUESTION_LENGTH),
  )
  .addBooleanOption((o) => o.setName('private').setDescription('Only you see the answer'))
  .addStringOption((o) =>
    o.setName('story').setDescription('Which story to ask (default: all of them)').setAutocomplete(true),
  );

export async function execute(interaction: ChatInputCommandInteraction, context: BotContext): Promise<void> {
  const question = interaction.options.getString('question', true);
  const story = interaction.options.getString('story') ?? undefined;
  const ephemeral = interaction.options.getBoolean('private') ?? false;
  const payload = answerWithFeedback(context, question, { ephemeral, ...(story !== undefined ? { story } : {}) });
  await respond(interaction, payload, { ephemeral });
}

export async function autocomplete(interaction: AutocompleteInteraction, context: BotContext): Promise<void> {
  await interaction.respond(storyChoices(context.library, interaction.options.getFocused()));
}
