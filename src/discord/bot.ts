/**
 * Starting and stopping the Discord client. `startBot` is the contract the end-to-end tests and
 * main.ts use: it logs in, wires the handlers and resolves once the client is ready.
 */
import { Client, Events, GatewayIntentBits, Partials, RESTEvents, type ClientOptions } from 'discord.js';
import { DEFAULTS } from '../config.js';
import { createLogger, type Logger } from '../log.js';
import type { BotContext, Command, MessageCommand, ServerStoryAccess, StoryLibrary } from './context.js';
import { Cooldown, type CooldownOptions } from './cooldown.js';
import { createInteractionHandler } from './interactions.js';
import { createMentionHandler } from './mentions.js';

export interface BotCooldownOptions extends CooldownOptions {
  /** Mention replies per channel per window (default: twice `requests`). */
  channelRequests?: number;
}

export interface StartBotOptions {
  token: string;
  library: StoryLibrary;
  /** REST base without version, e.g. `http://127.0.0.1:PORT/api`; the gateway URL then comes
   * from `GET {apiBase}/v10/gateway/bot`. */
  apiBase?: string;
  logger?: Logger;
  /** Per-user limit; `false` or `requests: 0` turns it off (benchmarks). Default 5 per 10 s. */
  cooldown?: BotCooldownOptions | false;
  /** Defer interactions still unanswered after this long (default 1.5 s). */
  deferAfterMs?: number;
  /** Give up if the client is not ready this long after login starts (default 30 s). */
  readyTimeoutMs?: number;
  /** The slash commands to answer (main passes commands/index.ts's list). */
  commands: readonly Command[];
  messageCommands: readonly MessageCommand[];
  /** Server stories (`/story`, per-server libraries, questions log, votes); without it every
   * server sees only `library`. */
  stories?: ServerStoryAccess;
  /** Gateway shards this client runs (src/scale/process.ts); discord.js's defaults without it. */
  gateway?: Pick<ClientOptions, 'shards' | 'shardCount' | 'ws'>;
}

export interface RunningBot {
  client: Client;
  stop(): Promise<void>;
}

export type LoginFailure = 'invalid-token' | 'disallowed-intents' | 'unreachable' | 'timeout' | 'other';

/** Why the bot could not log in, in one line that never contains the token. */
export class LoginError extends Error {
  constructor(
    readonly reason: LoginFailure,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'LoginError';
  }
}

const NETWORK_ERRORS = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ECONNRESET',
  'ETIMEDOUT',
  'UND_ERR_CONNECT_TIMEOUT',
]);

function networkCode(error: unknown): string | undefined {
  for (let e = error; e && typeof e === 'object'; e = (e as { cause?: unknown }).cause) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && NETWORK_ERRORS.has(code)) return code;
  }
  return undefined;
}

export function explainLoginError(error: unknown, apiBase?: string): LoginError {
  if (error instanceof LoginError) return error;
  const code = (error as { code?: unknown } | undefined)?.code;
  const message = error instanceof Error ? error.message : String(error);
  const status = (error as { status?: unknown } | undefined)?.status;
  if (code === 'TokenInvalid' || status === 401 || /authentication failed/i.test(message)) {
    return new LoginError(
      'invalid-token',
      'Discord rejected DISCORD_TOKEN (401 Unauthorized): reset the token in the Developer Portal (your application → Bot → Reset Token) and put the new one in .env.',
      { cause: error },
    );
  }
  if (code === 'DisallowedIntents' || /disallowed intents/i.test(message)) {
    return new LoginError('disallowed-intents', 'Discord refused the gateway intents the bot asked for.', {
      cause: error,
    });
  }
  const network = networkCode(error);
  if (network) {
    return new LoginError(
      'unreachable',
      `Could not reach Discord at ${apiBase ?? 'https://discord.com/api'} (${network}): check the network or DISCORD_API_BASE.`,
      {
        cause: error,
      },
    );
  }
  return new LoginError('other', `Could not log in to Discord: ${message.split('\n')[0]}`, { cause: error });
}

/** The per-user and per-channel cooldowns a bot (or an HTTP endpoint) applies. */
export function cooldownsFrom(option: StartBotOptions['cooldown']): { user: Cooldown; channel: Cooldown } {
  const settings = option === false ? { requests: 0, seconds: 1 } : (option ?? DEFAULTS.cooldown);
  const channelRequests = option === false ? 0 : (option?.channelRequests ?? settings.requests * 2);
  return {
    user: new Cooldown({ requests: settings.requests, seconds: settings.seconds }),
    channel: new Cooldown({ requests: channelRequests, seconds: settings.seconds }),
  };
}

