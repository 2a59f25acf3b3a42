/**
 * Every request is answered from its own server's stories: this turns the bot-wide context into
 * the one for the server a request comes from (or for DMs, which see only the shipped stories).
 * Isolation rests here: a handler never sees another server's library.
 */
import type { BotContext } from './context.js';

export async function scopeTo(context: BotContext, guildId: string | null): Promise<BotContext> {
  if (!context.stories) return { ...context, guildId };
  return { ...context, guildId, library: await context.stories.service.libraryFor(guildId) };
}
