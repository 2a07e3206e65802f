// What every state backend provides: a keyv instance, an atomic claim, and how to close both.
import type { Keyv } from "keyv";

/** The atomic part keyv cannot do with get/set: a compare-and-set per backend. */
export interface ClaimBackend {
  /** Takes `key` for `holder` unless someone holds an unexpired claim on it. */
  claim(key: string, holder: string, ttlMs: number): Promise<boolean>;
  /** Drops the claim on `key` only if `holder` still holds it. */
  release(key: string, holder: string): Promise<void>;
}

/** An opened backend: keyv for values, a claim implementation, and how to close both. */
export interface StateBackend {
  kind: "sqlite" | "redis" | "memory";
  keyv: Keyv;
  claims: ClaimBackend;
  close(): Promise<void>;
}
