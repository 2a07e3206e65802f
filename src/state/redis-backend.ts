// Shared state backend for several instances: keyv on @keyv/redis, claims with SET NX PX on its client.
import KeyvRedis from "@keyv/redis";
import { Keyv } from "keyv";
import type { ClaimBackend, StateBackend } from "./state-backend.ts";

const CONNECT_TIMEOUT_MS = 5_000;

// Deletes the claim only if the caller still holds it, in one server-side step.
const RELEASE_SCRIPT = `if redis.call("GET", KEYS[1]) == ARGV[1] then return redis.call("DEL", KEYS[1]) else return 0 end`;

/** The two commands the claim needs; the adapter's client type is a client/cluster/sentinel union. */
interface ClaimCommands {
  set(
    key: string,
    value: string,
    options: { condition: "NX"; expiration: { type: "PX"; value: number } },
  ): Promise<unknown>;
  eval(script: string, options: { keys: string[]; arguments: string[] }): Promise<unknown>;
}

/** Connects to Redis (failing after a few seconds rather than hanging) and returns the backend. */
export async function openRedisBackend(url: string, namespace: string): Promise<StateBackend> {
  const adapter = new KeyvRedis(
    // No offline queue: while Redis is down, commands fail fast instead of piling up.
    { url, disableOfflineQueue: true, socket: { connectTimeout: CONNECT_TIMEOUT_MS } },
    { namespace, throwOnConnectError: true, throwOnErrors: true },
  );
  // @keyv/redis prefixes keys itself; keyv must not add a second prefix.
  const keyv = new Keyv({ store: adapter, namespace, useKeyPrefix: false, throwOnErrors: true });
  const client = (await connectWithin(adapter, CONNECT_TIMEOUT_MS)) as unknown as ClaimCommands;
  return {
    kind: "redis",
    keyv,
    claims: redisClaims(client, namespace),
    close: () => adapter.disconnect(),
  };
}

function redisClaims(client: ClaimCommands, namespace: string): ClaimBackend {
  const claimKey = (key: string) => `${namespace}:claims::${key}`;
  return {
    async claim(key, holder, ttlMs) {
      // SET NX PX is atomic on the server: one caller among all instances gets "OK".
      const reply = await client.set(claimKey(key), holder, {
        condition: "NX",
        expiration: { type: "PX", value: ttlMs },
      });
      return reply === "OK";
    },
    async release(key, holder) {
      await client.eval(RELEASE_SCRIPT, { keys: [claimKey(key)], arguments: [holder] });
    },
  };
}

/**
 * Connects, giving up after `ms`. The adapter's own `connectionTimeout` leaves its timer running, which
 * keeps a short-lived process (the CLI) alive for the whole timeout after it is done.
 */
async function connectWithin(adapter: KeyvRedis<unknown>, ms: number): Promise<unknown> {
  const connecting = adapter.getClient();
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`Redis did not connect within ${ms} ms`)), ms);
  });
  try {
    return await Promise.race([connecting, timeout]);
  } catch (error) {
    connecting.catch(() => {});
    // Stops the client's reconnect loop so nothing keeps retrying in the background.
    await adapter.disconnect(true).catch(() => {});
    throw error;
  } finally {
    clearTimeout(timer);
  }
}
