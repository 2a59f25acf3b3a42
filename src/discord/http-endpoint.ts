/**
 * The HTTP interactions endpoint: Discord POSTs each slash command, context-menu command,
 * autocomplete and button press to `/interactions`, signed with the application's key, instead of
 * sending it over the gateway. Nothing here keeps state between requests that another replica
 * would need (server stories live in the shared database), so any number of replicas can stand
 * behind a load balancer, which checks `GET /healthz`.
 *
 * The same handlers as the gateway bot's answer: each request becomes a real discord.js
 * interaction on a client that never logs in. Its first response (a reply, an autocomplete
 * result, a deferral) is written into the HTTP response itself (type 4, 8 or 5); later edits and
 * follow-ups go through @discordjs/rest to DISCORD_API_BASE with the interaction's own token. An
 * answer ready within `answerWithinMs` (2.5 s) is the response; one that is not is deferred
 * (type 5) by the handler's own timer and sent as an edit when ready.
 */
import { once } from 'node:events';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Client, Events, Options, Partials, type Interaction } from 'discord.js';
import type { Logger } from '../log.js';
import { answeringContext, type BotCooldownOptions } from './bot.js';
import type { Command, MessageCommand, ServerStoryAccess, StoryLibrary } from './context.js';
import { createInteractionHandler } from './interactions.js';
import { SignatureVerifier, type SignatureVerifierOptions } from './signature.js';

/** Discord gives an endpoint 3 s; what is not answered by then is deferred. */
export const ANSWER_WITHIN_MS = 2500;
/** A response must reach Discord within 3 s: the endpoint's own last resort, short of that. */
const LAST_RESORT_MS = 2900;
/** Interactions carry resolved users, members and messages: generous, still bounded. */
const MAX_BODY_BYTES = 4 * 1024 * 1024;

const PING = 1;
const AUTOCOMPLETE = 4;
const CALLBACK_ROUTE = /^\/interactions\/(\d{1,20})\/[^/]+\/callback$/;

export interface InteractionsEndpointOptions {
  port: number;
  host: string;
  /** The application's public key, hex (DISCORD_PUBLIC_KEY). */
  publicKey: string;
  library: StoryLibrary;
  logger: Logger;
  /** REST base for edits and follow-ups (DISCORD_API_BASE); Discord's own when unset. */
  apiBase?: string;
  cooldown?: BotCooldownOptions | false;
  stories?: ServerStoryAccess;
  /** The commands to answer (main passes commands/index.ts's lists, as to the bot). */
  commands: readonly Command[];
  messageCommands: readonly MessageCommand[];
  /** Defer an answer not ready after this long (default 2.5 s). */
  answerWithinMs?: number;
  /** Signature checks (tests set the clock). */
  signature?: SignatureVerifierOptions;
}

export interface RunningEndpoint {
  /** The port it listens on (the one given, or the one picked for 0). */
  port: number;
  /** `http://host:port/interactions`, for logs and tests. */
  url: string;
  /** Requests refused for their signature, by reason (tests, logs). */
  refused: Record<string, number>;
  stop(): Promise<void>;
}

/** The HTTP response still owed for one interaction. */
interface Owed {
  respond(body: unknown): boolean;
}

function send(response: ServerResponse, status: number, body: unknown): void {
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  response.writeHead(status, {
    'content-type': typeof body === 'string' ? 'text/plain; charset=utf-8' : 'application/json',
    'content-length': Buffer.byteLength(text),
  });
  response.end(text);
}

async function readBody(request: IncomingMessage): Promise<Buffer | undefined> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_BODY_BYTES) return undefined;
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

/**
 * A discord.js client that never connects: it turns request bodies into interactions, and its
 * REST client sends edits and follow-ups. Its caches would only grow (every user and channel that
 * ever asked), so users, members and messages are not cached at all, and a channel is dropped once
 * no interaction of it is in flight.
 */
function offlineClient(apiBase: string | undefined): Client {
  return new Client({
    intents: [],
    partials: [Partials.Channel],
    ...(apiBase ? { rest: { api: apiBase } } : {}),
    allowedMentions: { parse: [], repliedUser: false },
    makeCache: Options.cacheWithLimits({
      ...Options.DefaultMakeCacheSettings,
      MessageManager: 0,
      UserManager: 0,
      GuildMemberManager: 0,
    }),
  });
}

/**
 * discord.js builds the interaction classes only from gateway packets: this hands it the
 * request's body the same way (the gateway's INTERACTION_CREATE carries the same object).
 */
function dispatch(client: Client, data: unknown): void {
  (
    client as unknown as { actions: { InteractionCreate: { handle(d: unknown): void } } }
  ).actions.InteractionCreate.handle(data);
}

