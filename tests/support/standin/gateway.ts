// The stand-in's gateway: Discord's v10 WebSocket protocol as a bot client sees it. HELLO, then
// IDENTIFY -> READY + GUILD_CREATE or RESUME -> replay + RESUMED; heartbeats are acknowledged;
// dispatches carry an increasing sequence number per session and are kept so a resumed session
// gets what it missed. Intents gate events the way Discord does, including the Message Content
// rule: without that privileged intent a guild message's text arrives empty unless it mentions the
// bot (DMs and the bot's own messages keep their text).
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { performance } from 'node:perf_hooks';
import zlib from 'node:zlib';
import { WebSocketServer, WebSocket, type RawData } from 'ws';
import { sessionId as newSessionId } from './ids.js';
import { ALL_INTENTS, Close, Intent, Op, PRIVILEGED_INTENTS, sessionFateAfterServerClose } from './protocol.js';
import type { Json, Message, World } from './world.js';

export interface GatewayOptions {
  token: () => string;
  world: World;
  applicationId: string;
  applicationFlags: number;
  /** ws:// URL given in READY as resume_gateway_url (a different path from GET /gateway/bot's, so tests see resumes use it). */
  resumeUrl: () => string;
  heartbeatIntervalMs: number;
  /** Privileged intents switched on for the application in the developer portal (none by default). */
  privilegedIntentsEnabled: number;
  /** Dispatches kept per session for RESUME. */
  replayBufferSize: number;
  /** Discord's identify rate limit: one IDENTIFY per bucket (shard id % max_concurrency) per window. */
  maxConcurrency: number;
  identifyWindowMs: number;
  /** Fewer shards than this in IDENTIFY is closed with 4011 (Discord: too many guilds per shard). */
  requiredShards: number;
  onChange: () => void;
}

/** The shard that receives a guild's events: (guild_id >> 22) % num_shards, as Discord documents. */
export function shardOf(guildId: string, shardCount: number): number {
  return Number((BigInt(guildId) >> 22n) % BigInt(shardCount));
}

export interface Packet {
  op: number;
  d: unknown;
  s: number | null;
  t: string | null;
}

export interface IdentifyRecord {
  at: number;
  connection: number;
  path: string;
  intents: number;
  properties: Json;
  shard: unknown;
  compress: unknown;
  tokenValid: boolean;
}

export interface ResumeRecord {
  at: number;
  connection: number;
  path: string;
  sessionId: string;
  seq: number;
  outcome: 'resumed' | 'invalid-session' | 'invalid-seq' | 'bad-token';
  replayed: number;
}

export interface CloseRecord {
  at: number;
  connection: number;
  code: number;
  by: 'server' | 'client';
}

interface Connection {
  id: number;
  path: string;
  query: URLSearchParams;
  socket: WebSocket;
  openedAt: number;
  session: Session | null;
  zlibStream: zlib.Deflate | null;
  zlibPending: Buffer[];
  identifyCompress: boolean;
  serverCloseCode: number | null;
}

interface Session {
  id: string;
  /** [shard id, shard count] from IDENTIFY ([0, 1] when none was sent). */
  shard: [number, number];
  seq: number;
  intents: number;
  buffer: Packet[];
  connection: Connection | null;
  state: 'live' | 'detached' | 'invalid';
}

/** Which intent (if any) Discord requires before it sends this event to a session. */
function intentFor(t: string, d: Json): number {
  switch (t) {
    case 'GUILD_CREATE':
    case 'GUILD_DELETE':
      return Intent.Guilds;
    case 'MESSAGE_CREATE':
    case 'MESSAGE_UPDATE':
    case 'MESSAGE_DELETE':
      return d.guild_id ? Intent.GuildMessages : Intent.DirectMessages;
    case 'TYPING_START':
      return d.guild_id ? Intent.GuildMessageTyping : Intent.DirectMessageTyping;
    default:
      return 0;
  }
}

export class Gateway {
  readonly connections: Connection[] = [];
  readonly identifies: IdentifyRecord[] = [];
  readonly resumes: ResumeRecord[] = [];
  readonly closes: CloseRecord[] = [];
  readonly sessions: Session[] = [];
  heartbeats = 0;
  /** Events the stand-in was asked to dispatch while no session could receive them. */
  undelivered: Array<{ t: string; at: number }> = [];
  /** IDENTIFYs sent before their bucket's window passed (shards not identifying within max_concurrency). */
  readonly identifyViolations: Array<{ at: number; shard: [number, number]; bucket: number; sinceLastMs: number }> = [];
  private readonly lastIdentifyByBucket = new Map<number, number>();
  /** Payloads the client sent that the stand-in does not handle (recorded, never silently dropped). */
  unexpected: Array<{ at: number; connection: number; op: unknown }> = [];
  ackHeartbeats = true;
  private readonly server = new WebSocketServer({ noServer: true, perMessageDeflate: false });
  private nextConnectionId = 1;

