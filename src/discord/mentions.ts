/**
 * Talking to the bot by mentioning it (`@storybot how many troops?`) in a server channel, or by
 * any message in a DM. Replies to the message without pinging its author. Bots (the bot itself
 * included), messages that don't mention it directly and @everyone/@here alone are ignored.
 * Floods: a user over the cooldown hears "slow down" once per window and is then ignored, and a
 * channel has its own, larger, budget so many users together cannot make the bot flood it.
 */
import type { Message } from 'discord.js';
import type { SummaryLength } from '../answer/types.js';
import type { BotContext } from './context.js';
import type { Cooldown } from './cooldown.js';
import { APOLOGY, renderCooldown, renderNotice, type Payload } from './render.js';
import { answerWithFeedback } from './feedback.js';
import { answerPayload, helpPayload, paragraphPayload, summaryPayload } from './replies.js';
import { scopeTo } from './scope.js';

export type MentionRequest =
  | { kind: 'help' }
  | { kind: 'ask'; question: string }
  | { kind: 'summary'; length?: SummaryLength }
  | { kind: 'passage'; paragraph: number };

const HELP = /^(?:help|commands|\?)[\s.!?]*$/i;
const SUMMARY = /^(?:summary|summari[sz]e(?: it| the story)?|tl;?dr)(?:\s+(short|medium|long))?[\s.!?]*$/i;
const PASSAGE = /^(?:passage|paragraph|para|¶)\s*#?(\d{1,6})[\s.!?]*$/i;

/**
 * What a message asks of the bot, or undefined when it is not addressed to it. In a server the
 * message must mention the bot's user (`<@id>` or `<@!id>`); role mentions and @everyone/@here
 * don't count. In a DM every message is addressed to it.
 */
export function parseMention(content: string, botId: string, isDirectMessage: boolean): MentionRequest | undefined {
  const mention = new RegExp(`<@!?${botId}>[,:]?`, 'g');
  if (!isDirectMessage && !new RegExp(`<@!?${botId}>`).test(content)) return undefined;
  const rest = content.replace(mention, ' ').replace(/\s+/g, ' ').trim();
  if (rest === '' || HELP.test(rest)) return { kind: 'help' };
  const summary = SUMMARY.exec(rest);
  if (summary)
    return summary[1] ? { kind: 'summary', length: summary[1].toLowerCase() as SummaryLength } : { kind: 'summary' };
  const passage = PASSAGE.exec(rest);
  if (passage) return { kind: 'passage', paragraph: Number(passage[1]) };
  return { kind: 'ask', question: rest };
}

export function payloadFor(request: MentionRequest, context: BotContext): Payload {
  switch (request.kind) {
    case 'help':
      return helpPayload(context.library);
    case 'summary':
      return summaryPayload(context.library, request.length ? { length: request.length } : {});
    case 'passage':
      return paragraphPayload(context.library, request.paragraph);
    case 'ask':
      return answerPayload(context.library, request.question);
  }
}

export interface MentionHandlerOptions {
  context: BotContext;
  /** Replies per channel per window; shared by everyone in the channel. */
  channelCooldown: Cooldown;
}

export function createMentionHandler(options: MentionHandlerOptions): (message: Message) => Promise<void> {
  const { context: botContext, channelCooldown } = options;
  const { logger, cooldown } = botContext;

  return async (message) => {
    try {
      const me = message.client.user;
      if (!me || message.author.bot || message.author.id === me.id || message.system || message.webhookId) return;
      const isDirectMessage = !message.inGuild();
      const request = parseMention(message.content, me.id, isDirectMessage);
      if (!request) return;

      const user = cooldown.take(message.author.id);
      if (!user.allowed) {
        if (user.firstRefusal) await message.reply(renderCooldown(user.retryAt));
        return;
      }
      if (!isDirectMessage) {
        const channel = channelCooldown.take(message.channelId);
        if (!channel.allowed) {
          if (channel.firstRefusal)
            await message.reply(
              renderNotice(`This channel is busy: I'll answer again <t:${Math.ceil(channel.retryAt / 1000)}:R>.`),
            );
          return;
        }
      }
      // Answered from this server's stories (a DM: the shipped ones), logged for its gaps report.
      const context = await scopeTo(botContext, message.guildId);
      await message.reply(
        request.kind === 'ask'
          ? answerWithFeedback(context, request.question, { ephemeral: false })
          : payloadFor(request, context),
      );
      logger.debug(
        `Answered a mention (${request.kind}) from user ${message.author.id} in channel ${message.channelId}`,
      );
    } catch (error) {
      logger.error(`Failed to answer message ${message.id} in channel ${message.channelId}`, error);
      await message.reply(renderNotice(APOLOGY)).catch((replyError: unknown) => {
        logger.warn(`Could not send an apology for message ${message.id}`, replyError);
      });
    }
  };
}
