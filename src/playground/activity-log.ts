// What happened at the stand-in: Web API calls, rejected payloads, 429s sent, and a feed of changes to wait on.
import { PaperboyError } from "../errors.ts";
import type { CallRecord, RejectedPayload, StandInChange } from "./stand-in-types.ts";

/** Counters for benchmarks and assertions. */
export interface StandInStats {
  calls: number;
  /** HTTP 429 answers sent (rate-limit mode and injected). */
  rateLimited: number;
  rejected: number;
}

/** Records activity and tells subscribers about every change. */
export class ActivityLog {
  private callLog: CallRecord[] = [];
  private rejectedLog: RejectedPayload[] = [];
  private rateLimitedCount = 0;
  private readonly listeners = new Set<(change: StandInChange) => void>();

  recordCall(record: CallRecord): void {
    this.callLog.push(record);
    if (record.status === 429) this.rateLimitedCount += 1;
    this.emit({ kind: "call", method: record.method });
  }

  recordRejected(record: RejectedPayload): void {
    this.rejectedLog.push(record);
    this.emit({ kind: "rejected", method: record.method });
  }

  /** A response-URL answer went out; 429s there count like Web API ones. */
  recordResponse(id: string, status: number): void {
    if (status === 429) this.rateLimitedCount += 1;
    this.emit({ kind: "response", id });
  }

  calls(method?: string): CallRecord[] {
    return this.callLog.filter((call) => method === undefined || call.method === method);
  }

  rejected(): RejectedPayload[] {
    return [...this.rejectedLog];
  }

  stats(): StandInStats {
    return {
      calls: this.callLog.length,
      rateLimited: this.rateLimitedCount,
      rejected: this.rejectedLog.length,
    };
  }

  clear(): void {
    this.callLog = [];
    this.rejectedLog = [];
    this.rateLimitedCount = 0;
  }

  emit(change: StandInChange): void {
    for (const listener of this.listeners) listener(change);
  }

  onChange(listener: (change: StandInChange) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /**
   * Resolves with the first truthy value of `predicate`, checked now, on every change and every 20 ms (for
   * state that changes without a change event, like the app's own records); rejects after `timeoutMs`.
   */
  waitFor<T>(predicate: () => T | undefined | null | false, timeoutMs: number, what: string): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const check = (): void => {
        const value = predicate();
        if (!value) return;
        finish();
        resolve(value);
      };
      const poll = setInterval(check, 20);
      const timer = setTimeout(() => {
        finish();
        reject(new PaperboyError("playground", `Timed out after ${timeoutMs} ms waiting for ${what}.`));
      }, timeoutMs);
      const unsubscribe = this.onChange(check);
      const finish = () => {
        clearInterval(poll);
        clearTimeout(timer);
        unsubscribe();
      };
      check();
    });
  }
}