  constructor(private readonly options: GatewayOptions) {}

  handleUpgrade(request: IncomingMessage, socket: Duplex, head: Buffer): void {
    const url = new URL(request.url ?? '/', 'http://stand-in');
    this.server.handleUpgrade(request, socket, head, (ws) => this.accept(ws, url));
  }

  private accept(socket: WebSocket, url: URL): void {
    const connection: Connection = {
      id: this.nextConnectionId++,
      path: url.pathname,
      query: url.searchParams,
      socket,
      openedAt: performance.now(),
      session: null,
      zlibStream: null,
      zlibPending: [],
      identifyCompress: false,
      serverCloseCode: null,
    };
    this.connections.push(connection);
    socket.on('message', (data, isBinary) => this.receive(connection, data, isBinary));
    socket.on('close', (code) => this.closed(connection, code));
    socket.on('error', () => undefined);

    if (url.searchParams.get('v') !== '10')
      return this.close(connection, Close.InvalidApiVersion, 'Invalid API version');
    if ((url.searchParams.get('encoding') ?? 'json') !== 'json')
      return this.close(connection, Close.DecodeError, 'Only json encoding is served');
    const compress = url.searchParams.get('compress');
    if (compress === 'zlib-stream') {
      // One deflate context for the whole connection; each payload ends with a sync flush
      // (00 00 ff ff), which is how the client knows a message is complete.
      connection.zlibStream = zlib.createDeflate();
      connection.zlibStream.on('data', (chunk: Buffer) => connection.zlibPending.push(chunk));
    } else if (compress) return this.close(connection, Close.DecodeError, `Unsupported compression ${compress}`);
    this.send(connection, {
      op: Op.Hello,
      d: { heartbeat_interval: this.options.heartbeatIntervalMs, _trace: ['["stand-in",{}]'] },
      s: null,
      t: null,
    });
    this.options.onChange();
  }

  private send(connection: Connection, packet: Packet): void {
    if (connection.socket.readyState !== WebSocket.OPEN) return;
    const json = JSON.stringify(packet);
    if (connection.zlibStream) {
      const stream = connection.zlibStream;
      stream.write(json);
      stream.flush(zlib.constants.Z_SYNC_FLUSH, () => {
        const frame = Buffer.concat(connection.zlibPending.splice(0));
        if (frame.length && connection.socket.readyState === WebSocket.OPEN) connection.socket.send(frame);
      });
    } else if (connection.identifyCompress && packet.op === Op.Dispatch) {
      connection.socket.send(zlib.deflateSync(json));
    } else {
      connection.socket.send(json);
    }
  }

  private close(connection: Connection, code: number, reason: string): void {
    connection.serverCloseCode = code;
    if (connection.socket.readyState === WebSocket.OPEN || connection.socket.readyState === WebSocket.CONNECTING) {
      connection.socket.close(code, reason);
    }
  }

  private receive(connection: Connection, data: RawData, isBinary: boolean): void {
    let packet: { op?: unknown; d?: unknown };
    try {
      if (isBinary) throw new Error('clients send text frames');
      packet = JSON.parse(data.toString());
    } catch {
      return this.close(connection, Close.DecodeError, 'Decode error');
    }
    const d = (packet.d ?? null) as Json | null;
    switch (packet.op) {
      case Op.Heartbeat:
        this.heartbeats++;
        if (this.ackHeartbeats) this.send(connection, { op: Op.HeartbeatAck, d: null, s: null, t: null });
        break;
      case Op.Identify:
        this.identify(connection, d ?? {});
        break;
      case Op.Resume:
        this.resume(connection, d ?? {});
        break;
      case Op.PresenceUpdate:
      case Op.VoiceStateUpdate:
      case Op.RequestGuildMembers:
      case Op.RequestSoundboardSounds:
        if (!connection.session) return this.close(connection, Close.NotAuthenticated, 'Not authenticated');
        this.unexpected.push({ at: performance.now(), connection: connection.id, op: packet.op });
        break;
      default:
        this.unexpected.push({ at: performance.now(), connection: connection.id, op: packet.op });
        return this.close(connection, Close.UnknownOpcode, 'Unknown opcode');
    }
    this.options.onChange();
  }

