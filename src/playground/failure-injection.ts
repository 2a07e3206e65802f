// Scripted failures per Web API method, and a per-channel rate limiter like chat.postMessage's ~1 message/s.

/** One scripted answer that replaces the normal one. */
export type InjectedFailure =
  /** An HTTP error status (the SDK throws WebAPIHTTPError and retries under its retryConfig). */
  | { kind: "http"; status: number; body?: string }
  /** A Slack platform error `{ok: false, error}` (the SDK throws WebAPIPlatformError, never retries). */
  | { kind: "error"; error: string; extra?: Record<string, unknown> }
  /** HTTP 429 with `Retry-After` (the SDK pauses its whole queue that long, then retries). */
  | { kind: "rate_limited"; retryAfterSeconds: number }
  /** Answer normally, but only after `ms` milliseconds (for timeouts and slow-Slack tests). */
  | { kind: "delay"; ms: number }
  /**
   * Carry the call out at once (a posted message is stored and can be replied to) but send the answer only once
   * `until` settles: Slack's answer arriving after the message is already visible, for race tests.
   */
  | { kind: "hold"; until: Promise<unknown> };

/** A queue of scripted failures per method (`chat.postMessage`, …, or `response_url`). */
export class FailureScript {
  private readonly queues = new Map<string, InjectedFailure[]>();

  /** Makes the next `times` calls of `method` answer with `failure`, after any already scripted. */
  failNext(method: string, failure: InjectedFailure, times = 1): void {
    const queue = this.queues.get(method) ?? [];
    for (let i = 0; i < times; i += 1) queue.push(failure);
    this.queues.set(method, queue);
  }

  /** The failure for this call of `method`, consumed; `undefined` to answer normally. */
  take(method: string): InjectedFailure | undefined {
    return this.queues.get(method)?.shift();
  }

  /** How many scripted failures are still waiting (for one method, or all). */
  pending(method?: string): number {
    if (method !== undefined) return this.queues.get(method)?.length ?? 0;
    let total = 0;
    for (const queue of this.queues.values()) total += queue.length;
    return total;
  }

  clear(): void {
    this.queues.clear();
  }
}

/** How strictly chat.postMessage is limited per channel. */
export interface RateLimitOptions {
  /** Sustained messages per second per channel; Slack's guidance is about 1. */
  perSecond: number;
  /** Messages allowed back-to-back before the limit bites (token bucket size); default 1. */
  burst?: number;
}

/** A token bucket per channel; `check` says whether a message may go now or how long to wait. */
export class ChannelRateLimiter {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();

  constructor(
    private readonly options: RateLimitOptions,
    private readonly now: () => number,
  ) {}

  /** Takes a token for `channel`; when none is left returns the whole seconds until one is (≥ 1). */
  check(channel: string): { allowed: true } | { allowed: false; retryAfterSeconds: number } {
    const capacity = this.options.burst ?? 1;
    const now = this.now();
    const bucket = this.buckets.get(channel) ?? { tokens: capacity, at: now };
    bucket.tokens = Math.min(capacity, bucket.tokens + ((now - bucket.at) / 1000) * this.options.perSecond);
    bucket.at = now;
    this.buckets.set(channel, bucket);
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return { allowed: true };
    }
    const waitSeconds = (1 - bucket.tokens) / this.options.perSecond;
    return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil(waitSeconds)) };
  }
}
