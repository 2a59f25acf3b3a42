// The world the stand-in serves: one bot application, guilds (one made at start, more with
// addGuild) each with a #general text channel, users with their permissions per guild, DM
// channels and messages, as the JSON objects Discord's API returns for them.
import { snowflake } from './ids.js';
import { ChannelType, MessageType } from './protocol.js';

export type Json = Record<string, unknown>;

export interface User {
  id: string;
  username: string;
  global_name: string | null;
  discriminator: string;
  avatar: string | null;
  bot?: boolean;
  system?: boolean;
  public_flags: number;
  flags: number;
}

export interface Channel {
  id: string;
  type: number;
  guild_id?: string;
  name?: string;
  position?: number;
  permission_overwrites?: unknown[];
  topic?: string | null;
  nsfw?: boolean;
  parent_id?: string | null;
  rate_limit_per_user?: number;
  last_message_id: string | null;
  recipients?: User[];
  flags: number;
}

export interface Message extends Json {
  id: string;
  channel_id: string;
  guild_id?: string;
  author: User;
  content: string;
  embeds: Json[];
  components: Json[];
  mentions: Json[];
  mention_roles: string[];
  mention_everyone: boolean;
  flags: number;
  type: number;
  timestamp: string;
}

/** Everything in a guild channel a plain member may do, as a permission bit string. */
export const MEMBER_PERMISSIONS = String(
  (1n << 10n) | (1n << 11n) | (1n << 14n) | (1n << 15n) | (1n << 16n) | (1n << 6n) | (1n << 31n) | (1n << 38n),
); // view, send, embed links, attach files, read history, add reactions, use app commands, send in threads

/** Manage Server (MANAGE_GUILD): what /story asks of a member by default. */
export const MANAGE_GUILD = 1n << 5n;
/** Administrator: every permission. */
export const ADMINISTRATOR = 1n << 3n;

export interface Guild {
  id: string;
  name: string;
  ownerId: string;
  /** Its #general channel. */
  channel: Channel;
}

export class World {
  readonly bot: User;
  /** The guild made at start (tests of one server use only this one). */
  readonly guild: Guild;
  readonly channel: Channel;
  readonly guilds = new Map<string, Guild>();
  /** Permissions a user holds in a guild beyond @everyone's (guild id -> user id -> bits). */
  readonly grants = new Map<string, Map<string, bigint>>();
  readonly users = new Map<string, User>();
  readonly channels = new Map<string, Channel>();
  readonly messages = new Map<string, Message>();
  private readonly joinedAt = new Date().toISOString();

  constructor(botName = 'storybot') {
    this.bot = this.makeUser(botName, true);
    this.guild = this.addGuild('Storybot Test Guild');
    this.channel = this.guild.channel;
  }

  /**
   * Another guild the bot is in, with its own #general and owner. `onShard: [id, count]` picks an
   * id whose events Discord would send to that shard ((id >> 22) % count: the creation millisecond).
   */
  addGuild(name: string, onShard?: [number, number]): Guild {
    let at = Date.now();
    if (onShard) {
      const [shard, count] = onShard;
      const ms = BigInt(at) - 1_420_070_400_000n;
      at -= Number((((ms - BigInt(shard)) % BigInt(count)) + BigInt(count)) % BigInt(count));
    }
    const id = snowflake(at);
    const channel = this.addChannel({
      id: snowflake(),
      type: ChannelType.GuildText,
      guild_id: id,
      name: 'general',
      position: 0,
      permission_overwrites: [],
      topic: null,
      nsfw: false,
      parent_id: null,
      rate_limit_per_user: 0,
      last_message_id: null,
      flags: 0,
    });
    const guild: Guild = { id, name, ownerId: snowflake(), channel };
    this.guilds.set(id, guild);
    return guild;
  }

  /** Gives a user extra permissions in a guild (as a role of theirs would). */
  grant(user: User, guildId: string, permissions: bigint): void {
    let users = this.grants.get(guildId);
    if (!users) this.grants.set(guildId, (users = new Map()));
    users.set(user.id, (users.get(user.id) ?? 0n) | permissions);
  }

  /** The member's permissions in a guild channel, as interactions carry them in `member.permissions`. */
  permissionsOf(user: User, guildId: string): bigint {
    const guild = this.guilds.get(guildId);
    if (guild?.ownerId === user.id) return (1n << 50n) - 1n; // the owner has every permission
    const extra = this.grants.get(guildId)?.get(user.id) ?? 0n;
    if (extra & ADMINISTRATOR) return (1n << 50n) - 1n;
    return BigInt(MEMBER_PERMISSIONS) | extra;
  }

  private makeUser(username: string, bot = false): User {
    const user: User = {
      id: snowflake(),
      username,
      global_name: bot ? null : username[0].toUpperCase() + username.slice(1),
      discriminator: '0',
      avatar: null,
      public_flags: 0,
      flags: 0,
      ...(bot ? { bot: true } : {}),
    };
    this.users.set(user.id, user);
    return user;
  }

  addUser(username: string, options: { bot?: boolean } = {}): User {
    return this.makeUser(username, options.bot ?? false);
  }

