// In-process state backend: keyv's Map store and a Map of claims; `memory://name` shares both within a process.
import { Keyv } from "keyv";
import { getOrInsert } from "../get-or-insert.ts";
import { DEFAULT_SWEEP_INTERVAL_MS, startExpirySweep } from "./expiry-sweep.ts";
import type { ClaimBackend, StateBackend } from "./state-backend.ts";

interface MemorySpace {
  values: Map<string, unknown>;
  claims: Map<string, { holder: string; expiresAt: number }>;
}

// Named spaces let several store instances (tests, or modules of one process) see the same data.
const namedSpaces = new Map<string, MemorySpace>();

// keyv serialises `{ value, expires }` with `expires` last; read from the end, a value is never parsed.
const SERIALISED_EXPIRY = /"expires":(\d+)\}$/;

/** Opens a memory backend; an empty name gives a private space. */
export function openMemoryBackend(
  name: string,
  namespace: string,
  options: { sweepIntervalMs?: number } = {},
): StateBackend {
  const space = name ? sharedSpace(name) : newSpace();
  const keyv = new Keyv({ store: space.values, namespace, throwOnErrors: true });
  const stopSweep = startExpirySweep(
    () => sweepExpired(space, Date.now()),
    options.sweepIntervalMs ?? DEFAULT_SWEEP_INTERVAL_MS,
    () => {},
  );
  return { kind: "memory", keyv, claims: memoryClaims(space, namespace), close: async () => stopSweep() };
}

function newSpace(): MemorySpace {
  return { values: new Map(), claims: new Map() };
}

function sharedSpace(name: string): MemorySpace {
  return getOrInsert(namedSpaces, name, newSpace);
}

/** Deletes expired claims and expired values that nobody has read since (a read already drops them). */
function sweepExpired(space: MemorySpace, now: number): void {
  for (const [id, claim] of space.claims) if (claim.expiresAt <= now) space.claims.delete(id);
  for (const [key, value] of space.values) {
    const expires = typeof value === "string" ? SERIALISED_EXPIRY.exec(value)?.[1] : undefined;
    if (expires !== undefined && Number(expires) <= now) space.values.delete(key);
  }
}

function memoryClaims(space: MemorySpace, namespace: string): ClaimBackend {
  return {
    // Synchronous check-and-set: JavaScript runs it without interleaving, so it is atomic in-process.
    async claim(key, holder, ttlMs) {
      const id = `${namespace}:${key}`;
      const now = Date.now();
      const current = space.claims.get(id);
      if (current && current.expiresAt > now) return false;
      space.claims.set(id, { holder, expiresAt: now + ttlMs });
      return true;
    },
    async release(key, holder) {
      const id = `${namespace}:${key}`;
      if (space.claims.get(id)?.holder === holder) space.claims.delete(id);
    },
  };
}

/** Claims plus values a named space holds for `namespace`, expired or not: what the space costs in memory. */
export function countMemoryEntries(name: string, namespace: string): number {
  const space = namedSpaces.get(name);
  if (!space) return 0;
  const prefix = `${namespace}:`;
  let count = 0;
  for (const key of [...space.claims.keys(), ...space.values.keys()]) if (key.startsWith(prefix)) count++;
  return count;
}
