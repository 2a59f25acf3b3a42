import { describe, expect, it } from 'vitest';
import { IdentifyQueue, isIdentifyRequest } from '../../src/scale/identify.js';
import { gatewayClientOptions } from '../../src/scale/process.js';

describe('IdentifyQueue (the ShardingManager grants IDENTIFYs across shard processes)', () => {
  it('grants one per bucket per window, buckets in parallel, in the order asked', async () => {
    const queue = new IdentifyQueue(2, 120);
    const started = performance.now();
    const at: Record<number, number> = {};
    await Promise.all(
      [0, 1, 2, 3].map((shard) => queue.grant(shard).then(() => (at[shard] = performance.now() - started))),
    );
    expect(at[0]).toBeLessThan(60); // buckets 0 and 1 at once
    expect(at[1]).toBeLessThan(60);
    expect(at[2] - at[0]).toBeGreaterThanOrEqual(110); // shard 2 shares bucket 0
    expect(at[3] - at[1]).toBeGreaterThanOrEqual(110);
  });

  it('recognises only its own requests', () => {
    expect(isIdentifyRequest({ storybotIdentify: { shardId: 1, nonce: 2 } })).toBe(true);
    expect(isIdentifyRequest({ _sEval: 'x' })).toBe(false);
    expect(isIdentifyRequest(null)).toBe(false);
  });
});

describe('gatewayClientOptions', () => {
  it('one process: auto lets discord.js ask for the count, a number sets it; a shard process takes its ids from the manager', () => {
    expect(gatewayClientOptions({ perProcess: 'all' }, {})).toEqual({});
    expect(gatewayClientOptions({ count: 'auto', perProcess: 'all' }, {})).toEqual({ shards: 'auto' });
    expect(gatewayClientOptions({ count: 3, perProcess: 'all' }, {})).toEqual({ shardCount: 3 });
  });
});
