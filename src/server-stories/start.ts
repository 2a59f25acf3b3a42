/**
 * Opening server stories for a running bot: the database (created and migrated on first start),
 * the service over it, and the retention purge (at start, then daily).
 */
import { logCacheEvent } from '../answer/library-cache.js';
import type { Library } from '../answer/library.js';
import type { ServerStoryConfig } from '../config.js';
import type { Logger } from '../log.js';
import { describeStore, openStore } from '../store/open.js';
import { ServerStories } from './service.js';
import { WorkerWorkshop } from './worker-workshop.js';

const PURGE_EVERY_MS = 24 * 60 * 60 * 1000;

export interface RunningServerStories {
  service: ServerStories;
  /** Where the stories are kept, for a log line once the bot is up. */
  description: string;
  stop(): Promise<void>;
}

/**
 * Throws StoreError (one line naming DATABASE_PATH and what to do) when the database cannot be
 * used. `indexCacheDir` (INDEX_CACHE_DIR): each server's library is kept there too.
 */
export async function startServerStories(
  config: ServerStoryConfig,
  shipped: Library,
  logger: Logger,
  { indexCacheDir }: { indexCacheDir?: string } = {},
): Promise<RunningServerStories> {
  const store = await openStore({
    databasePath: config.databasePath,
    ...(config.databaseUrl ? { databaseUrl: config.databaseUrl } : {}),
  });
  // Reading and indexing uploads on a worker thread: one server's new story never pauses the others.
  const workshop = new WorkerWorkshop(shipped, logger, undefined, {
    ...(indexCacheDir !== undefined ? { cacheDir: indexCacheDir } : {}),
    onCache: (guildId, event) => logCacheEvent(logger, event),
  });
  workshop.prepare();
  const service = new ServerStories(
    store,
    shipped,
    { maxBytes: config.maxBytes, maxPerServer: config.maxPerServer, retentionDays: config.retentionDays },
    {
      workshop,
      onLibraryBuilt: (guildId, ms) => logger.debug(`Built the library of server ${guildId} in ${ms.toFixed(0)} ms`),
    },
  );
  const purge = () =>
    service.purge().then(
      (n) => n > 0 && logger.info(`Forgot ${n} question${n === 1 ? '' : 's'} older than ${config.retentionDays} days`),
      (error: unknown) => logger.warn('Could not purge old questions', error),
    );
  await purge();
  const timer = setInterval(() => void purge(), PURGE_EVERY_MS);
  timer.unref();
  // Other processes on the same database (shards, HTTP replicas) may change a server's stories.
  const watch = await store.watchStories((change) => {
    if (change === null)
      logger.warn('Lost track of story changes made elsewhere for a moment: every server library will be read again');
    else logger.debug(`Stories of server ${change.guildId} changed (version ${change.version})`);
    service.storiesChanged(change);
  });
  const where = await describeStore({
    databasePath: config.databasePath,
    ...(config.databaseUrl ? { databaseUrl: config.databaseUrl } : {}),
  });
  return {
    service,
    description: `Server stories kept in ${store.kind} at ${where} (schema version ${store.schemaVersion})`,
    async stop() {
      clearInterval(timer);
      await watch.stop();
      await service.close();
      await store.close();
    },
  };
}
