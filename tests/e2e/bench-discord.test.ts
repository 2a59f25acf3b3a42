// The Discord benchmark's machinery, run small: every ask of the load is counted as answered
// exactly once, the figures are well-formed. No timing is asserted here; the floors are the
// benchmark's to report (npm run build:tools && node dist-tools/bench/discord.js).
import { describe, expect, it } from 'vitest';
import * as discordBench from '../../bench/discord.js';
import { markdownFor, runDiscordBench } from '../../bench/discord.js';

describe('bench/discord.ts', () => {
  it('runs the latency and load phases and accounts for every ask', async () => {
    const result = await runDiscordBench({
      latencySamples: 30,
      loadInteractions: 60,
      loadUsers: 12,
      loadWindowMs: 300,
      loadRounds: 2,
    });
    expect(result.latency.count).toBe(30);
    const rounds = Object.values(result.load.rounds);
    expect(rounds).toHaveLength(2);
    for (const round of rounds) {
      expect(round.interactions).toBe(60);
      expect(round.unanswered).toBe(0);
      expect(round.duplicated).toBe(0);
      expect(round.slowedDown).toBe(0);
      expect(round.latency.count).toBe(60);
    }
    expect(result.botWarnings).toBe(0);
    expect(result.load.memoryBefore.heapUsedMB).toBeGreaterThan(0);
    expect(markdownFor(result)).toMatch(/dispatch to reply, 30 \/ask/);
  }, 30_000);

  it('exports one function whose name bench/run.ts recognises, and it is the runner', () => {
    const matching = Object.entries(discordBench).filter(
      ([name, value]) => typeof value === 'function' && /discord|bench|measure/i.test(name),
    );
    expect(matching.map(([name]) => name)).toEqual(['runDiscordBench']);
  });
});
