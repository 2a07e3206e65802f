// Preloaded into the bot by the reliability suite (`node --expose-gc --import …/memory-probe.mjs`): answers an
// IPC "measure" with the process's memory after full collections, so growth is retained memory, not garbage.
process.on("message", (message) => {
  if (message?.type !== "measure") return;
  // Twice: the first collection may only queue finalizers whose memory the second one frees.
  globalThis.gc?.();
  globalThis.gc?.();
  process.send?.({ type: "measured", usage: process.memoryUsage() });
});
// The IPC channel must not keep the bot alive on its own, nor stop it from exiting on SIGTERM.
process.channel?.unref();
