// A local stand-in for Discord that the real, unmodified discord.js v14 client logs in to: REST under
// http://127.0.0.1:PORT/api/v10 and the v10 gateway over WebSocket on the same port. Tests (and
// bench/discord.ts) drive it as the users would: slash commands, autocomplete, button presses,
// messages and DMs, and as Discord would misbehave: closed sockets, invalid sessions, 429s, 5xx,
// expired interaction tokens. Every REST call and gateway event is recorded for assertions.
//
// No vitest imports here: the benchmark compiles and runs this file with plain node.
import { webcrypto } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';
import { registerBasicRoutes, registerChannelRoutes } from './standin/api-channels.js';
import { registerCommandRoutes } from './standin/api-commands.js';
import { acceptCallback, registerInteractionRoutes } from './standin/api-interactions.js';
import { Gateway } from './standin/gateway.js';
import { botToken, interactionToken, snowflake } from './standin/ids.js';
import { InteractionRecord, type InteractionKind } from './standin/interactions.js';
import { ChannelType, ComponentType, InteractionType, OptionType } from './standin/protocol.js';
import { RestRouter, type FaultOptions, type RestCall } from './standin/rest.js';
import type { OutgoingMessage, StandInSettings, StandInState } from './standin/state.js';
import { Cdn, type CdnFileOptions } from './standin/cdn.js';
import { World, type Channel, type Guild, type Json, type Message, type User } from './standin/world.js';

export { Close, Intent } from './standin/protocol.js';
export { shardOf } from './standin/gateway.js';
export type { InteractionRecord, InteractionReply } from './standin/interactions.js';
export type { RestCall, FaultOptions } from './standin/rest.js';
export type { Json, Message, User, Channel, Guild } from './standin/world.js';
export { MANAGE_GUILD } from './standin/world.js';
export type { CdnFileOptions } from './standin/cdn.js';
export type { OutgoingMessage } from './standin/state.js';
export { pingsOf } from './standin/state.js';

export interface StandInOptions {
  /** HELLO's heartbeat_interval. Discord uses 41250 ms; tests shorten it to see heartbeats. */
  heartbeatIntervalMs?: number;
  /** Privileged intents switched on for the application (none by default, as for a new bot). */
  privilegedIntents?: number;
  /** Discord refuses an interaction callback after 3 s. */
  responseWindowMs?: number;
  /** Interaction tokens (edits, follow-ups) last 15 minutes. */
  interactionTokenLifetimeMs?: number;
  /** Dispatches kept per session for RESUME. */
  replayBufferSize?: number;
  /** Keep every REST call and message (tests) or only what is needed (the load benchmark). */
  keepHistory?: boolean;
  /** Called for a REST route the stand-in does not know (default: a loud line on stderr). */
  onUnknownRoute?: (call: RestCall) => void;
  botName?: string;
  /** GET /gateway/bot's recommended shard count (1 unless a test needs sharding). */
  shards?: number;
  /** Fewer shards than this in IDENTIFY are refused with 4011, as Discord does for a bot in too many guilds. */
  requiredShards?: number;
  /** Identify buckets (session_start_limit.max_concurrency; default 1). */
  maxConcurrency?: number;
  /** How long a bucket waits between IDENTIFYs (Discord: 5 s). */
  identifyWindowMs?: number;
}

/** An attachment as `addAttachment` returns it (what Discord resolves for an attachment option). */
export type Attachment = Json & { id: string; filename: string; size: number; url: string };
type OptionValue = string | number | boolean | Attachment;

const BOT_PERMISSIONS = String((1n << 10n) | (1n << 11n) | (1n << 14n) | (1n << 16n) | (1n << 38n));

