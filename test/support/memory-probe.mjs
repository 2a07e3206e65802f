// Preloaded into the bot by startBotChild({ probe: true }) (`node --expose-gc --import …/memory-probe.mjs`): answers
// an IPC "measure" with the process's memory after full collections (so growth is retained memory, not garbage),
// and a "snapshot" by writing a heap snapshot.
import { writeHeapSnapshot } from "node:v8";

process.on("message", (message) => {
  if (message?.type === "measure") {
    // Twice: the first collection may only queue finalizers whose memory the second one frees.
    globalThis.gc?.();
    globalThis.gc?.();
    process.send?.({ type: "measured", usage: process.memoryUsage() });
  } else if (message?.type === "snapshot") {
    process.send?.({ type: "snapshot-written", path: writeHeapSnapshot(message.path) });
  }
});
// The IPC channel must not keep the bot alive on its own, nor stop it from exiting on SIGTERM.
process.channel?.unref();
