// Test helper: runs claim-worker.ts in a separate Node process, so claims race across processes.
import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";

const WORKER = fileURLToPath(new URL("./claim-worker.ts", import.meta.url));
const REPO_ROOT = fileURLToPath(new URL("../..", import.meta.url));

/** A started worker: call `race(at)` to make it fire `count` claims at epoch ms `at`; resolves to its wins. */
export interface ClaimChild {
  race(at: number): Promise<number>;
  kill(): void;
}

/** Starts the worker and resolves once its store is open. */
export function startClaimChild(url: string, namespace: string, key: string, ttlMs: number, count: number) {
  const child = spawn(
    process.execPath,
    ["--import", "tsx", WORKER, url, namespace, key, String(ttlMs), String(count)],
    {
      cwd: REPO_ROOT,
      stdio: ["pipe", "pipe", "pipe"],
    },
  );
  let output = "";
  let errors = "";
  const waiters: Array<() => void> = [];
  child.stdout.setEncoding("utf8").on("data", (chunk: string) => {
    output += chunk;
    for (const wake of waiters.splice(0)) wake();
  });
  child.stderr.setEncoding("utf8").on("data", (chunk: string) => {
    errors += chunk;
  });
  const exited = new Promise<void>((resolve) => child.on("exit", () => resolve()));
  const waitFor = async (pattern: RegExp): Promise<RegExpExecArray> => {
    for (;;) {
      const match = pattern.exec(output);
      if (match) return match;
      const woke = new Promise<void>((resolve) => waiters.push(resolve));
      const ended = await Promise.race([woke.then(() => false), exited.then(() => true)]);
      if (ended && !pattern.exec(output)) throw new Error(`claim worker exited early: ${errors}`);
    }
  };
  return waitFor(/^ready$/m).then(
    (): ClaimChild => ({
      race: async (at) => {
        child.stdin.write(`go ${at}\n`);
        const match = await waitFor(/^\{"won":(\d+)\}$/m);
        await exited;
        return Number(match[1]);
      },
      kill: () => child.kill(),
    }),
  );
}
