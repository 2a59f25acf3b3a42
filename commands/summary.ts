import { SlashCommandBuilder, type AutocompleteInteraction, type ChatInputCommandInteraction } from 'discord.js';
import { isSummaryLength, SUMMARY_LENGTHS } from '../src/answer/summary.js';
import type { SummaryLength } from '../src/answer/types.js';
import type { BotContext } from '../src/discord/context.js';
import { storyChoices } from '../src/discord/autocomplete.js';
import { summaryPayload } from '../src/discord/replies.js';
import { respond } from '../src/discord/respond.js';

export const data = new SlashCommandBuilder()
  .setName('summary')
  .setDescription('Summarize the story in a few cited sentences')
  .addStringOption((o) =>
    o
      .setName('length')
      .setDescription('How long (default: medium)')
      .addChoices(...SUMMARY_LENGTHS.map((l) => ({ name: l, value: l }))),
  )
  .addStringOption((o) => o.setName('story').setDescription('Which story (default: the first)').setAutocomplete(true));

function isLength(value: string | null): value is SummaryLength {
  return isSummaryLength(value);
}

export async function execute(interaction: ChatInputCommandInteraction, context: BotContext): Promise<void> {
  const length = interaction.options.getString('length');
  const story = interaction.options.getString('story') ?? undefined;
  const payload = summaryPayload(context.library, {
    length: isLength(length) ? length : 'medium',
    ...(story !== undefined ? { story } : {}),
  });
  await respond(interaction, payload);
}

export async function autocomplete(interaction: AutocompleteInteraction, context: BotContext): Promise<void> {
  await interaction.respond(storyChoices(context.library, interaction.options.getFocused()));
}
