/**
 * Per-key sliding-window rate limit: at most `requests` in any `seconds`-long window. Keys are
 * user ids (and channel ids for mentions). The first refusal in a window is flagged so a caller
 * can say "slow down" once and then stay quiet.
 */
/** A rate limit: so many requests per window (the bot's per-user one is set by COOLDOWN_* settings). */
export interface CooldownOptions {
  /** Requests allowed per window; 0 turns the limit off. */
  requests: number;
  /** Window length in seconds. */
  seconds: number;
}

export type CooldownVerdict =
  | { allowed: true }
  | {
      allowed: false;
      /** Epoch milliseconds at which the key may act again. */
      retryAt: number;
      /** True for the first refusal since this key was last allowed. */
      firstRefusal: boolean;
    };

/** Forget idle keys after this many calls, so the map cannot grow without bound. */
const SWEEP_EVERY = 1000;

export class Cooldown {
  private readonly hits = new Map<string, number[]>();
  private readonly warned = new Set<string>();
  private calls = 0;

  constructor(
    readonly options: CooldownOptions,
    private readonly now: () => number = Date.now,
  ) {}

  get enabled(): boolean {
    return this.options.requests > 0;
  }

  /** Records one request for `key` if the window has room. */
  take(key: string): CooldownVerdict {
    if (!this.enabled) return { allowed: true };
    const now = this.now();
    const windowMs = this.options.seconds * 1000;
    if (++this.calls % SWEEP_EVERY === 0) this.sweep(now - windowMs);

    const recent = (this.hits.get(key) ?? []).filter((t) => t > now - windowMs);
    if (recent.length < this.options.requests) {
      recent.push(now);
      this.hits.set(key, recent);
      this.warned.delete(key);
      return { allowed: true };
    }
    this.hits.set(key, recent);
    const firstRefusal = !this.warned.has(key);
    this.warned.add(key);
    return { allowed: false, retryAt: (recent[0] ?? now) + windowMs, firstRefusal };
  }

  private sweep(cutoff: number): void {
    for (const [key, times] of this.hits) {
      if (times.every((t) => t <= cutoff)) {
        this.hits.delete(key);
        this.warned.delete(key);
      }
    }
  }
}