export class DiscordStandIn implements StandInState {
  readonly world: World;
  readonly token: string;
  readonly application: Json & { id: string };
  readonly rest: RestRouter;
  readonly gateway: Gateway;
  readonly interactions = new Map<string, InteractionRecord>();
  readonly byToken = new Map<string, InteractionRecord>();
  readonly settings: StandInSettings;
  readonly commands = { global: new Map<string, Json>(), guild: new Map<string, Map<string, Json>>() };
  /** Every message-bearing payload the bot sent, accepted or not. */
  readonly outgoing: OutgoingMessage[] = [];
  /** Payloads refused for breaking Discord's limits (the bot's bug, surfaced like Discord would). */
  readonly violations: Array<{ route: string; problems: string[] }> = [];
  port = 0;
  /** Discord's CDN for attachments, on a loopback port (an origin) of its own. */
  readonly cdn = new Cdn();
  /** Commands a server's owner opened to everyone (Server Settings → Integrations), per guild. */
  readonly permissionOverrides = new Map<string, Set<string>>();
  private readonly server: Server;
  private readonly waiters = new Set<() => void>();
  /** The application's signing keys (Ed25519): Discord signs what it POSTs to an interactions endpoint. */
  private keys?: webcrypto.CryptoKeyPair;
  /** The application's public key, hex: DISCORD_PUBLIC_KEY. */
  publicKey = '';
  /** Interactions go to this URL (HTTP interactions) instead of the gateway, once set. */
  interactionsEndpoint: string | null = null;
  /** Every POST the stand-in made to the endpoint: what it sent and what came back. */
  readonly endpointRequests: Array<{ interactionId: string | null; status: number; body: unknown; ms: number }> = [];

  private constructor(options: StandInOptions) {
    this.settings = {
      responseWindowMs: options.responseWindowMs ?? 3_000,
      interactionTokenLifetimeMs: options.interactionTokenLifetimeMs ?? 15 * 60_000,
      keepHistory: options.keepHistory ?? true,
      recommendedShards: options.shards ?? 1,
      maxConcurrency: options.maxConcurrency ?? 1,
    };
    this.world = new World(options.botName);
    this.token = botToken(this.world.bot.id);
    this.application = {
      id: this.world.bot.id,
      name: this.world.bot.username,
      icon: null,
      description: 'Answers questions about a news story.',
      bot_public: true,
      bot_require_code_grant: false,
      verify_key: 'f'.repeat(64),
      flags: 0,
      team: null,
      owner: {
        id: this.world.guild.ownerId,
        username: 'owner',
        discriminator: '0',
        avatar: null,
        global_name: 'Owner',
        public_flags: 0,
        flags: 0,
      },
      bot: this.world.bot,
    };
    const onChange = () => this.notify();
    const onUnknownRoute =
      options.onUnknownRoute ??
      ((call: RestCall) =>
        process.stderr.write(`[discord-standin] UNKNOWN ROUTE ${call.method} ${call.path} (answered 404)\n`));
    this.rest = new RestRouter({ token: () => this.token, onUnknownRoute, onChange });
    this.rest.keepCalls = this.settings.keepHistory;
    this.gateway = new Gateway({
      token: () => this.token,
      world: this.world,
      applicationId: this.application.id,
      applicationFlags: 0,
      resumeUrl: () => `ws://127.0.0.1:${this.port}/resume`,
      heartbeatIntervalMs: options.heartbeatIntervalMs ?? 41_250,
      privilegedIntentsEnabled: options.privilegedIntents ?? 0,
      replayBufferSize: options.replayBufferSize ?? 1_000,
      maxConcurrency: options.maxConcurrency ?? 1,
      identifyWindowMs: options.identifyWindowMs ?? 5_000,
      requiredShards: options.requiredShards ?? 1,
      onChange,
    });
    this.server = createServer((request, response) => void this.rest.handle(request, response));
    this.server.keepAliveTimeout = 30_000;
    this.server.on('upgrade', (request, socket, head) => {
      const path = new URL(request.url ?? '/', 'http://stand-in').pathname;
      if (path === '/gateway' || path === '/resume') this.gateway.handleUpgrade(request, socket, head);
      else socket.destroy();
    });
    registerBasicRoutes(this.rest, this);
    registerCommandRoutes(this.rest, this);
    registerInteractionRoutes(this.rest, this);
    registerChannelRoutes(this.rest, this);
  }