  private identify(connection: Connection, d: Json): void {
    const intents = typeof d.intents === 'number' ? d.intents : NaN;
    const tokenValid = d.token === this.options.token();
    this.identifies.push({
      at: performance.now(),
      connection: connection.id,
      path: connection.path,
      intents,
      properties: (d.properties ?? {}) as Json,
      shard: d.shard,
      compress: d.compress,
      tokenValid,
    });
    if (connection.session) return this.close(connection, Close.AlreadyAuthenticated, 'Already authenticated');
    if (!tokenValid) return this.close(connection, Close.AuthenticationFailed, 'Authentication failed');
    if (!Number.isInteger(intents) || (intents & ~ALL_INTENTS) !== 0)
      return this.close(connection, Close.InvalidIntents, 'Invalid intent(s)');
    if ((intents & PRIVILEGED_INTENTS & ~this.options.privilegedIntentsEnabled) !== 0) {
      return this.close(connection, Close.DisallowedIntents, 'Disallowed intent(s)');
    }
    const given = d.shard ?? [0, 1];
    const valid =
      Array.isArray(given) &&
      given.length === 2 &&
      given.every((n) => Number.isInteger(n)) &&
      given[1] >= 1 &&
      given[0] >= 0 &&
      given[0] < given[1];
    if (!valid) return this.close(connection, Close.InvalidShard, 'Invalid shard');
    const shard = given as [number, number];
    if (shard[1] < this.options.requiredShards)
      return this.close(connection, Close.ShardingRequired, 'Sharding required');
    // Identify concurrency: one IDENTIFY per bucket per window; Discord invalidates the session of one too early.
    const now = performance.now();
    const bucket = shard[0] % this.options.maxConcurrency;
    const last = this.lastIdentifyByBucket.get(bucket);
    if (last !== undefined && now - last < this.options.identifyWindowMs) {
      this.identifyViolations.push({ at: now, shard, bucket, sinceLastMs: now - last });
      this.send(connection, { op: Op.InvalidSession, d: false, s: null, t: null });
      return;
    }
    this.lastIdentifyByBucket.set(bucket, now);
    connection.identifyCompress = d.compress === true;
    // A fresh IDENTIFY replaces any session this shard left behind (Discord times those out).
    for (const old of this.sessions) if (old.state === 'detached' && old.shard[0] === shard[0]) old.state = 'invalid';

    const session: Session = { id: newSessionId(), shard, seq: 0, intents, buffer: [], connection, state: 'live' };
    this.sessions.push(session);
    connection.session = session;
    const { world } = this.options;
    this.dispatchTo(session, 'READY', {
      v: 10,
      user_settings: {},
      user: { ...world.bot, verified: true, mfa_enabled: false, email: null },
      guilds: this.guildsOf(shard).map((id) => ({ id, unavailable: true })),
      session_id: session.id,
      session_type: 'normal',
      resume_gateway_url: this.options.resumeUrl(),
      shard,
      application: { id: this.options.applicationId, flags: this.options.applicationFlags },
      private_channels: [],
      presences: [],
      relationships: [],
      guild_join_requests: [],
      geo_ordered_rtc_regions: [],
      auth: {},
      _trace: ['["stand-in",{}]'],
    });
    if (intents & Intent.Guilds)
      for (const id of this.guildsOf(shard)) this.dispatchTo(session, 'GUILD_CREATE', world.guildCreate(id));
  }

  /** The guilds a shard is told about. */
  private guildsOf(shard: [number, number]): string[] {
    return [...this.options.world.guilds.keys()].filter((id) => shardOf(id, shard[1]) === shard[0]);
  }

  /** Whether a session's shard receives an event: a guild's go to the guild's shard, the rest (DMs) to shard 0. */
  private shardReceives(session: Session, t: string, d: Json): boolean {
    const guildId = t === 'GUILD_CREATE' || t === 'GUILD_DELETE' ? d.id : d.guild_id;
    if (typeof guildId === 'string' && guildId) return shardOf(guildId, session.shard[1]) === session.shard[0];
    return session.shard[0] === 0;
  }

