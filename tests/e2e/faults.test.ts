// Issue 5's faults, against the stand-in with the bot in-process: gateway closes (resumable and
// not), REST 429 with Retry-After, 5xx, an expired interaction token. After each the bot must
// still answer, exactly once, and have logged what happened without the token.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBot, type RunningBot } from '../../src/discord/bot.js';
import { deployCommands } from '../../src/deploy-commands.js';
import { loadLibrary } from '../../src/answer/library.js';
import { Close, DiscordStandIn, type User } from '../support/discord-standin.js';
import { captureLogger, leakedSpellings, type CapturedLog } from '../support/harness.js';
import { citedParagraphs, expectCleanWire, visibleText } from '../support/wire.js';
import { commands, messageCommands } from '../../commands/index.js';

const CALLBACK = 'POST /interactions/:interactionId/:token/callback';
const CHANNEL_MESSAGE = 'POST /channels/:channelId/messages';
const QUESTION = 'How many US troops are in Iraq?';

let standin: DiscordStandIn;
let bot: RunningBot;
let log: CapturedLog;
let users = 0;

function newUser(): User {
  return standin.addUser(`tester${++users}`);
}

/** Ask and return the reply, proving the bot is serving. */
async function stillServes(): Promise<void> {
  const reply = await standin
    .sendInteraction({ command: 'ask', options: { question: QUESTION }, user: newUser() })
    .reply();
  expect(citedParagraphs(visibleText(reply.message ?? reply.body)).length).toBeGreaterThan(0);
}

beforeAll(async () => {
  standin = await DiscordStandIn.start();
  await deployCommands({ token: standin.token, guildId: standin.guildId, apiBase: standin.apiBase });
  log = captureLogger();
  bot = await startBot({
    commands,
    messageCommands,
    token: standin.token,
    library: await loadLibrary('seeds'),
    apiBase: standin.apiBase,
    logger: log.logger,
  });
});

afterAll(async () => {
  await bot?.stop();
  await standin?.stop();
});

describe('faults', () => {
  it('REST 429 with Retry-After on the interaction callback: the reply arrives once, after the wait', async () => {
    standin.failNext(CALLBACK, 429, { retryAfter: 0.3 });
    const record = standin.sendInteraction({ command: 'ask', options: { question: QUESTION }, user: newUser() });
    const reply = await record.reply();
    expect(reply.latencyMs).toBeGreaterThanOrEqual(300);
    const calls = standin.rest.calls.filter((c) => c.path.startsWith(`/interactions/${record.id}/`));
    expect(calls.map((c) => c.status)).toEqual([429, 204]);
    expect(record.visibleReplies()).toBe(1);
  });

  it('REST 429 (global) on a channel message: the mention reply arrives once', async () => {
    standin.failNext(CHANNEL_MESSAGE, 429, { retryAfter: 0.2, global: true });
    const message = standin.sendMessage({ author: newUser(), content: `${standin.botMention} ${QUESTION}` });
    await standin.waitForReplyTo(message);
    const sentinel = standin.sendMessage({ author: newUser(), content: `${standin.botMention} help` });
    await standin.waitForReplyTo(sentinel);
    expect(standin.repliesTo(message)).toHaveLength(1);
    expect(log.text()).toMatch(/rate limit/i);
  });

  it('REST 500 on every callback attempt: logged, nothing half-sent, and the next /ask is answered', async () => {
    // discord.js retries a 5xx three times; enough failures for the answer and the apology both.
    standin.failNext(CALLBACK, 500, { times: 8 });
    const before = log.lines.length;
    const record = standin.sendInteraction({ command: 'ask', options: { question: QUESTION }, user: newUser() });
    await standin.waitUntil(
      () => log.lines.slice(before).some((line) => /ERROR.*(500|Internal Server Error)/.test(line)),
      10_000,
      'the 500 in the log',
    );
    await standin.waitUntil(
      () => standin.rest.pendingFaults() === 0 || record.acknowledged !== null,
      10_000,
      'the retries to finish',
    );
    expect(record.visibleReplies()).toBeLessThanOrEqual(1);
    await stillServes();
  });

  it('an expired interaction token (10062 Unknown interaction): logged, and the bot keeps serving', async () => {
    const before = log.lines.length;
    const record = standin.sendInteraction({ command: 'ask', options: { question: QUESTION }, user: newUser() });
    standin.expire(record);
    await standin.waitUntil(() => record.rejected().length > 0, 5000, 'the refused callback');
    expect(record.rejected()[0].reason).toMatch(/10062/);
    await standin.waitUntil(
      () => log.lines.slice(before).some((line) => /10062|Unknown interaction/i.test(line)),
      5000,
      'the refusal in the log',
    );
    await stillServes();
  });

  it('a resumable close (4000) resumes on resume_gateway_url without a new IDENTIFY', async () => {
    const identifies = standin.gateway.identifies.length;
    const resumes = standin.gateway.resumes.length;
    standin.closeGateway(Close.UnknownError);
    await stillServes();
    expect(standin.gateway.resumes.slice(resumes).map((r) => [r.outcome, r.path])).toEqual([['resumed', '/resume']]);
    expect(standin.gateway.identifies).toHaveLength(identifies);
  });

  it('a non-resumable close (4007 invalid seq) makes it IDENTIFY again, and it still answers', async () => {
    const identifies = standin.gateway.identifies.length;
    standin.closeGateway(Close.InvalidSeq);
    await standin.waitUntil(
      () => standin.gateway.identifies.length > identifies && standin.gateway.liveSessions() === 1,
      12_000,
      'a new session',
    );
    expect(standin.gateway.identifies.at(-1)!.tokenValid).toBe(true);
    await stillServes();
  }, 20_000);

  it('a session Discord refuses to resume (INVALID_SESSION) makes it IDENTIFY, and it still answers', async () => {
    const identifies = standin.gateway.identifies.length;
    standin.invalidateSession(false);
    await standin.waitUntil(
      () => standin.gateway.identifies.length > identifies && standin.gateway.liveSessions() === 1,
      12_000,
      'a new session',
    );
    await stillServes();
  }, 20_000);

  it('logged all of it without the token, and every message stayed within limits and pinged nobody', () => {
    expect(log.text()).toMatch(/reconnect|resum/i);
    expect(leakedSpellings(log.text(), standin.token)).toEqual([]);
    expectCleanWire(standin);
  });
});
