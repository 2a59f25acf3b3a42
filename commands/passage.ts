import { SlashCommandBuilder, type AutocompleteInteraction, type ChatInputCommandInteraction } from 'discord.js';
import type { BotContext } from '../src/discord/context.js';
import { paragraphChoices, storyChoices } from '../src/discord/autocomplete.js';
import { paragraphPayload } from '../src/discord/replies.js';
import { respond } from '../src/discord/respond.js';

export const data = new SlashCommandBuilder()
  .setName('passage')
  .setDescription('Show one paragraph of the story in full')
  .addIntegerOption((o) =>
    o.setName('number').setDescription('Paragraph number (¶N)').setRequired(true).setMinValue(1).setAutocomplete(true),
  )
  .addStringOption((o) => o.setName('story').setDescription('Which story (default: the first)').setAutocomplete(true));

export async function execute(interaction: ChatInputCommandInteraction, context: BotContext): Promise<void> {
  const n = interaction.options.getInteger('number', true);
  const story = interaction.options.getString('story') ?? undefined;
  const payload = paragraphPayload(context.library, n, story);
  // A bad number is the asker's business only; a paragraph is worth showing to the channel.
  await respond(interaction, payload, { ephemeral: payload.embeds.length === 0 });
}

export async function autocomplete(interaction: AutocompleteInteraction, context: BotContext): Promise<void> {
  const focused = interaction.options.getFocused(true);
  if (focused.name === 'story') {
    await interaction.respond(storyChoices(context.library, String(focused.value)));
    return;
  }
  const story = interaction.options.getString('story') ?? undefined;
  await interaction.respond(paragraphChoices(context.library, String(focused.value), story));
}
