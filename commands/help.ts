import { SlashCommandBuilder, type ChatInputCommandInteraction } from 'discord.js';
import type { BotContext } from '../src/discord/context.js';
import { helpPayload } from '../src/discord/replies.js';
import { respond } from '../src/discord/respond.js';

export const data = new SlashCommandBuilder().setName('help').setDescription('How to use storybot');

export async function execute(interaction: ChatInputCommandInteraction, context: BotContext): Promise<void> {
  await respond(interaction, helpPayload(context.library), { ephemeral: true });
}