  static async start(options: StandInOptions = {}): Promise<DiscordStandIn> {
    const standin = new DiscordStandIn(options);
    await new Promise<void>((resolve) => standin.server.listen(0, '127.0.0.1', resolve));
    standin.port = (standin.server.address() as AddressInfo).port;
    await standin.cdn.start();
    standin.keys = (await webcrypto.subtle.generateKey({ name: 'Ed25519' }, true, [
      'sign',
      'verify',
    ])) as webcrypto.CryptoKeyPair;
    standin.publicKey = Buffer.from(await webcrypto.subtle.exportKey('raw', standin.keys.publicKey)).toString('hex');
    standin.application.verify_key = standin.publicKey;
    return standin;
  }

  // ---------------------------------------------------------------- HTTP interactions

  /** Discord's signature headers for a body sent at `timestamp` (seconds); `forge` signs other bytes. */
  async signatureHeaders(
    body: string,
    options: { timestamp?: number; forge?: boolean } = {},
  ): Promise<Record<string, string>> {
    const timestamp = String(options.timestamp ?? Math.floor(Date.now() / 1000));
    const signed = options.forge ? `${timestamp}${body} ` : `${timestamp}${body}`;
    const signature = await webcrypto.subtle.sign({ name: 'Ed25519' }, this.keys!.privateKey, Buffer.from(signed));
    return { 'x-signature-ed25519': Buffer.from(signature).toString('hex'), 'x-signature-timestamp': timestamp };
  }