  private resume(connection: Connection, d: Json): void {
    const record: ResumeRecord = {
      at: performance.now(),
      connection: connection.id,
      path: connection.path,
      sessionId: String(d.session_id),
      seq: Number(d.seq),
      outcome: 'resumed',
      replayed: 0,
    };
    this.resumes.push(record);
    if (d.token !== this.options.token()) {
      record.outcome = 'bad-token';
      return this.close(connection, Close.AuthenticationFailed, 'Authentication failed');
    }
    const session = this.sessions.find((s) => s.id === d.session_id);
    const oldest = session?.buffer[0]?.s ?? (session ? session.seq + 1 : 0);
    if (!session || session.state === 'invalid' || record.seq + 1 < oldest) {
      record.outcome = 'invalid-session';
      // d: false tells the client the session cannot be resumed: it must IDENTIFY.
      this.send(connection, { op: Op.InvalidSession, d: false, s: null, t: null });
      return;
    }
    if (!Number.isInteger(record.seq) || record.seq > session.seq) {
      record.outcome = 'invalid-seq';
      return this.close(connection, Close.InvalidSeq, 'Invalid seq');
    }
    if (session.connection && session.connection !== connection)
      this.close(session.connection, Close.UnknownError, 'Session resumed elsewhere');
    session.connection = connection;
    session.state = 'live';
    connection.session = session;
    const missed = session.buffer.filter((packet) => (packet.s ?? 0) > record.seq);
    for (const packet of missed) this.send(connection, packet);
    record.replayed = missed.length;
    this.dispatchTo(session, 'RESUMED', { _trace: ['["stand-in",{}]'] });
  }

  private closed(connection: Connection, code: number): void {
    const by = connection.serverCloseCode !== null ? 'server' : 'client';
    const effective = connection.serverCloseCode ?? code;
    this.closes.push({ at: performance.now(), connection: connection.id, code: effective, by });
    connection.zlibStream?.destroy();
    const session = connection.session;
    if (session && session.connection === connection) {
      session.connection = null;
      const fate =
        by === 'server'
          ? sessionFateAfterServerClose(effective)
          : code === Close.Normal || code === Close.GoingAway
            ? 'new-session'
            : 'resumable';
      session.state = fate === 'resumable' && session.state !== 'invalid' ? 'detached' : 'invalid';
    }
    this.options.onChange();
  }

  /** Assign the next sequence number, keep the packet for RESUME, send it if the session is connected. */
  private dispatchTo(session: Session, t: string, d: unknown): Packet {
    const packet: Packet = { op: Op.Dispatch, d, s: ++session.seq, t };
    session.buffer.push(packet);
    if (session.buffer.length > this.options.replayBufferSize) session.buffer.shift();
    if (session.state === 'live' && session.connection) this.send(session.connection, packet);
    return packet;
  }

  /** What a session without the Message Content intent sees of a message. */
  private visibleMessage(session: Session, message: Message): Message {
    if (session.intents & Intent.MessageContent) return message;
    const botId = this.options.world.bot.id;
    const mentionsBot = message.mentions.some((user) => user.id === botId);
    if (!message.guild_id || message.author.id === botId || mentionsBot) return message;
    return { ...message, content: '', embeds: [], attachments: [], components: [] };
  }

  /**
   * Dispatch an event to every session that may receive it (live now, or detached and able to
   * resume). Returns how many sessions took it; 0 means no bot would ever see the event.
   */
  dispatch(t: string, d: Json): number {
    let taken = 0;
    for (const session of this.sessions) {
      if (session.state === 'invalid') continue;
      if (!this.shardReceives(session, t, d)) continue;
      const needed = intentFor(t, d);
      if (needed && !(session.intents & needed)) continue;
      const payload = t === 'MESSAGE_CREATE' ? this.visibleMessage(session, d as Message) : d;
      this.dispatchTo(session, t, payload);
      taken++;
    }
    if (taken === 0) this.undelivered.push({ t, at: performance.now() });
    this.options.onChange();
    return taken;
  }

  /** Sessions currently connected and past READY/RESUMED. */
  liveSessions(): number {
    return this.sessions.filter((s) => s.state === 'live' && s.connection).length;
  }

  /** Close every open connection with this code; what happens to the session follows Discord's rules. */
  closeAll(code: number, reason = 'Closed by the stand-in'): number {
    let closed = 0;
    for (const connection of this.connections) {
      if (connection.socket.readyState === WebSocket.OPEN) {
        this.close(connection, code, reason);
        closed++;
      }
    }
    return closed;
  }

  /** Send op 9 to the live sessions and drop them; `resumable: true` lets the client try RESUME. */
  invalidateSessions(resumable: boolean): void {
    for (const session of this.sessions) {
      if (session.state !== 'live' || !session.connection) continue;
      if (!resumable) session.state = 'invalid';
      this.send(session.connection, { op: Op.InvalidSession, d: resumable, s: null, t: null });
    }
  }

  /** Op 7: Discord asks the client to reconnect and resume (as it does before restarting a gateway node). */
  requestReconnect(): void {
    for (const session of this.sessions) {
      if (session.state === 'live' && session.connection)
        this.send(session.connection, { op: Op.Reconnect, d: null, s: null, t: null });
    }
  }

  async stop(): Promise<void> {
    for (const connection of this.connections) {
      if (connection.socket.readyState !== WebSocket.CLOSED) connection.socket.terminate();
    }
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}
