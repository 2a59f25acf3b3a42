// Discord API v10 constants the stand-in speaks, written from Discord's documentation rather than
// imported from discord.js, so the client under test is checked against an independent reading.

export const API_VERSION = 10;

export const Op = {
  Dispatch: 0,
  Heartbeat: 1,
  Identify: 2,
  PresenceUpdate: 3,
  VoiceStateUpdate: 4,
  Resume: 6,
  Reconnect: 7,
  RequestGuildMembers: 8,
  InvalidSession: 9,
  Hello: 10,
  HeartbeatAck: 11,
  RequestSoundboardSounds: 31,
} as const;

/** Gateway close codes (https://discord.com/developers/docs/topics/opcodes-and-status-codes). */
export const Close = {
  Normal: 1000,
  GoingAway: 1001,
  UnknownError: 4000,
  UnknownOpcode: 4001,
  DecodeError: 4002,
  NotAuthenticated: 4003,
  AuthenticationFailed: 4004,
  AlreadyAuthenticated: 4005,
  InvalidSeq: 4007,
  RateLimited: 4008,
  SessionTimedOut: 4009,
  InvalidShard: 4010,
  ShardingRequired: 4011,
  InvalidApiVersion: 4012,
  InvalidIntents: 4013,
  DisallowedIntents: 4014,
} as const;

/**
 * What Discord does with the session when it closes the socket with this code: the session
 * survives (the client may RESUME), is gone (the client must IDENTIFY again), or the close is
 * fatal (the client must not reconnect at all).
 */
export function sessionFateAfterServerClose(code: number): 'resumable' | 'new-session' | 'fatal' {
  if (code === Close.AuthenticationFailed || (code >= Close.InvalidShard && code <= Close.DisallowedIntents)) {
    return 'fatal';
  }
  if (code === Close.InvalidSeq || code === Close.SessionTimedOut || code === Close.Normal) return 'new-session';
  return 'resumable';
}

export const Intent = {
  Guilds: 1 << 0,
  GuildMembers: 1 << 1,
  GuildModeration: 1 << 2,
  GuildExpressions: 1 << 3,
  GuildIntegrations: 1 << 4,
  GuildWebhooks: 1 << 5,
  GuildInvites: 1 << 6,
  GuildVoiceStates: 1 << 7,
  GuildPresences: 1 << 8,
  GuildMessages: 1 << 9,
  GuildMessageReactions: 1 << 10,
  GuildMessageTyping: 1 << 11,
  DirectMessages: 1 << 12,
  DirectMessageReactions: 1 << 13,
  DirectMessageTyping: 1 << 14,
  MessageContent: 1 << 15,
  GuildScheduledEvents: 1 << 16,
  AutoModerationConfiguration: 1 << 20,
  AutoModerationExecution: 1 << 21,
  GuildMessagePolls: 1 << 24,
  DirectMessagePolls: 1 << 25,
} as const;

export const ALL_INTENTS = Object.values(Intent).reduce((all, bit) => all | bit, 0);
export const PRIVILEGED_INTENTS = Intent.GuildMembers | Intent.GuildPresences | Intent.MessageContent;

export const InteractionType = {
  Ping: 1,
  ApplicationCommand: 2,
  MessageComponent: 3,
  Autocomplete: 4,
  ModalSubmit: 5,
} as const;

export const CallbackType = {
  Pong: 1,
  ChannelMessageWithSource: 4,
  DeferredChannelMessageWithSource: 5,
  DeferredUpdateMessage: 6,
  UpdateMessage: 7,
  AutocompleteResult: 8,
  Modal: 9,
} as const;

export const OptionType = {
  SubCommand: 1,
  SubCommandGroup: 2,
  String: 3,
  Integer: 4,
  Boolean: 5,
  User: 6,
  Channel: 7,
  Role: 8,
  Mentionable: 9,
  Number: 10,
  Attachment: 11,
} as const;

export const ChannelType = { GuildText: 0, DM: 1 } as const;
export const MessageType = { Default: 0, Reply: 19, ChatInputCommand: 20, ContextMenuCommand: 23 } as const;
export const ComponentType = { ActionRow: 1, Button: 2 } as const;
export const MessageFlag = { Ephemeral: 1 << 6 } as const;

/** JSON error codes the stand-in answers with (https://discord.com/developers/docs/topics/opcodes-and-status-codes#json). */
export const ErrorCode = {
  General: 0,
  UnknownChannel: 10003,
  UnknownGuild: 10004,
  UnknownMessage: 10008,
  UnknownUser: 10013,
  UnknownWebhook: 10015,
  UnknownApplicationCommand: 10063,
  UnknownInteraction: 10062,
  MissingAccess: 50001,
  CannotSendEmptyMessage: 50006,
  InvalidWebhookToken: 50027,
  InvalidFormBody: 50035,
  InteractionAlreadyAcknowledged: 40060,
} as const;
