// What the benches and the reliability suite need to run the bot as a child process: a free port, a wait for /healthz.
import type { ChildProcess } from "node:child_process";
import { createServer } from "node:net";

/** A port nobody listens on right now (the OS picks it; the caller binds it a moment later). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** Resolves once the bot at `url` answers /healthz with 200; throws if it exits first or `timeoutMs` passes. */
export async function waitForHealth(
  url: string,
  child: ChildProcess,
  stderr: () => string,
  timeoutMs = 60_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`the bot exited (${child.exitCode}): ${stderr()}`);
    const ok = await fetch(`${url}/healthz`, { signal: AbortSignal.timeout(1_000) })
      .then((response) => response.ok)
      .catch(() => false);
    if (ok) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`the bot did not come up within ${timeoutMs / 1000} s: ${stderr()}`);
}