  /** Another text channel in a guild (the first one unless given). */
  addTextChannel(name: string, guildId = this.guild.id): Channel {
    const guild = this.guilds.get(guildId)!;
    const position = [...this.channels.values()].filter((c) => c.guild_id === guildId).length;
    return this.addChannel({ ...guild.channel, id: snowflake(), name, position, last_message_id: null });
  }

  addChannel(channel: Channel): Channel {
    this.channels.set(channel.id, channel);
    return channel;
  }

  /** The DM channel between the bot and a user, created on first use (as POST /users/@me/channels does). */
  dmChannel(user: User): Channel {
    for (const channel of this.channels.values()) {
      if (channel.type === ChannelType.DM && channel.recipients?.some((r) => r.id === user.id)) return channel;
    }
    return this.addChannel({
      id: snowflake(),
      type: ChannelType.DM,
      last_message_id: null,
      recipients: [user],
      flags: 0,
    });
  }

  isDm(channelId: string): boolean {
    return this.channels.get(channelId)?.type === ChannelType.DM;
  }

  member(user: User, withUser = true): Json {
    return {
      ...(withUser ? { user } : {}),
      nick: null,
      avatar: null,
      banner: null,
      roles: [],
      joined_at: this.joinedAt,
      premium_since: null,
      deaf: false,
      mute: false,
      flags: 0,
      pending: false,
      communication_disabled_until: null,
    };
  }

  /** The GUILD_CREATE payload: the full guild with its channels and the members that matter. */
  guildCreate(guildId = this.guild.id): Json {
    const guild = this.guilds.get(guildId)!;
    const everyone = {
      id: guild.id,
      name: '@everyone',
      color: 0,
      colors: { primary_color: 0, secondary_color: null, tertiary_color: null },
      hoist: false,
      icon: null,
      unicode_emoji: null,
      position: 0,
      permissions: MEMBER_PERMISSIONS,
      managed: false,
      mentionable: false,
      flags: 0,
    };
    const members = [...this.users.values()].map((user) => this.member(user));
    return {
      id: guild.id,
      name: guild.name,
      icon: null,
      splash: null,
      discovery_splash: null,
      owner_id: guild.ownerId,
      afk_channel_id: null,
      afk_timeout: 300,
      verification_level: 0,
      default_message_notifications: 1,
      explicit_content_filter: 0,
      roles: [everyone],
      emojis: [],
      stickers: [],
      features: [],
      mfa_level: 0,
      application_id: null,
      system_channel_id: guild.channel.id,
      system_channel_flags: 0,
      rules_channel_id: null,
      vanity_url_code: null,
      description: null,
      banner: null,
      premium_tier: 0,
      premium_subscription_count: 0,
      preferred_locale: 'en-US',
      public_updates_channel_id: null,
      nsfw_level: 0,
      premium_progress_bar_enabled: false,
      safety_alerts_channel_id: null,
      joined_at: this.joinedAt,
      large: false,
      unavailable: false,
      member_count: members.length,
      voice_states: [],
      members,
      channels: [...this.channels.values()].filter((c) => c.guild_id === guild.id).map(({ guild_id: _, ...c }) => c),
      threads: [],
      presences: [],
      stage_instances: [],
      guild_scheduled_events: [],
      soundboard_sounds: [],
      lazy: true,
    };
  }

  /** User mentions in message text, as Discord resolves them: `<@id>` and `<@!id>` of known users. */
  mentionsIn(content: string, guildId: string | undefined): Json[] {
    const seen = new Set<string>();
    const mentions: Json[] = [];
    for (const match of content.matchAll(/<@!?(\d{17,20})>/g)) {
      const user = this.users.get(match[1]);
      if (!user || seen.has(user.id)) continue;
      seen.add(user.id);
      mentions.push(guildId ? { ...user, member: this.member(user, false) } : { ...user });
    }
    return mentions;
  }

  /** Build and store a message as Discord returns it from the API and in MESSAGE_CREATE. */
  createMessage(fields: {
    channelId: string;
    author: User;
    content?: string;
    embeds?: Json[];
    components?: Json[];
    flags?: number;
    type?: number;
    mentionEveryone?: boolean;
    /** Fields only some messages carry (message_reference, webhook_id, interaction_metadata...). */
    extra?: Json;
  }): Message {
    const channel = this.channels.get(fields.channelId);
    const guildId = channel?.guild_id;
    const content = fields.content ?? '';
    const id = snowflake();
    const message: Message = {
      id,
      channel_id: fields.channelId,
      ...(guildId ? { guild_id: guildId } : {}),
      author: fields.author,
      ...(guildId ? { member: this.member(fields.author, false) } : {}),
      content,
      timestamp: new Date().toISOString(),
      edited_timestamp: null,
      tts: false,
      mention_everyone: fields.mentionEveryone ?? false,
      mentions: this.mentionsIn(content, guildId),
      mention_roles: [],
      attachments: [],
      embeds: fields.embeds ?? [],
      components: fields.components ?? [],
      pinned: false,
      type: fields.type ?? MessageType.Default,
      flags: fields.flags ?? 0,
      ...(channel ? { channel_type: channel.type } : {}),
      ...(fields.extra ?? {}),
    };
    if (channel && !(message.flags & 64)) channel.last_message_id = id;
    this.messages.set(id, message);
    return message;
  }
}
