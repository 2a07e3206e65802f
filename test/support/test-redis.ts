// The Redis server tests share: its URL, why it cannot be used (so suites skip visibly), and key clean-up.
import { Socket } from "node:net";
import { createClient } from "@keyv/redis";

/** CI and the dev machine run Redis on the default port; PAPERBOY_TEST_REDIS_URL points elsewhere. */
export const TEST_REDIS_URL = process.env.PAPERBOY_TEST_REDIS_URL ?? "redis://127.0.0.1:6379";

/** Why Redis at `url` cannot be used (undefined when it answers PING within a second). */
export async function redisUnreachable(url = TEST_REDIS_URL): Promise<string | undefined> {
  const address = new URL(url);
  const host = address.hostname;
  const port = Number(address.port || 6379);
  return new Promise((resolve) => {
    const socket = new Socket();
    const done = (reason: string | undefined) => {
      socket.destroy();
      resolve(reason);
    };
    socket.setTimeout(1_000, () => done(`Redis did not answer at ${host}:${port} within 1 s`));
    socket.once("error", (error) => done(`Redis unreachable at ${host}:${port} (${error.message})`));
    socket.connect(port, host, () => socket.write("PING\r\n"));
    socket.once("data", (data) =>
      done(data.toString().startsWith("+PONG") ? undefined : `unexpected Redis reply at ${host}:${port}`),
    );
  });
}

/** Removes the keys matching `pattern` that a suite left on the shared server. */
export async function deleteRedisKeys(pattern: string, url = TEST_REDIS_URL): Promise<void> {
  const client = createClient({ url });
  await client.connect();
  for await (const keys of client.scanIterator({ MATCH: pattern, COUNT: 500 })) {
    if (keys.length > 0) await client.del(keys);
  }
  await client.quit();
}

/** How many keys matching `pattern` the server holds now (expired keys are not listed). */
export async function countRedisKeys(pattern: string, url = TEST_REDIS_URL): Promise<number> {
  const client = createClient({ url });
  await client.connect();
  let count = 0;
  for await (const keys of client.scanIterator({ MATCH: pattern, COUNT: 500 })) count += keys.length;
  await client.quit();
  return count;
}