export async function startInteractionsEndpoint(options: InteractionsEndpointOptions): Promise<RunningEndpoint> {
  const { logger } = options;
  const verifier = await SignatureVerifier.create(options.publicKey, options.signature);
  const client = offlineClient(options.apiBase);
  const owed = new Map<string, Owed>();
  const inFlight = new Map<string, number>(); // channel id -> interactions of it being answered
  const handled = new Map<string, (work: Promise<void>) => void>();
  const refused: Record<string, number> = {};
  let stopping = false;

  // The first response of an interaction answered over HTTP goes into that HTTP response.
  const rest = client.rest;
  const post = rest.post.bind(rest);
  rest.post = async (route, request) => {
    const id = CALLBACK_ROUTE.exec(route)?.[1];
    const pending = id ? owed.get(id) : undefined;
    if (pending && !(request?.files && request.files.length > 0) && pending.respond(request?.body)) return undefined;
    return post(route, request);
  };

  const { context } = answeringContext(options, logger);
  const onInteraction = createInteractionHandler({
    context,
    commands: options.commands,
    messageCommands: options.messageCommands,
    deferAfterMs: options.answerWithinMs ?? ANSWER_WITHIN_MS,
  });
  client.on(Events.InteractionCreate, (interaction: Interaction) => {
    const work = onInteraction(interaction).catch((error: unknown) =>
      logger.error('Interaction handler crashed', error),
    );
    handled.get(interaction.id)?.(work);
  });

  async function answer(
    data: { id: string; type: number; channel?: { id?: string }; channel_id?: string },
    response: ServerResponse,
  ): Promise<void> {
    let answered = false;
    const respond = (body: unknown): boolean => {
      if (answered || response.writableEnded) return false;
      answered = true;
      send(response, 200, body);
      return true;
    };
    owed.set(data.id, { respond });
    const channelId = data.channel?.id ?? data.channel_id;
    if (channelId) inFlight.set(channelId, (inFlight.get(channelId) ?? 0) + 1);
    const lastResort = setTimeout(() => {
      if (respond(data.type === AUTOCOMPLETE ? { type: 8, data: { choices: [] } } : { type: 5, data: { flags: 64 } })) {
        logger.warn(`Interaction ${data.id} had no response after ${LAST_RESORT_MS} ms; acknowledged it empty`);
      }
    }, LAST_RESORT_MS);
    try {
      // discord.js emits the interaction synchronously: its handler has started (or not) when dispatch returns.
      let work: Promise<void> | undefined;
      handled.set(data.id, (started) => {
        work = started;
      });
      dispatch(client, data);
      if (work) await work;
      else logger.debug(`Interaction ${data.id} of type ${data.type} is not one storybot answers`);
      if (!answered)
        respond(
          data.type === AUTOCOMPLETE
            ? { type: 8, data: { choices: [] } }
            : { type: 4, data: { content: 'I cannot answer that here.', flags: 64, allowed_mentions: { parse: [] } } },
        );
    } finally {
      clearTimeout(lastResort);
      owed.delete(data.id);
      handled.delete(data.id);
      if (channelId) {
        const left = (inFlight.get(channelId) ?? 1) - 1;
        if (left > 0) inFlight.set(channelId, left);
        else {
          inFlight.delete(channelId);
          client.channels.cache.delete(channelId);
        }
      }
    }
  }

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const path = new URL(request.url ?? '/', 'http://endpoint').pathname;
    if (path === '/healthz') {
      if (request.method !== 'GET' && request.method !== 'HEAD') return send(response, 405, 'Method Not Allowed');
      return send(response, stopping ? 503 : 200, { status: stopping ? 'stopping' : 'ok' });
    }
    if (path !== '/interactions') return send(response, 404, 'Not Found');
    if (request.method !== 'POST') return send(response, 405, 'Method Not Allowed');
    const body = await readBody(request);
    if (!body) return send(response, 413, 'Payload Too Large');
    const verdict = await verifier.verify(
      request.headers['x-signature-ed25519'] as string | undefined,
      request.headers['x-signature-timestamp'] as string | undefined,
      body,
    );
    if (!verdict.ok) {
      refused[verdict.reason] = (refused[verdict.reason] ?? 0) + 1;
      logger.debug(`Refused a request to /interactions: ${verdict.reason} signature`);
      return send(response, 401, 'invalid request signature');
    }
    let data: { id?: unknown; type?: unknown };
    try {
      data = JSON.parse(body.toString('utf8')) as typeof data;
    } catch {
      return send(response, 400, 'Bad Request');
    }
    if (data.type === PING) return send(response, 200, { type: 1 });
    if (typeof data.id !== 'string' || typeof data.type !== 'number') return send(response, 400, 'Bad Request');
    await answer(data as { id: string; type: number }, response);
  }

  const server: Server = createServer((request, response) => {
    handle(request, response).catch((error: unknown) => {
      logger.error('The interactions endpoint failed on a request', error);
      if (!response.headersSent) send(response, 500, 'Internal Server Error');
      else response.end();
    });
  });
  server.keepAliveTimeout = 65_000; // longer than common load balancers' idle timeout
  server.listen(options.port, options.host);
  await once(server, 'listening');
  const port = (server.address() as AddressInfo).port;
  const shownHost = options.host === '0.0.0.0' || options.host === '::' ? 'localhost' : options.host;
  const url = `http://${shownHost}:${port}/interactions`;
  logger.info(`Answering Discord interactions at ${url} (POST; GET /healthz for load balancers)`);

  return {
    port,
    url,
    refused,
    async stop() {
      stopping = true;
      // Let interactions under way get their responses (Discord waits at most 3 s), then close.
      const deadline = Date.now() + LAST_RESORT_MS;
      while (owed.size > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
      server.closeIdleConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await client.destroy();
    },
  };
}
