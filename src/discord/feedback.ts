/**
 * Answers that feed `/story gaps`: the question is logged for its server (never who asked), and a
 * public answer carries 👍 / 👎 buttons whose ids name the logged question, so a vote needs no
 * state in the bot and still works after a restart (until the question passes the retention).
 *
 *   vote:up:<question id>    vote:down:<question id>
 */
import { ButtonStyle, ComponentType, type ButtonInteraction } from 'discord.js';
import type { BotContext } from './context.js';
import { LIMITS } from './limits.js';
import { renderNotice, type ButtonRow, type Payload } from './render.js';
import { answerPayload, type AskOptions } from './replies.js';
import { respond } from './respond.js';

const VOTE_ID = /^vote:(up|down):([A-Za-z0-9_-]{1,64})$/;

export function voteButtonIds(questionId: string): { up: string; down: string } {
  return { up: `vote:up:${questionId}`, down: `vote:down:${questionId}` };
}

export function parseVoteId(customId: string): { vote: 1 | -1; questionId: string } | undefined {
  const match = VOTE_ID.exec(customId);
  return match ? { vote: match[1] === 'up' ? 1 : -1, questionId: match[2] } : undefined;
}

function voteRow(questionId: string): ButtonRow {
  const ids = voteButtonIds(questionId);
  return {
    type: ComponentType.ActionRow,
    components: [
      { type: ComponentType.Button, style: ButtonStyle.Secondary, emoji: { name: '👍' }, custom_id: ids.up },
      { type: ComponentType.Button, style: ButtonStyle.Secondary, emoji: { name: '👎' }, custom_id: ids.down },
    ],
  };
}

/**
 * The answer to a question asked in this scope, as `answerPayload` renders it, logged for the
 * server's gaps report, and with vote buttons when everyone sees it.
 */
export function answerWithFeedback(
  context: BotContext,
  rawQuestion: string,
  options: Pick<AskOptions, 'story'> & { ephemeral: boolean },
): Payload {
  let logged: { id: string; written: Promise<void> } | undefined;
  const service = context.stories?.service;
  const payload = answerPayload(context.library, rawQuestion, {
    ...(options.story !== undefined ? { story: options.story } : {}),
    onAnswer: (answer, question) => {
      logged = service?.recordQuestion(context.guildId, question, answer);
    },
  });
  if (!logged) return payload;
  logged.written.catch((error: unknown) => context.logger.warn('Could not log a question for /story gaps', error));
  if (options.ephemeral || payload.components.length >= LIMITS.actionRows) return payload;
  return { ...payload, components: [...payload.components, voteRow(logged.id)] };
}

/** A 👍 or 👎 press: kept once per member per answer, acknowledged only to the voter. */
export async function handleVote(
  interaction: ButtonInteraction,
  context: BotContext,
  vote: { vote: 1 | -1; questionId: string },
): Promise<void> {
  const service = context.stories?.service;
  if (!service || !interaction.guildId) {
    await respond(interaction, renderNotice('Votes are not kept here.'), { ephemeral: true });
    return;
  }
  const outcome = await service.vote(interaction.guildId, vote.questionId, interaction.user.id, vote.vote);
  const thumb = vote.vote === 1 ? '👍' : '👎';
  const text = {
    recorded: `Thanks: your ${thumb} is counted. The server's admins see the answers voted down in /story gaps.`,
    changed: `Changed your vote to ${thumb}.`,
    unchanged: `You already voted ${thumb} on this answer.`,
    'unknown-answer': `That answer is too old to vote on (questions are kept ${service.settings.retentionDays} days).`,
  }[outcome];
  await respond(interaction, renderNotice(text), { ephemeral: true });
}
