/**
 * Hearing other processes' story changes: LISTEN on a connection of its own (a pooled one would be
 * handed to other work). If it is lost, the listener hears `null` (changes may have been missed
 * meanwhile) and it reconnects, waiting longer each time up to 30 s.
 */
import pg from 'pg';
import { STORIES_CHANNEL } from './postgres-sql.js';
import type { StoryChange, StoryWatch } from './types.js';

export interface ListenOptions {
  /** Give up connecting after this long (default 10 s). */
  connectTimeoutMs?: number;
  /** First wait before reconnecting; doubles up to 30 s (default 500 ms). */
  reconnectMs?: number;
}

export async function listenForStories(
  url: string,
  options: ListenOptions,
  listener: (change: StoryChange | null) => void,
): Promise<StoryWatch> {
  let stopped = false;
  let client: pg.Client | undefined;
  let retry: NodeJS.Timeout | undefined;
  let wait = options.reconnectMs ?? 500;
  const connect = async (): Promise<void> => {
    const next = new pg.Client({
      connectionString: url,
      connectionTimeoutMillis: options.connectTimeoutMs ?? 10_000,
      application_name: 'storybot-listen',
    });
    next.on('notification', (message) => {
      if (message.channel !== STORIES_CHANNEL || !message.payload) return;
      try {
        const change = JSON.parse(message.payload) as StoryChange;
        if (typeof change.guildId === 'string' && Number.isInteger(change.version)) listener(change);
      } catch {
        // not one of ours
      }
    });
    next.on('error', () => lost(next));
    next.on('end', () => lost(next));
    await next.connect();
    await next.query(`LISTEN ${STORIES_CHANNEL}`);
    client = next;
    wait = options.reconnectMs ?? 500;
  };
  const lost = (which: pg.Client) => {
    if (stopped || which !== client) return;
    client = undefined;
    void which.end().catch(() => undefined);
    listener(null);
    schedule();
  };
  const schedule = () => {
    if (stopped) return;
    retry = setTimeout(() => {
      connect().then(
        () => listener(null), // anything committed while disconnected went unheard
        () => schedule(),
      );
    }, wait);
    retry.unref();
    wait = Math.min(wait * 2, 30_000);
  };
  await connect();
  return {
    stop: async () => {
      stopped = true;
      clearTimeout(retry);
      await client?.end().catch(() => undefined);
    },
  };
}
