/**
 * Settings from the environment (and `.env`, which only main.ts loads). `parseConfig` is a pure
 * function of an env object so every mistake a person can make is testable; each one becomes a
 * ConfigError whose message is a single line naming the variable and how to fix it.
 */
import { dirname, join } from 'node:path';
import { DEFAULT_DATABASE_PATH, DEFAULT_STORY_PATH } from './env-file.js';
import { LOG_LEVELS, type LogLevel } from './log.js';
import type { CooldownOptions } from './discord/cooldown.js';

export class ConfigError extends Error {
  constructor(
    readonly variable: string,
    message: string,
  ) {
    super(message);
    this.name = 'ConfigError';
  }
}

export interface Config {
  /** Bot token; absent means "run the local console instead of connecting to Discord". */
  token?: string;
  /** Application id (needed to register commands and build the invite link). */
  clientId?: string;
  /** Register commands to this one server (development) instead of globally. */
  guildId?: string;
  storyPath: string;
  /** REST base without the version, e.g. `http://127.0.0.1:8080/api`; the gateway URL is then
   * discovered through `GET {apiBase}/v10/gateway/bot`. */
  apiBase?: string;
  logLevel: LogLevel;
  cooldown: CooldownOptions;
  serverStories: ServerStoryConfig;
  /** Where built indexes are kept to start fast (INDEX_CACHE_DIR); undefined: not kept (`off`). */
  indexCacheDir?: string;
}

/** Server stories (`/story`): where they are kept and their limits. */
export interface ServerStoryConfig {
  /** SQLite file, created with its folder on first start. */
  databasePath: string;
  /** Postgres (`postgres://…`) shared by several processes or machines; replaces the SQLite file. */
  databaseUrl?: string;
  /** Largest story file accepted, in bytes. */
  maxBytes: number;
  /** Stories one server may add. */
  maxPerServer: number;
  /** Days questions are kept for `/story gaps`. */
  retentionDays: number;
  /** The only origin attachments are downloaded from. */
  cdnBase: string;
}

export type Env = Readonly<Record<string, string | undefined>>;

export const DEFAULTS = {
  /** The package's own `seeds/`, wherever the bot is started from. */
  storyPath: DEFAULT_STORY_PATH,
  logLevel: 'info' as LogLevel,
  cooldown: { requests: 5, seconds: 10 } satisfies CooldownOptions,
  serverStories: {
    /** `data/storybot.sqlite` in the package's folder, wherever the bot is started from. */
    databasePath: DEFAULT_DATABASE_PATH,
    maxBytes: 1024 * 1024,
    maxPerServer: 50,
    retentionDays: 30,
    cdnBase: 'https://cdn.discordapp.com',
  } satisfies ServerStoryConfig,
};

/** Said (exit code 1) when the bot has no token and nothing to answer in the console either. */
export const NO_TOKEN_LINE =
  'DISCORD_TOKEN is not set (in the environment or .env): set it to run the bot on Discord, or run storybot in a terminal to ask questions locally.';

/** The placeholder `.env.example` ships, so copying it unchanged gets a clear message. */
export const TOKEN_PLACEHOLDER = 'paste-your-bot-token-here';

const SNOWFLAKE = /^\d{1,20}$/;

/** Trimmed value, or undefined when unset or blank (blank lines in .env mean "not set"). */
export function read(env: Env, name: string): string | undefined {
  const value = env[name]?.trim();
  return value ? value : undefined;
}

