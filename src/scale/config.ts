/**
 * Settings for running past one process: gateway shards (SHARD_COUNT, SHARDS_PER_PROCESS) and the
 * HTTP interactions endpoint (INTERACTIONS_PORT, INTERACTIONS_HOST, DISCORD_PUBLIC_KEY). Parsed
 * apart from the rest of the configuration, with the same one-line ConfigErrors.
 */
import { ConfigError, parseNumber, read, type Env } from '../config.js';

/** Most shards a bot may ask for here; Discord's largest bots run a few thousand. */
export const MAX_SHARDS = 4096;

export interface ShardingConfig {
  /** Total shards: a number, `auto` (Discord's recommendation, asked through DISCORD_API_BASE), or undefined (discord.js's default, as before). */
  count?: number | 'auto';
  /** `all`: every shard in this one process (discord.js runs them itself); `1`: a process per shard (discord.js's ShardingManager). */
  perProcess: 'all' | 1;
}

export interface InteractionsConfig {
  /** `POST /interactions` and `GET /healthz` listen here; 0 picks a free port (tests). */
  port: number;
  /** Address to listen on (default every interface: behind a TLS proxy or load balancer). */
  host: string;
  /** The application's public key (hex), which Discord's signatures are checked against. */
  publicKey: string;
}

export interface ScaleConfig {
  sharding: ShardingConfig;
  /** The HTTP interactions endpoint; absent when INTERACTIONS_PORT is not set. */
  interactions?: InteractionsConfig;
}

export const DEFAULT_INTERACTIONS_HOST = '0.0.0.0';

function parseShardCount(env: Env): ShardingConfig['count'] {
  const value = read(env, 'SHARD_COUNT');
  if (value === undefined) return undefined;
  if (value.toLowerCase() === 'auto') return 'auto';
  return parseNumber(env, 'SHARD_COUNT', 1, 1, MAX_SHARDS, true);
}

function parsePerProcess(env: Env): ShardingConfig['perProcess'] {
  const value = read(env, 'SHARDS_PER_PROCESS');
  if (value === undefined || value.toLowerCase() === 'all') return 'all';
  if (value === '1') return 1;
  throw new ConfigError(
    'SHARDS_PER_PROCESS',
    `SHARDS_PER_PROCESS must be 1 (each shard in a process of its own) or all (every shard in one process, the default), not ${JSON.stringify(value.slice(0, 40))}.`,
  );
}

function parsePublicKey(env: Env): string {
  const value = read(env, 'DISCORD_PUBLIC_KEY');
  if (value === undefined) {
    throw new ConfigError(
      'DISCORD_PUBLIC_KEY',
      'DISCORD_PUBLIC_KEY is not set, and INTERACTIONS_PORT needs it to check that requests come from Discord: copy the Public Key from the Developer Portal (your application → General Information).',
    );
  }
  if (!/^[0-9a-fA-F]{64}$/.test(value)) {
    throw new ConfigError(
      'DISCORD_PUBLIC_KEY',
      'DISCORD_PUBLIC_KEY must be the 64 hexadecimal characters of the Public Key shown on the Developer Portal (General Information).',
    );
  }
  return value.toLowerCase();
}

export function parseScaleConfig(env: Env): ScaleConfig {
  const count = parseShardCount(env);
  const sharding: ShardingConfig = { perProcess: parsePerProcess(env), ...(count !== undefined ? { count } : {}) };
  if (read(env, 'INTERACTIONS_PORT') === undefined) return { sharding };
  const port = parseNumber(env, 'INTERACTIONS_PORT', 0, 0, 65_535, true);
  return {
    sharding,
    interactions: {
      port,
      host: read(env, 'INTERACTIONS_HOST') ?? DEFAULT_INTERACTIONS_HOST,
      publicKey: parsePublicKey(env),
    },
  };
}

/** Whether the gateway runs as a ShardingManager over processes of one shard each. */
export function shardsInProcesses(sharding: ShardingConfig): boolean {
  return sharding.perProcess === 1 && sharding.count !== undefined && sharding.count !== 1;
}
