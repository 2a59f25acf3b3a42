/**
 * Which part a storybot process plays when the gateway is sharded, and the discord.js client
 * options that follow from it: one process running every shard (discord.js spaces their
 * IDENTIFYs), or one shard process of a ShardingManager (whose IDENTIFYs the manager grants).
 */
import type { ClientOptions } from 'discord.js';
import type { ShardingConfig } from './config.js';
import { ManagerIdentifyThrottler } from './identify.js';

export type GatewayClientOptions = Pick<ClientOptions, 'shards' | 'shardCount' | 'ws'>;

/** True in a process started by ShardingManager (discord.js sets SHARDING_MANAGER, SHARDS, SHARD_COUNT for it). */
export function inShardProcess(env: NodeJS.ProcessEnv = process.env): boolean {
  return env.SHARDING_MANAGER === 'true' && typeof process.send === 'function';
}

/** `shard 1`, for the log lines of a shard process. */
export function shardLabel(env: NodeJS.ProcessEnv = process.env): string {
  return `shard ${env.SHARDS ?? '?'}`;
}

/**
 * discord.js's Client reads SHARDS and SHARD_COUNT from the environment on its own, and storybot's
 * SHARD_COUNT may say `auto`: outside a shard process, once the settings are read, they are
 * passed to the client explicitly instead.
 */
export function forgetShardEnvironment(env: NodeJS.ProcessEnv = process.env): void {
  if (inShardProcess(env)) return;
  delete env.SHARD_COUNT;
  delete env.SHARDS;
}

export function gatewayClientOptions(
  sharding: ShardingConfig,
  env: NodeJS.ProcessEnv = process.env,
): GatewayClientOptions {
  // Shard id and count come from the manager's environment; the manager grants each IDENTIFY.
  if (inShardProcess(env)) return { ws: { buildIdentifyThrottler: () => new ManagerIdentifyThrottler() } };
  if (sharding.count === 'auto') return { shards: 'auto' };
  if (typeof sharding.count === 'number') return { shardCount: sharding.count };
  return {};
}
