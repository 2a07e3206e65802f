// Preloaded into the bot by startBotChild({ probe: true }) (`node --expose-gc --import …/memory-probe.mjs`): answers
// an IPC "measure" with the process's memory after full collections (so growth is retained memory, not garbage),
// and a "snapshot" by writing a heap snapshot.
import { setTimeout as sleep } from "node:timers/promises";
import { writeHeapSnapshot } from "node:v8";

process.on("message", async (message) => {
  if (message?.type === "measure") {
    // Twice: the first collection may only queue finalizers whose memory the second one frees.
    globalThis.gc?.();
    globalThis.gc?.();
    const usage = process.memoryUsage();
    if (!(message.settleMs > 0)) return process.send?.({ type: "measured", usage });
    // V8's GC helper threads hand memory back a moment after gc() returns: RSS read at once was up to 97 MB above
    // the reading 50 ms later in the reliability suite, a different amount each time (with --single-threaded-gc
    // the two agree). So wait, then take the median of a few readings.
    await sleep(message.settleMs);
    const samples = [];
    for (let i = 0; i < (message.samples ?? 5); i++) {
      if (i > 0) await sleep(message.intervalMs ?? 100);
      samples.push(process.memoryUsage.rss());
    }
    samples.sort((a, b) => a - b);
    const rss = samples[Math.floor(samples.length / 2)];
    process.send?.({ type: "measured", usage: { ...process.memoryUsage(), rss }, rssAtOnce: usage.rss });
  } else if (message?.type === "snapshot") {
    process.send?.({ type: "snapshot-written", path: writeHeapSnapshot(message.path) });
  }
});
// The IPC channel must not keep the bot alive on its own, nor stop it from exiting on SIGTERM.
process.channel?.unref();
