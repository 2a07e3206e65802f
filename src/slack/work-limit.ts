// Bounds how many Slack requests the bot works on at once, so a flood cannot pile up work (and memory) unbounded.

/** A slot of work; call `release` once the request's work is done. */
export interface WorkSlot {
  release(): void;
}

export interface WorkLimit {
  /**
   * A slot as soon as one is free, waiting at most `waitMs` (the caller has not acked yet: the wait slows
   * Slack down rather than letting work queue); undefined when none was freed in time.
   */
  enter(): Promise<WorkSlot | undefined>;
  /** Requests being worked on now. */
  active(): number;
  /** Requests waiting for a slot now. */
  waiting(): number;
}

export function createWorkLimit(options: { maxActive: number; waitMs: number }): WorkLimit {
  let active = 0;
  // Waiters in arrival order; a released slot goes to the oldest one still waiting.
  const waiters: Array<(slot: WorkSlot) => void> = [];

  const slot = (): WorkSlot => {
    let released = false;
    return {
      release() {
        if (released) return;
        released = true;
        const next = waiters.shift();
        if (next) next(slot());
        else active -= 1;
      },
    };
  };

  return {
    enter() {
      if (active < options.maxActive) {
        active += 1;
        return Promise.resolve(slot());
      }
      // At most as many waiters as active requests: beyond that a wait could not end in time anyway.
      if (waiters.length >= options.maxActive || options.waitMs <= 0) return Promise.resolve(undefined);
      return new Promise((resolve) => {
        const grant = (granted: WorkSlot) => {
          clearTimeout(timer);
          resolve(granted);
        };
        const timer = setTimeout(() => {
          const at = waiters.indexOf(grant);
          if (at >= 0) waiters.splice(at, 1);
          resolve(undefined);
        }, options.waitMs);
        waiters.push(grant);
      });
    },
    active: () => active,
    waiting: () => waiters.length,
  };
}
