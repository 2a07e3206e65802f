// Preloaded into the bot by the soak bench (`node --expose-gc --import ./bench/soak-probe.mjs src/main.ts`):
// answers the bench's IPC messages with the bot's memory after a full GC, or writes a heap snapshot.
import { writeHeapSnapshot } from "node:v8";

process.on("message", (message) => {
  if (message?.type === "measure") {
    // Twice: the first collection may only queue finalizers whose memory the second one frees.
    globalThis.gc?.();
    globalThis.gc?.();
    const usage = process.memoryUsage();
    process.send?.({ type: "measured", usage });
  } else if (message?.type === "snapshot") {
    process.send?.({ type: "snapshot-written", path: writeHeapSnapshot(message.path) });
  }
});
// The IPC channel must not keep the bot alive on its own, nor stop it from exiting on SIGTERM.
process.channel?.unref();
