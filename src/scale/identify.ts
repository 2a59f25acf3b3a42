/**
 * Shards in several processes must still IDENTIFY within Discord's `max_concurrency`: one per
 * bucket (shard id % max_concurrency) every 5 s, whatever process each shard runs in. discord.js
 * spaces the shards of one process itself; across processes, each shard asks the ShardingManager
 * over its IPC channel and waits for the go-ahead. The child side plugs into discord.js's own
 * extension point for this (`ws.buildIdentifyThrottler`).
 */

/**
 * Discord's identify window per bucket (5 s), plus a margin: the grant and the IDENTIFY it allows
 * travel through two processes, and Discord measures on its side (ShardingManager's own spawn
 * delay is 5.5 s for the same reason).
 */
export const IDENTIFY_WINDOW_MS = 5_500;

interface IdentifyRequest {
  storybotIdentify: { shardId: number; nonce: number };
}
interface IdentifyGrant {
  storybotIdentifyGranted: number;
}

export function isIdentifyRequest(message: unknown): message is IdentifyRequest {
  const request = (message as Partial<IdentifyRequest> | null)?.storybotIdentify;
  return typeof request?.shardId === 'number' && typeof request.nonce === 'number';
}

/** The manager's side: grants IDENTIFYs one per bucket per window, in the order asked. */
export class IdentifyQueue {
  private readonly next = new Map<number, Promise<void>>();

  constructor(
    private readonly maxConcurrency: number,
    private readonly windowMs = IDENTIFY_WINDOW_MS,
  ) {}

  /** Resolves when `shardId` may identify; the bucket is then held for the window. */
  grant(shardId: number): Promise<void> {
    const bucket = shardId % Math.max(1, this.maxConcurrency);
    const previous = this.next.get(bucket) ?? Promise.resolve();
    const turn = previous.then(() => undefined);
    // The bucket is free again a window after this grant.
    this.next.set(
      bucket,
      turn.then(() => new Promise<void>((resolve) => setTimeout(resolve, this.windowMs).unref())),
    );
    return turn;
  }

  /** Answers a shard process's request once its turn comes. */
  answer(request: IdentifyRequest, send: (grant: IdentifyGrant) => unknown): void {
    void this.grant(request.storybotIdentify.shardId).then(() =>
      send({ storybotIdentifyGranted: request.storybotIdentify.nonce }),
    );
  }
}

/** The shard process's side: discord.js calls `waitForIdentify` before each IDENTIFY. */
export class ManagerIdentifyThrottler {
  private nonce = 0;

  async waitForIdentify(shardId: number, signal: AbortSignal): Promise<void> {
    const send = process.send?.bind(process);
    if (!send) return; // not under a manager: nothing to coordinate with
    const nonce = ++this.nonce;
    await new Promise<void>((resolve, reject) => {
      const onMessage = (message: unknown) => {
        if ((message as Partial<IdentifyGrant> | null)?.storybotIdentifyGranted !== nonce) return;
        done();
        resolve();
      };
      const onAbort = () => {
        done();
        reject(signal.reason instanceof Error ? signal.reason : new Error('identify aborted'));
      };
      const done = () => {
        process.off('message', onMessage);
        signal.removeEventListener('abort', onAbort);
      };
      process.on('message', onMessage);
      signal.addEventListener('abort', onAbort, { once: true });
      send({ storybotIdentify: { shardId, nonce } } satisfies IdentifyRequest);
    });
  }
}
