/**
 * What Discord says about the gateway for this bot (GET /gateway/bot): the recommended number of
 * shards and how many may identify at once. Asked through DISCORD_API_BASE with @discordjs/rest,
 * since ShardingManager's own `auto` always asks discord.com.
 */
import { REST, Routes, type RESTGetAPIGatewayBotResult } from 'discord.js';

export interface GatewayBotInfo {
  url: string;
  /** Discord's recommended shard count. */
  shards: number;
  /** Shards that may identify at once (one per bucket every 5 s). */
  maxConcurrency: number;
}

export async function fetchGatewayBot(token: string, apiBase?: string): Promise<GatewayBotInfo> {
  const rest = new REST({ ...(apiBase ? { api: apiBase } : {}) }).setToken(token);
  try {
    const data = (await rest.get(Routes.gatewayBot())) as RESTGetAPIGatewayBotResult;
    return { url: data.url, shards: data.shards, maxConcurrency: data.session_start_limit.max_concurrency };
  } finally {
    rest.clearHashSweeper();
    rest.clearHandlerSweeper();
  }
}
