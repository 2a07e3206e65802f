// Decides whether a remote source is worth asking now: not while it is cooling down after a failure,
// and not when it already has as many requests in flight as it should (arXiv wants one at a time).

export interface SourceGateOptions {
  /** How long a source that just failed is left alone. */
  cooldownMs: number;
  /** Requests a search may have in flight at this source; more are skipped, not queued. */
  maxInFlight: number;
  now?: () => number;
}

export class SourceGate {
  #inFlight = 0;
  #downUntil = 0;
  readonly #options: SourceGateOptions;

  constructor(options: SourceGateOptions) {
    this.#options = options;
  }

  /** Whether a search should ask this source now. */
  isOpen(): boolean {
    return !this.isCoolingDown() && this.#inFlight < this.#options.maxInFlight;
  }

  /** True for a while after a failure: searches skip the source instead of paying its timeout again. */
  isCoolingDown(): boolean {
    return (this.#options.now ?? Date.now)() < this.#downUntil;
  }

  /** Runs one request, counting it in flight; a failure starts the cool-down. */
  async run<T>(work: () => Promise<T>): Promise<T> {
    this.#inFlight += 1;
    try {
      return await work();
    } catch (error) {
      this.#downUntil = (this.#options.now ?? Date.now)() + this.#options.cooldownMs;
      throw error;
    } finally {
      this.#inFlight -= 1;
    }
  }
}
