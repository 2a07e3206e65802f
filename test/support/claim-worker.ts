// Child process for the cross-process claim test: opens a store, waits for "go <epoch ms>", races claims, reports wins.
import { createInterface } from "node:readline";
import { createStateStore } from "../../src/state/state-store.ts";

const [url, namespace, key, ttl, count] = process.argv.slice(2);
const store = await createStateStore({ url, namespace });
process.stdout.write("ready\n");

const lines = createInterface({ input: process.stdin });
for await (const line of lines) {
  const at = Number(line.replace(/^go /, ""));
  // Both processes fire at the same wall-clock instant so their claims really overlap.
  await new Promise((resolve) => setTimeout(resolve, Math.max(0, at - Date.now())));
  const results = await Promise.all(
    Array.from({ length: Number(count) }, () => store.claim(key ?? "", Number(ttl))),
  );
  process.stdout.write(`${JSON.stringify({ won: results.filter(Boolean).length })}\n`);
  break;
}
lines.close();
await store.close();