/** What the command and mention handlers answer with, for a bot or an HTTP endpoint alike. */
export function answeringContext(
  options: Pick<StartBotOptions, 'library' | 'cooldown' | 'stories'>,
  logger: Logger,
): { context: BotContext; cooldowns: { user: Cooldown; channel: Cooldown } } {
  const cooldowns = cooldownsFrom(options.cooldown);
  const context: BotContext = {
    library: options.library,
    logger,
    cooldown: cooldowns.user,
    ...(options.stories ? { stories: options.stories } : {}),
  };
  return { context, cooldowns };
}

/** `stopping()` is true once the bot is shutting down: a closing gateway is then expected, not news. */
function watchClient(client: Client, logger: Logger, stopping: () => boolean): void {
  client.on(Events.Error, (error) => logger.error('Discord client error', error));
  client.on(Events.Warn, (message) => logger.warn(`discord.js: ${message}`));
  if (logger.enabled('debug')) client.on(Events.Debug, (message) => logger.debug(`discord.js: ${message}`));
  client.on(Events.ShardDisconnect, (event, shard) => {
    if (!stopping()) logger.warn(`Gateway shard ${shard} disconnected for good (close code ${event.code})`);
  });
  client.on(Events.ShardReconnecting, (shard) => {
    if (!stopping()) logger.info(`Gateway shard ${shard} reconnecting`);
  });
  client.on(Events.ShardResume, (shard, replayed) =>
    logger.info(`Gateway shard ${shard} resumed (${replayed} events replayed)`),
  );
  client.on(Events.ShardError, (error, shard) => logger.warn(`Gateway shard ${shard} error`, error));
  client.rest.on(RESTEvents.RateLimited, (info) =>
    logger.warn(`Rate limited by Discord on ${info.method} ${info.route}; retrying in ${info.retryAfter} ms`),
  );
}

export async function startBot(options: StartBotOptions): Promise<RunningBot> {
  const logger = options.logger ?? createLogger({ secrets: [options.token] });
  logger.addSecret(options.token);
  const client = new Client({
    intents: [GatewayIntentBits.Guilds, GatewayIntentBits.GuildMessages, GatewayIntentBits.DirectMessages],
    partials: [Partials.Channel], // DM channels arrive uncached; without this DMs are dropped
    ...(options.apiBase ? { rest: { api: options.apiBase } } : {}),
    allowedMentions: { parse: [], repliedUser: false },
    ...options.gateway,
  });
  const { context, cooldowns } = answeringContext(options, logger);
  const onInteraction = createInteractionHandler({
    context,
    commands: options.commands,
    messageCommands: options.messageCommands,
    ...(options.deferAfterMs !== undefined ? { deferAfterMs: options.deferAfterMs } : {}),
  });
  const onMessage = createMentionHandler({ context, channelCooldown: cooldowns.channel });
  // The handlers catch their own errors; the extra catch keeps a bug there from becoming an
  // unhandled rejection that would take the process down.
  client.on(Events.InteractionCreate, (interaction) => {
    onInteraction(interaction).catch((error: unknown) => logger.error('Interaction handler crashed', error));
  });
  client.on(Events.MessageCreate, (message) => {
    onMessage(message).catch((error: unknown) => logger.error('Message handler crashed', error));
  });
  let stopping: Promise<void> | undefined;
  watchClient(client, logger, () => stopping !== undefined);

  const readyTimeoutMs = options.readyTimeoutMs ?? 30_000;
  let timer: NodeJS.Timeout | undefined;
  const ready = new Promise<void>((resolve, reject) => {
    client.once(Events.ClientReady, () => resolve());
    timer = setTimeout(
      () =>
        reject(
          new LoginError(
            'timeout',
            `Discord did not report the bot ready within ${Math.round(readyTimeoutMs / 1000)} s.`,
          ),
        ),
      readyTimeoutMs,
    );
  });
  ready.catch(() => {}); // observed below; avoids an unhandled rejection if login fails first
  try {
    await client.login(options.token);
    await ready;
  } catch (error) {
    await client.destroy().catch(() => {});
    throw explainLoginError(error, options.apiBase);
  } finally {
    clearTimeout(timer);
  }

  const stories = options.library.stories.length;
  const shards = client.ws.shards.size;
  const total = client.options.shardCount ?? shards;
  const sharding =
    total > 1 ? ` on shard${shards === 1 ? '' : 's'} ${[...client.ws.shards.keys()].join(', ')} of ${total}` : '';
  logger.info(
    `Logged in as ${client.user?.tag ?? 'unknown'}${sharding}; answering about ${stories} ${stories === 1 ? 'story' : 'stories'}`,
  );
  return {
    client,
    stop() {
      stopping ??= (async () => {
        logger.info('Logging out of Discord');
        await client.destroy();
      })();
      return stopping;
    },
  };
}
