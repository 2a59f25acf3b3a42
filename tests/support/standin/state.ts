// What the stand-in's REST handlers share: the world, the gateway, the interactions in flight,
// registered commands, and the record of everything the bot sent.
import type { Gateway } from './gateway.js';
import type { InteractionRecord } from './interactions.js';
import { invalidFormBody } from './limits.js';
import type { Reply, RestCall } from './rest.js';
import type { Json, Message, World } from './world.js';

export interface OutgoingMessage {
  route: string;
  path: string;
  at: number;
  /** The message body as the bot sent it. */
  body: Json;
  /** Who this message would notify, by Discord's allowed_mentions rules: 'everyone', 'replied-user', user or role ids. */
  pinged: string[];
  accepted: boolean;
  interactionId: string | null;
}

export interface StandInSettings {
  /** Discord refuses an interaction callback after 3 s. */
  responseWindowMs: number;
  /** Interaction tokens (edits, follow-ups) last 15 minutes. */
  interactionTokenLifetimeMs: number;
  /** Keep every REST call and outgoing message (tests) or only what is needed (the load benchmark). */
  keepHistory: boolean;
  /** GET /gateway/bot's `shards` (Discord's recommendation). */
  recommendedShards: number;
  /** GET /gateway/bot's `session_start_limit.max_concurrency`. */
  maxConcurrency: number;
}

export interface StandInState {
  readonly world: World;
  readonly gateway: Gateway;
  readonly application: Json & { id: string };
  readonly settings: StandInSettings;
  readonly interactions: Map<string, InteractionRecord>;
  readonly byToken: Map<string, InteractionRecord>;
  readonly commands: { global: Map<string, Json>; guild: Map<string, Map<string, Json>> };
  /** Every message-bearing payload the bot sent, accepted or not. */
  readonly outgoing: OutgoingMessage[];
  /** Payloads refused for breaking Discord's limits (the bot's bug, surfaced like Discord would). */
  readonly violations: Array<{ route: string; problems: string[] }>;
  readonly guildId: string;
  readonly gatewayUrl: string;
}

/** Who a message would ping, following https://discord.com/developers/docs/resources/message#allowed-mentions-object. */
export function pingsOf(body: Json, world: World, repliedTo: Message | null): string[] {
  const content = typeof body.content === 'string' ? body.content : '';
  const allowed = body.allowed_mentions as
    { parse?: string[]; users?: string[]; roles?: string[]; replied_user?: boolean } | undefined;
  const parse = allowed ? (allowed.parse ?? []) : ['users', 'roles', 'everyone'];
  const pinged: string[] = [];
  if (parse.includes('everyone') && /@(everyone|here)/.test(content)) pinged.push('everyone');
  for (const match of content.matchAll(/<@!?(\d{17,20})>/g)) {
    const id = match[1];
    if ((parse.includes('users') || allowed?.users?.includes(id)) && world.users.has(id)) pinged.push(id);
  }
  for (const match of content.matchAll(/<@&(\d{17,20})>/g)) {
    const id = match[1];
    if (parse.includes('roles') || allowed?.roles?.includes(id)) pinged.push(id);
  }
  if (repliedTo && (allowed ? allowed.replied_user === true : true)) pinged.push('replied-user');
  return [...new Set(pinged)];
}

export function recordOutgoing(
  state: StandInState,
  call: RestCall,
  body: Json,
  accepted: boolean,
  repliedTo: Message | null,
  interaction: InteractionRecord | null,
): void {
  if (!state.settings.keepHistory) return;
  state.outgoing.push({
    route: call.route ?? call.path,
    path: call.path,
    at: call.receivedAt,
    body,
    pinged: pingsOf(body, state.world, repliedTo),
    accepted,
    interactionId: interaction?.id ?? null,
  });
}

/** Discord's 400 Invalid Form Body, remembered as a violation. */
export function refuse(state: StandInState, call: RestCall, problems: string[]): Reply {
  state.violations.push({ route: call.route ?? call.path, problems });
  return { status: 400, body: invalidFormBody(problems) };
}
