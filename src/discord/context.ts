/**
 * What the Discord layer needs from the rest of storybot, and what every handler receives.
 */
import type { AutocompleteInteraction, ChatInputCommandInteraction, SlashCommandOptionsOnlyBuilder } from 'discord.js';
import type { Library } from '../answer/library.js';
import type { Logger } from '../log.js';
import type { Cooldown } from './cooldown.js';

/** The part of `Library` the bot uses (narrow, so tests can hand in a stand-in). */
export type StoryLibrary = Pick<Library, 'stories' | 'ask' | 'summarize' | 'paragraph'>;

export interface BotContext {
  library: StoryLibrary;
  logger: Logger;
  cooldown: Cooldown;
}

/** One slash command module (`commands/*.ts`), in the discord.js guide's shape. */
export interface Command {
  data: Pick<SlashCommandOptionsOnlyBuilder, 'name' | 'toJSON'>;
  execute(interaction: ChatInputCommandInteraction, context: BotContext): Promise<void>;
  autocomplete?(interaction: AutocompleteInteraction, context: BotContext): Promise<void>;
}
