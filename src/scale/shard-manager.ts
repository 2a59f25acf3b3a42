/**
 * SHARDS_PER_PROCESS=1: discord.js's ShardingManager runs each gateway shard in a process of its
 * own (this same program, which then serves only the servers Discord routes to its shard: their
 * questions, their per-server libraries, their /story changes). This process only starts, watches
 * and stops them; it loads no story and opens no database.
 *
 * SHARD_COUNT=auto is resolved here through DISCORD_API_BASE (ShardingManager's own `auto` asks
 * discord.com), and so is max_concurrency: the shards' IDENTIFYs are granted one per bucket per
 * 5 s across all processes (identify.ts).
 */
import { once } from 'node:events';
import { ShardingManager, type Shard } from 'discord.js';
import { explainLoginError } from '../discord/bot.js';
import type { Logger } from '../log.js';
import { fetchGatewayBot } from './gateway-info.js';
import { IdentifyQueue, isIdentifyRequest } from './identify.js';

export interface ShardManagerOptions {
  token: string;
  apiBase?: string;
  /** A number, or `auto` for Discord's recommendation. */
  count: number | 'auto';
  /** The program each shard process runs (dist/src/main.js). */
  script: string;
  logger: Logger;
  /** How long each shard may take to be ready (default 60 s). */
  readyTimeoutMs?: number;
}

export interface RunningShards {
  manager: ShardingManager;
  totalShards: number;
  maxConcurrency: number;
  stop(): Promise<void>;
}

/** A shard that stops within this is left to exit on its own; then it is killed. */
const STOP_GRACE_MS = 4500;

async function stopShard(shard: Shard): Promise<void> {
  const child = shard.process;
  if (!child || child.exitCode !== null || child.signalCode !== null) return;
  const exited = once(child, 'exit');
  shard.kill(); // SIGTERM: the shard logs out of Discord and exits 0; never respawned after kill()
  const timer = setTimeout(() => child.kill('SIGKILL'), STOP_GRACE_MS);
  await exited;
  clearTimeout(timer);
}

export async function runShardManager(options: ShardManagerOptions): Promise<RunningShards> {
  const { logger } = options;
  let info;
  try {
    info = await fetchGatewayBot(options.token, options.apiBase);
  } catch (error) {
    throw explainLoginError(error, options.apiBase);
  }
  const totalShards = options.count === 'auto' ? info.shards : options.count;
  logger.info(
    `Sharding: ${totalShards} shard${totalShards === 1 ? '' : 's'}, one process each (Discord recommends ${info.shards}; ${info.maxConcurrency} may identify at once)`,
  );
  const identify = new IdentifyQueue(info.maxConcurrency);
  const manager = new ShardingManager(options.script, {
    totalShards,
    token: options.token,
    mode: 'process',
    // No respawns while starting: a shard that cannot start (a refused token) would loop.
    respawn: false,
    execArgv: process.execArgv,
  });
  let stopping = false;
  manager.on('shardCreate', (shard) => {
    logger.info(`Shard ${shard.id}: starting`);
    shard.on('message', (message: unknown) => {
      if (isIdentifyRequest(message)) identify.answer(message, (grant) => shard.send(grant).catch(() => undefined));
    });
    shard.on('death', (child) => {
      if (stopping) return;
      const code = 'exitCode' in child ? child.exitCode : null;
      logger.warn(
        `Shard ${shard.id}: its process exited (code ${code ?? 'none'})${manager.respawn ? '; starting it again' : ''}`,
      );
    });
    shard.on('ready', () => logger.info(`Shard ${shard.id}: ready`));
  });
  const stop = async () => {
    stopping = true;
    manager.respawn = false;
    await Promise.all([...manager.shards.values()].map(stopShard));
  };
  try {
    // The identify queue spaces the shards' IDENTIFYs; spawning need not wait beyond each one's ready.
    await manager.spawn({ amount: totalShards, delay: 0, timeout: options.readyTimeoutMs ?? 60_000 });
  } catch (error) {
    await stop();
    const why = error instanceof Error ? error.message : String(error);
    throw new Error(`The shards did not all start (${why}); the shard's own line above says why.`, { cause: error });
  }
  manager.respawn = true;
  logger.info(`All ${totalShards} shards ready`);
  return { manager, totalShards, maxConcurrency: info.maxConcurrency, stop };
}
