/**
 * What the Discord layer needs from the rest of storybot, and what every handler receives.
 */
import type {
  AutocompleteInteraction,
  ChatInputCommandInteraction,
  ContextMenuCommandBuilder,
  MessageContextMenuCommandInteraction,
  SlashCommandOptionsOnlyBuilder,
} from 'discord.js';
import type { Library } from '../answer/library.js';
import type { ServerStories } from '../server-stories/service.js';
import type { Logger } from '../log.js';
import type { Cooldown } from './cooldown.js';

/** The part of `Library` the bot uses (narrow, so tests can hand in a stand-in). */
export type StoryLibrary = Pick<Library, 'stories' | 'ask' | 'summarize' | 'paragraph'>;

export interface BotContext {
  /** The stories this request may use: its server's (with the shipped ones), or the shipped ones in DMs. */
  library: StoryLibrary;
  logger: Logger;
  cooldown: Cooldown;
  /** Server stories (`/story`, the questions log, votes); absent when the bot runs without a database. */
  stories?: ServerStoryAccess;
  /** The server the request comes from; null in a DM; undefined before the request is scoped. */
  guildId?: string | null;
}

export interface ServerStoryAccess {
  service: ServerStories;
  /** The only origin attachments are downloaded from (DISCORD_CDN_BASE). */
  cdnBase: string;
  /** Give up on an attachment download after this long (default 10 s). */
  downloadTimeoutMs?: number;
}

/** One slash command module (`commands/*.ts`), in the discord.js guide's shape. */
export interface Command {
  data: Pick<SlashCommandOptionsOnlyBuilder, 'name' | 'toJSON'>;
  /** Every reply is private (so a deferral is too). */
  ephemeral?: boolean;
  execute(interaction: ChatInputCommandInteraction, context: BotContext): Promise<void>;
  autocomplete?(interaction: AutocompleteInteraction, context: BotContext): Promise<void>;
}

/** A message context-menu command (right-click a message → Apps). */
export interface MessageCommand {
  data: Pick<ContextMenuCommandBuilder, 'name' | 'toJSON'>;
  execute(interaction: MessageContextMenuCommandInteraction, context: BotContext): Promise<void>;
}
