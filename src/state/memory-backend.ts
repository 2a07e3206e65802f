// In-process state backend: keyv's Map store and a Map of claims; `memory://name` shares both within a process.
import { Keyv } from "keyv";
import type { ClaimBackend, StateBackend } from "./state-backend.ts";

interface MemorySpace {
  values: Map<string, unknown>;
  claims: Map<string, { holder: string; expiresAt: number }>;
}

// Named spaces let several store instances (tests, or modules of one process) see the same data.
const namedSpaces = new Map<string, MemorySpace>();

/** Opens a memory backend; an empty name gives a private space. */
export function openMemoryBackend(name: string, namespace: string): StateBackend {
  const space = name ? sharedSpace(name) : newSpace();
  const keyv = new Keyv({ store: space.values, namespace, throwOnErrors: true });
  return { kind: "memory", keyv, claims: memoryClaims(space, namespace), close: async () => {} };
}

function newSpace(): MemorySpace {
  return { values: new Map(), claims: new Map() };
}

function sharedSpace(name: string): MemorySpace {
  let space = namedSpaces.get(name);
  if (!space) {
    space = newSpace();
    namedSpaces.set(name, space);
  }
  return space;
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