function parseToken(env: Env): string | undefined {
  let token = read(env, 'DISCORD_TOKEN');
  if (token === undefined) return undefined;
  // Never echo the value: it is a secret even when malformed.
  if (/^["'].*["']$/.test(token)) token = token.slice(1, -1).trim();
  token = token.replace(/^Bot\s+/i, '');
  if (token === TOKEN_PLACEHOLDER) {
    throw new ConfigError(
      'DISCORD_TOKEN',
      'DISCORD_TOKEN is still the placeholder from .env.example: paste your bot token (Developer Portal → your application → Bot → Reset Token), or remove the line to use the local console.',
    );
  }
  if (/[\s"'`]/.test(token) || token.length < 10) {
    throw new ConfigError(
      'DISCORD_TOKEN',
      'DISCORD_TOKEN is malformed (it contains spaces or quotes, or is too short): paste the token exactly as the Developer Portal shows it (your application → Bot → Reset Token).',
    );
  }
  return token;
}

function parseSnowflake(env: Env, name: string, what: string): string | undefined {
  const value = read(env, name);
  if (value === undefined) return undefined;
  if (!SNOWFLAKE.test(value)) {
    throw new ConfigError(
      name,
      `${name} must be a numeric Discord id (${what}), not ${JSON.stringify(value.slice(0, 40))}: turn on Developer Mode in Discord settings, then right-click → Copy ID.`,
    );
  }
  return value;
}

function parseApiBase(env: Env): string | undefined {
  const value = read(env, 'DISCORD_API_BASE');
  if (value === undefined) return undefined;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new ConfigError(
      'DISCORD_API_BASE',
      `DISCORD_API_BASE must be an http(s) URL such as http://127.0.0.1:8080/api, not ${JSON.stringify(value.slice(0, 80))}; remove it to use Discord itself.`,
    );
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new ConfigError(
      'DISCORD_API_BASE',
      `DISCORD_API_BASE must start with http:// or https:// (got ${url.protocol}).`,
    );
  }
  const base = value.replace(/\/+$/, '');
  if (/\/v\d+$/.test(base)) {
    throw new ConfigError(
      'DISCORD_API_BASE',
      `DISCORD_API_BASE must not include the API version (discord.js adds /v10 itself): use ${base.replace(/\/v\d+$/, '')}.`,
    );
  }
  return base;
}

function parseLogLevel(env: Env): LogLevel {
  const value = read(env, 'LOG_LEVEL');
  if (value === undefined) return DEFAULTS.logLevel;
  const level = value.toLowerCase();
  if (!(LOG_LEVELS as readonly string[]).includes(level)) {
    throw new ConfigError(
      'LOG_LEVEL',
      `LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}, not ${JSON.stringify(value.slice(0, 40))}.`,
    );
  }
  return level as LogLevel;
}

export function parseNumber(
  env: Env,
  name: string,
  fallback: number,
  min: number,
  max: number,
  integer: boolean,
): number {
  const value = read(env, name);
  if (value === undefined) return fallback;
  const number = Number(value);
  const kind = integer ? 'a whole number' : 'a number';
  if (
    !/^\d+(\.\d+)?$/.test(value) ||
    !Number.isFinite(number) ||
    (integer && !Number.isInteger(number)) ||
    number < min ||
    number > max
  ) {
    throw new ConfigError(
      name,
      `${name} must be ${kind} from ${min} to ${max}, not ${JSON.stringify(value.slice(0, 40))}.`,
    );
  }
  return number;
}

function parseCdnBase(env: Env): string {
  const value = read(env, 'DISCORD_CDN_BASE');
  if (value === undefined) return DEFAULTS.serverStories.cdnBase;
  let url: URL | undefined;
  try {
    url = new URL(value);
  } catch {
    url = undefined;
  }
  if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:') || url.username || url.password) {
    throw new ConfigError(
      'DISCORD_CDN_BASE',
      `DISCORD_CDN_BASE must be an http(s) origin such as https://cdn.discordapp.com, not ${JSON.stringify(value.slice(0, 80))}; remove it to use Discord's CDN.`,
    );
  }
  return url.origin;
}

function parseDatabaseUrl(env: Env): string | undefined {
  const value = read(env, 'DATABASE_URL');
  if (value === undefined) return undefined;
  let url: URL | undefined;
  try {
    url = new URL(value);
  } catch {
    url = undefined;
  }
  // Never echo the value: it usually holds a password.
  if (!url || (url.protocol !== 'postgres:' && url.protocol !== 'postgresql:') || !url.hostname) {
    throw new ConfigError(
      'DATABASE_URL',
      'DATABASE_URL must be a Postgres URL such as postgres://storybot:PASSWORD@db.example:5432/storybot; remove it to use the SQLite file (DATABASE_PATH).',
    );
  }
  return value;
}

function parseServerStories(env: Env): ServerStoryConfig {
  const d = DEFAULTS.serverStories;
  const databaseUrl = parseDatabaseUrl(env);
  return {
    ...(databaseUrl !== undefined ? { databaseUrl } : {}),
    databasePath: read(env, 'DATABASE_PATH') ?? d.databasePath,
    maxBytes: parseNumber(env, 'STORY_MAX_BYTES', d.maxBytes, 1, 20 * 1024 * 1024, true),
    maxPerServer: parseNumber(env, 'STORIES_PER_SERVER', d.maxPerServer, 0, 10_000, true),
    retentionDays: parseNumber(env, 'GAPS_RETENTION_DAYS', d.retentionDays, 1, 3650, true),
    cdnBase: parseCdnBase(env),
  };
}

/** INDEX_CACHE_DIR: a folder, `off`, or (unset) `index-cache/` beside the database. */
export function parseIndexCacheDir(env: Env): string | undefined {
  const value = read(env, 'INDEX_CACHE_DIR');
  if (value?.toLowerCase() === 'off') return undefined;
  return value ?? join(dirname(read(env, 'DATABASE_PATH') ?? DEFAULTS.serverStories.databasePath), 'index-cache');
}

export function parseConfig(env: Env): Config {
  const config: Config = {
    storyPath: read(env, 'STORY_PATH') ?? DEFAULTS.storyPath,
    logLevel: parseLogLevel(env),
    cooldown: {
      requests: parseNumber(env, 'COOLDOWN_REQUESTS', DEFAULTS.cooldown.requests, 0, 1000, true),
      seconds: parseNumber(env, 'COOLDOWN_SECONDS', DEFAULTS.cooldown.seconds, 1, 3600, false),
    },
    serverStories: parseServerStories(env),
  };
  const token = parseToken(env);
  const clientId = parseSnowflake(env, 'DISCORD_CLIENT_ID', 'the Application ID on the General Information page');
  const guildId = parseSnowflake(env, 'DISCORD_GUILD_ID', 'the server to register commands to while developing');
  const apiBase = parseApiBase(env);
  const indexCacheDir = parseIndexCacheDir(env);
  if (indexCacheDir !== undefined) config.indexCacheDir = indexCacheDir;
  if (token !== undefined) config.token = token;
  if (clientId !== undefined) config.clientId = clientId;
  if (guildId !== undefined) config.guildId = guildId;
  if (apiBase !== undefined) config.apiBase = apiBase;
  return config;
}

/**
 * A bot token starts with the base64 of the bot's user id, which equals the application id, so
 * DISCORD_CLIENT_ID can be left out. Returns undefined when the token is not shaped that way.
 */
export function clientIdFromToken(token: string): string | undefined {
  const head = token.split('.')[0] ?? '';
  if (!/^[A-Za-z0-9_-]{4,}$/.test(head)) return undefined;
  const decoded = Buffer.from(head, 'base64').toString('utf8');
  return /^\d{15,20}$/.test(decoded) ? decoded : undefined;
}

/** The application id, from DISCORD_CLIENT_ID or else the token; a ConfigError when neither gives one. */
export function requireClientId(config: Pick<Config, 'clientId' | 'token'>): string {
  const id = config.clientId ?? (config.token ? clientIdFromToken(config.token) : undefined);
  if (id === undefined) {
    throw new ConfigError(
      'DISCORD_CLIENT_ID',
      'DISCORD_CLIENT_ID is not set: copy the Application ID from the Developer Portal (your application → General Information) into .env.',
    );
  }
  return id;
}

export function requireToken(config: Pick<Config, 'token'>): string {
  if (config.token === undefined) {
    throw new ConfigError(
      'DISCORD_TOKEN',
      'DISCORD_TOKEN is not set: copy the bot token (Developer Portal → your application → Bot → Reset Token) into .env.',
    );
  }
  return config.token;
}