  /**
   * POSTs a body to the interactions endpoint as Discord would (or, with `headers`, exactly as
   * given: a test of bad, missing or replayed signatures). Returns the endpoint's answer.
   */
  async postToEndpoint(
    body: string,
    headers?: Record<string, string>,
    url = this.interactionsEndpoint,
  ): Promise<{ status: number; json: unknown; text: string; headers: Record<string, string> }> {
    if (!url) throw new Error('no interactions endpoint set (useInteractionsEndpoint)');
    const response = await fetch(url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'user-agent': 'Discord-Interactions/1.0 (+https://discord.com)',
        ...(headers ?? (await this.signatureHeaders(body))),
      },
      body,
    });
    const text = await response.text();
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      json = null;
    }
    return { status: response.status, json, text, headers: Object.fromEntries(response.headers) };
  }

  /**
   * Sets the application's Interactions Endpoint URL, checked the way the Developer Portal checks
   * it before saving: a signed PING must get a PONG, and a PING with a bad signature a 401.
   * From then on interactions are POSTed there, never sent over the gateway.
   */
  async useInteractionsEndpoint(url: string): Promise<void> {
    const ping = JSON.stringify({
      id: snowflake(),
      application_id: this.application.id,
      type: InteractionType.Ping,
      token: interactionToken(),
      version: 1,
    });
    const good = await this.postToEndpoint(ping, undefined, url);
    if (good.status !== 200 || (good.json as Json | null)?.type !== 1)
      throw new Error(`the endpoint answered a signed PING with ${good.status} ${good.text.slice(0, 100)}, not a PONG`);
    const bad = await this.postToEndpoint(ping, await this.signatureHeaders(ping, { forge: true }), url);
    if (bad.status !== 401) throw new Error(`the endpoint answered a badly signed PING with ${bad.status}, not 401`);
    this.interactionsEndpoint = url;
  }

  /** Delivers an interaction over HTTP: the endpoint's response is the interaction's callback. */
  private async deliverOverHttp(record: InteractionRecord, payload: Json): Promise<void> {
    const body = JSON.stringify(payload);
    const sent = performance.now();
    let answer: Awaited<ReturnType<DiscordStandIn['postToEndpoint']>>;
    try {
      answer = await this.postToEndpoint(body);
    } catch (error) {
      record.note(
        {
          kind: 'rejected',
          at: performance.now(),
          route: 'POST interactions endpoint',
          status: 0,
          body: {},
          reason: `endpoint unreachable: ${error instanceof Error ? error.message : String(error)}`,
        },
        null,
      );
      this.notify();
      return;
    }
    const receivedAt = performance.now();
    if (this.settings.keepHistory)
      this.endpointRequests.push({
        interactionId: record.id,
        status: answer.status,
        body: answer.json,
        ms: receivedAt - sent,
      });
    const responseBody = (answer.json ?? {}) as Json;
    if (answer.status !== 200) {
      record.note(
        {
          kind: 'rejected',
          at: receivedAt,
          route: 'POST interactions endpoint',
          status: answer.status,
          body: responseBody,
          reason: `the endpoint answered ${answer.status}`,
        },
        null,
      );
    } else {
      const call: RestCall = {
        seq: -1,
        method: 'POST',
        path: '(interactions endpoint response)',
        route: 'HTTP response to POST /interactions',
        query: {},
        authorized: null,
        body: responseBody,
        status: 200,
        response: null,
        receivedAt,
      };
      acceptCallback(this, record, responseBody, call, false);
    }
    this.notify();
  }

  /** What DISCORD_API_BASE (discord.js's `rest.api`) should be set to. */
  get apiBase(): string {
    return `http://127.0.0.1:${this.port}/api`;
  }

  get gatewayUrl(): string {
    return `ws://127.0.0.1:${this.port}/gateway`;
  }

  get bot(): User {
    return this.world.bot;
  }

  get guildId(): string {
    return this.world.guild.id;
  }

  get channel(): Channel {
    return this.world.channel;
  }

  /** What DISCORD_CDN_BASE should be set to. */
  get cdnBase(): string {
    return this.cdn.origin;
  }

  addUser(
    username: string,
    options: { bot?: boolean; grant?: { guild: Guild | string; permissions: bigint } } = {},
  ): User {
    const user = this.world.addUser(username, options);
    if (options.grant) this.grant(user, options.grant.guild, options.grant.permissions);
    return user;
  }

  /** Gives a user permissions in a guild (Manage Server: `MANAGE_GUILD`), as a role would. */
  grant(user: User, guild: Guild | string, permissions: bigint): void {
    this.world.grant(user, typeof guild === 'string' ? guild : guild.id, permissions);
  }

  /** Another guild the bot is in; a connected bot receives its GUILD_CREATE. `onShard: [id, count]` places it on that shard. */
  addGuild(name: string, onShard?: [number, number]): Guild {
    const guild = this.world.addGuild(name, onShard);
    if (this.gateway.sessions.length > 0) this.gateway.dispatch('GUILD_CREATE', this.world.guildCreate(guild.id));
    return guild;
  }

  /** A server's owner lets everyone use a command whatever its default_member_permissions say. */
  openCommandToEveryone(guild: Guild | string, command: string): void {
    const id = typeof guild === 'string' ? guild : guild.id;
    let open = this.permissionOverrides.get(id);
    if (!open) this.permissionOverrides.set(id, (open = new Set()));
    open.add(command);
  }

  /** A file a user attaches in a channel; pass the result as an attachment option's value. */
  addAttachment(options: CdnFileOptions & { channel?: Channel }): Attachment {
    return this.cdn.add((options.channel ?? this.world.channel).id, options);
  }

  /** A new text channel in a guild (the first unless given); a connected bot hears of it through CHANNEL_CREATE. */
  addChannel(name: string, guild?: Guild): Channel {
    const channel = this.world.addTextChannel(name, guild?.id);
    if (this.gateway.sessions.length > 0) this.gateway.dispatch('CHANNEL_CREATE', { ...channel });
    return channel;
  }

  // ---------------------------------------------------------------- waiting

  private notify(): void {
    for (const check of [...this.waiters]) check();
  }

  /**
   * Resolve with the first truthy value of `check`, re-evaluated whenever the stand-in records
   * something (and every 25 ms for state outside it); reject after `timeoutMs` naming `what`.
   */
  waitUntil<T>(check: () => T | undefined | null | false, timeoutMs = 5_000, what = 'condition'): Promise<T> {
    return new Promise((resolve, reject) => {
      const finish = (outcome: () => void) => {
        this.waiters.delete(evaluate);
        clearInterval(poll);
        clearTimeout(timer);
        outcome();
      };
      const evaluate = () => {
        let value: T | undefined | null | false;
        try {
          value = check();
        } catch (cause) {
          finish(() => reject(cause instanceof Error ? cause : new Error(String(cause))));
          return;
        }
        if (value) finish(() => resolve(value));
      };
      const poll = setInterval(evaluate, 25);
      const timer = setTimeout(
        () => finish(() => reject(new Error(`timed out after ${timeoutMs} ms waiting for ${what}`))),
        timeoutMs,
      );
      this.waiters.add(evaluate);
      evaluate();
    });
  }

  /** Resolves once a bot session is connected and has been sent READY (or RESUMED). */
  waitForLiveSession(timeoutMs = 10_000): Promise<true> {
    return this.waitUntil(() => this.gateway.liveSessions() > 0, timeoutMs, 'a live gateway session');
  }

  // ---------------------------------------------------------------- faults

  /** The next `times` requests to `route` (e.g. "POST /interactions/:interactionId/:token/callback") get `status`. */
  failNext(route: string, status: number, options: FaultOptions = {}): void {
    this.rest.failNext(route, status, options);
  }

  /** Discord closes the gateway socket with `code`; the session survives or not as Discord's rules say. */
  closeGateway(code: number, reason?: string): number {
    return this.gateway.closeAll(code, reason);
  }

  invalidateSession(resumable: boolean): void {
    this.gateway.invalidateSessions(resumable);
  }

  requestReconnect(): void {
    this.gateway.requestReconnect();
  }

  /** The interaction's token is no longer valid: callbacks get 404 Unknown interaction, webhooks 401. */
  expire(interaction: InteractionRecord): void {
    interaction.expired = true;
  }

  // ---------------------------------------------------------------- driving the bot as users

  private findCommand(name: string, channel: Channel, user: User, type = 1): Json {
    const guildId = channel.type === ChannelType.DM ? undefined : channel.guild_id;
    const matches = (c: Json | undefined) => (c && Number(c.type ?? 1) === type ? c : undefined);
    const guildCommand = guildId ? matches(this.commands.guild.get(guildId)?.get(name)) : undefined;
    const command = guildCommand ?? matches(this.commands.global.get(name));
    if (!command) {
      const known = [...this.commands.global.keys(), ...((guildId && this.commands.guild.get(guildId)?.keys()) || [])];
      throw new Error(
        `/${name} is not registered${guildId ? '' : ' globally (DMs only see global commands)'}; registered: ${known.join(', ') || 'none'}`,
      );
    }
    // What Discord's client offers: a guild-only command is not in DMs, and a command with
    // default_member_permissions only to members holding them, unless the owner opened it.
    const contexts = command.contexts as number[] | null | undefined;
    if (!guildId && Array.isArray(contexts) && !contexts.includes(1) && !contexts.includes(2)) {
      throw new Error(`Discord's client does not offer /${name} in DMs (contexts ${JSON.stringify(contexts)})`);
    }
    const required = command.default_member_permissions;
    if (guildId && typeof required === 'string' && !this.permissionOverrides.get(guildId)?.has(name)) {
      const needed = BigInt(required);
      if ((this.world.permissionsOf(user, guildId) & needed) !== needed) {
        throw new Error(
          `Discord's client does not offer /${name} to ${user.username}: it needs permissions ${required} (the owner can open it with openCommandToEveryone)`,
        );
      }
    }
    return command;
  }

  /**
   * Options as Discord's client would send them: typed by the registered definition, required ones
   * checked, attachments resolved. With `subcommand`, they are nested in it as Discord nests them.
   */
  private commandOptions(
    command: Json,
    values: Record<string, OptionValue>,
    focused?: string,
    subcommand?: string,
  ): { options: Json[]; resolved?: Json } {
    let definitions = (command.options as Json[] | undefined) ?? [];
    if (subcommand !== undefined) {
      const sub = definitions.find((d) => d.name === subcommand && d.type === OptionType.SubCommand);
      if (!sub) throw new Error(`/${String(command.name)} has no subcommand "${subcommand}"`);
      definitions = (sub.options as Json[] | undefined) ?? [];
    } else if (definitions.some((d) => d.type === OptionType.SubCommand)) {
      throw new Error(`/${String(command.name)} needs a subcommand`);
    }
    const options: Json[] = [];
    const attachments: Record<string, Json> = {};
    for (const [name, value] of Object.entries(values)) {
      const definition = definitions.find((d) => d.name === name);
      if (!definition) throw new Error(`/${String(command.name)} has no option "${name}"`);
      const type = definition.type as number;
      if (name === focused) {
        options.push({ name, type, value: String(value), focused: true });
        continue;
      }
      if (type === OptionType.Attachment) {
        if (typeof value !== 'object' || typeof value.id !== 'string')
          throw new Error(`option "${name}" takes an attachment (standin.addAttachment)`);
        attachments[value.id] = value;
        options.push({ name, type, value: value.id });
        continue;
      }
      const fits =
        (type === OptionType.String && typeof value === 'string') ||
        (type === OptionType.Boolean && typeof value === 'boolean') ||
        (type === OptionType.Integer && Number.isInteger(value)) ||
        (type === OptionType.Number && typeof value === 'number');
      if (!fits)
        throw new Error(
          `/${String(command.name)} option "${name}" (type ${type}) cannot take ${JSON.stringify(value)}`,
        );
      if (
        typeof value === 'string' &&
        typeof definition.max_length === 'number' &&
        value.length > definition.max_length
      ) {
        throw new Error(
          `Discord's client does not let a user type ${value.length} characters into "${name}" (max_length ${definition.max_length})`,
        );
      }
      const choices = definition.choices as Json[] | undefined;
      if (choices?.length && !choices.some((c) => c.value === value))
        throw new Error(`"${String(value)}" is not a choice of "${name}"`);
      options.push({ name, type, value });
    }
    if (!focused) {
      for (const definition of definitions) {
        if (definition.required && !(String(definition.name) in values))
          throw new Error(`/${String(command.name)} needs option "${String(definition.name)}"`);
      }
    }
    const resolved = Object.keys(attachments).length > 0 ? { attachments } : undefined;
    if (subcommand === undefined) return { options, ...(resolved ? { resolved } : {}) };
    return { options: [{ name: subcommand, type: OptionType.SubCommand, options }], ...(resolved ? { resolved } : {}) };
  }

  private channelFor(user: User, dm: boolean, channel?: Channel, guild?: Guild): Channel {
    return dm ? this.world.dmChannel(user) : (channel ?? guild?.channel ?? this.world.channel);
  }

  private interactionBase(
    type: number,
    user: User,
    channel: Channel,
    data: Json,
  ): { id: string; token: string; payload: Json } {
    const id = snowflake();
    const token = interactionToken();
    const inGuild = channel.type !== ChannelType.DM;
    const guildId = channel.guild_id ?? '';
    const permissions = inGuild ? this.world.permissionsOf(user, guildId).toString() : '0';
    const payload: Json = {
      id,
      application_id: this.application.id,
      type,
      data,
      token,
      version: 1,
      channel_id: channel.id,
      channel: inGuild
        ? {
            id: channel.id,
            type: channel.type,
            guild_id: guildId,
            name: channel.name,
            position: 0,
            flags: 0,
            parent_id: null,
            topic: null,
            nsfw: false,
            rate_limit_per_user: 0,
            last_message_id: channel.last_message_id,
            permissions,
          }
        : {
            id: channel.id,
            type: ChannelType.DM,
            last_message_id: channel.last_message_id,
            flags: 0,
            recipients: [user],
          },
      app_permissions: BOT_PERMISSIONS,
      locale: 'en-US',
      entitlements: [],
      authorizing_integration_owners: inGuild ? { '0': guildId } : { '1': user.id },
      context: inGuild ? 0 : 1,
      attachment_size_limit: 10 * 1024 * 1024,
      ...(inGuild
        ? {
            guild_id: guildId,
            guild: { id: guildId, locale: 'en-US', features: [] },
            guild_locale: 'en-US',
            member: { ...this.world.member(user), permissions },
          }
        : { user }),
    };
    return { id, token, payload };
  }

  private deliver(
    kind: InteractionKind,
    name: string,
    user: User,
    channel: Channel,
    built: { id: string; token: string; payload: Json },
    componentMessageId: string | null,
  ): InteractionRecord {
    const record = new InteractionRecord(
      built.id,
      built.token,
      kind,
      name,
      user,
      channel.id,
      channel.guild_id ?? null,
      built.payload,
      componentMessageId,
      0,
    );
    this.interactions.set(record.id, record);
    this.byToken.set(record.token, record);
    record.dispatchedAt = performance.now();
    if (this.interactionsEndpoint) void this.deliverOverHttp(record, built.payload);
    else record.delivered = this.gateway.dispatch('INTERACTION_CREATE', built.payload) > 0;
    return record;
  }

  /** A user runs a slash command. The returned record fills in as the bot answers; `await record.reply()`. */
  sendInteraction(input: {
    command: string;
    subcommand?: string;
    options?: Record<string, OptionValue>;
    user: User;
    dm?: boolean;
    channel?: Channel;
    guild?: Guild;
  }): InteractionRecord {
    const channel = this.channelFor(input.user, input.dm ?? false, input.channel, input.guild);
    const command = this.findCommand(input.command, channel, input.user);
    const { options, resolved } = this.commandOptions(command, input.options ?? {}, undefined, input.subcommand);
    const data: Json = {
      id: command.id,
      name: command.name,
      type: 1,
      ...(options.length ? { options } : {}),
      ...(resolved ? { resolved } : {}),
      ...(command.guild_id ? { guild_id: command.guild_id } : {}),
    };
    return this.deliver(
      'command',
      input.command,
      input.user,
      channel,
      this.interactionBase(InteractionType.ApplicationCommand, input.user, channel, data),
      null,
    );
  }

  /** A user types into an option with autocomplete; `focused` names that option, its value is the partial text. */
  sendAutocomplete(input: {
    command: string;
    subcommand?: string;
    focused: string;
    options: Record<string, OptionValue>;
    user: User;
    dm?: boolean;
    channel?: Channel;
    guild?: Guild;
  }): InteractionRecord {
    const channel = this.channelFor(input.user, input.dm ?? false, input.channel, input.guild);
    const command = this.findCommand(input.command, channel, input.user);
    let definitions = (command.options as Json[] | undefined) ?? [];
    if (input.subcommand !== undefined)
      definitions = (definitions.find((d) => d.name === input.subcommand)?.options as Json[] | undefined) ?? [];
    const definition = definitions.find((d) => d.name === input.focused);
    if (!definition?.autocomplete)
      throw new Error(`option "${input.focused}" of /${input.command} has no autocomplete`);
    const { options } = this.commandOptions(command, input.options, input.focused, input.subcommand);
    const data: Json = {
      id: command.id,
      name: command.name,
      type: 1,
      options,
      ...(command.guild_id ? { guild_id: command.guild_id } : {}),
    };
    return this.deliver(
      'autocomplete',
      input.command,
      input.user,
      channel,
      this.interactionBase(InteractionType.Autocomplete, input.user, channel, data),
      null,
    );
  }

  /**
   * A user right-clicks a message → Apps → a message command (type 3). Discord resolves the target
   * message, content included, in the interaction: no Message Content intent is needed.
   */
  sendMessageCommand(input: { command: string; message: Message; user: User }): InteractionRecord {
    const message = this.world.messages.get(input.message.id) ?? input.message;
    const channel = this.world.channels.get(message.channel_id) ?? this.world.channel;
    const command = this.findCommand(input.command, channel, input.user, 3);
    const data: Json = {
      id: command.id,
      name: command.name,
      type: 3,
      target_id: message.id,
      resolved: { messages: { [message.id]: message } },
      ...(command.guild_id ? { guild_id: command.guild_id } : {}),
    };
    return this.deliver(
      'message-command',
      input.command,
      input.user,
      channel,
      this.interactionBase(InteractionType.ApplicationCommand, input.user, channel, data),
      null,
    );
  }

  /** Custom ids of every button on a message. */
  buttonsOf(message: Message): string[] {
    return message.components.flatMap((row) =>
      ((row.components as Json[] | undefined) ?? [])
        .filter((c) => c.type === ComponentType.Button && c.custom_id)
        .map((c) => String(c.custom_id)),
    );
  }

  /** A user presses a button the bot put on `message` (only buttons that exist can be pressed). */
  sendButton(input: { message: Message; customId: string; user: User }): InteractionRecord {
    const message = this.world.messages.get(input.message.id) ?? input.message;
    const buttons = this.buttonsOf(message);
    if (!buttons.includes(input.customId))
      throw new Error(
        `message ${message.id} has no button "${input.customId}"; it has: ${buttons.join(', ') || 'none'}`,
      );
    const channel = this.world.channels.get(message.channel_id) ?? this.world.channel;
    const data: Json = { custom_id: input.customId, component_type: ComponentType.Button };
    const built = this.interactionBase(InteractionType.MessageComponent, input.user, channel, data);
    built.payload.message = message;
    return this.deliver('button', input.customId, input.user, channel, built, message.id);
  }

  /** A user posts a message in a guild channel (#general unless given), or in their DM with the bot (`dm: true`). */
  sendMessage(input: {
    author: User;
    content: string;
    dm?: boolean;
    channel?: Channel;
    guild?: Guild;
    mentionEveryone?: boolean;
  }): Message {
    const channel = this.channelFor(input.author, input.dm ?? false, input.channel, input.guild);
    const message = this.world.createMessage({
      channelId: channel.id,
      author: input.author,
      content: input.content,
      mentionEveryone:
        input.mentionEveryone ?? (channel.type !== ChannelType.DM && /@(everyone|here)/.test(input.content)),
    });
    this.gateway.dispatch('MESSAGE_CREATE', message);
    return message;
  }

  /** `<@botId>`, the way Discord's client writes a mention of the bot. */
  get botMention(): string {
    return `<@${this.world.bot.id}>`;
  }

  /** Messages the bot posted as replies to `message` (message_reference). */
  repliesTo(message: Message): Message[] {
    return [...this.world.messages.values()].filter(
      (m) => m.author.id === this.world.bot.id && (m.message_reference as Json | undefined)?.message_id === message.id,
    );
  }

  waitForReplyTo(message: Message, timeoutMs = 5_000): Promise<Message> {
    return this.waitUntil(
      () => this.repliesTo(message)[0],
      timeoutMs,
      `the bot's reply to message "${message.content.slice(0, 60)}"`,
    );
  }

  /** Messages the bot posted into a channel through POST /channels/{id}/messages. */
  channelMessagesFromBot(): Message[] {
    return [...this.world.messages.values()].filter((m) => m.author.id === this.world.bot.id && !m.webhook_id);
  }

  /** Drop what the stand-in remembers about an interaction (the load benchmark keeps memory flat with it). */
  forget(record: InteractionRecord): void {
    this.interactions.delete(record.id);
    this.byToken.delete(record.token);
    if (record.originalMessageId) this.world.messages.delete(record.originalMessageId);
    for (const event of record.events) if (event.messageId) this.world.messages.delete(event.messageId);
  }

  async stop(): Promise<void> {
    this.waiters.clear();
    await this.cdn.stop();
    await this.gateway.stop();
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}
