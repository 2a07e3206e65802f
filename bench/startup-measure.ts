// For the start-up bench: one command's wall and CPU time, `npm start` until the bot answers, a process's RSS.
import { type ChildProcess, spawn } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

/** One run: wall time from spawn to exit, and (with GNU time) CPU time and peak RSS. */
export interface Timed {
  wallMs: number;
  cpuMs?: number;
  maxRssMb?: number;
}

const GNU_TIME = "/usr/bin/time";
const HAS_GNU_TIME = existsSync(GNU_TIME);

/** Runs `command args` to completion (output discarded) and times it; throws when it fails. */
export async function timeCommand(
  command: string,
  args: string[],
  options: { cwd: string; env: NodeJS.ProcessEnv },
): Promise<Timed> {
  const dir = mkdtempSync(join(tmpdir(), "paperboy-startup-"));
  const report = join(dir, "time.txt");
  // GNU time adds one fork and exec, the same for every command measured, bare node included.
  const [file, argv] = HAS_GNU_TIME
    ? [GNU_TIME, ["-f", "%U %S %M", "-o", report, command, ...args]]
    : [command, args];
  const started = performance.now();
  const { code, stderr } = await new Promise<{ code: number | null; stderr: string }>((resolve, reject) => {
    const child = spawn(file, argv, {
      cwd: options.cwd,
      env: options.env,
      stdio: ["ignore", "ignore", "pipe"],
    });
    let err = "";
    child.stderr.on("data", (chunk: Buffer) => {
      err = (err + chunk.toString()).slice(-2_000);
    });
    child.on("error", reject);
    child.on("close", (exit) => resolve({ code: exit, stderr: err }));
  });
  const wallMs = performance.now() - started;
  try {
    if (code !== 0) throw new Error(`${command} ${args.join(" ")} exited with ${code}: ${stderr}`);
    if (!HAS_GNU_TIME) return { wallMs };
    const [user, system, maxRssKb] = readFileSync(report, "utf8").trim().split(/\s+/).slice(-3).map(Number);
    return { wallMs, cpuMs: ((user ?? 0) + (system ?? 0)) * 1000, maxRssMb: (maxRssKb ?? 0) / 1024 };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** How `npm start` became ready: after how long, and which endpoint said so. */
export interface Readiness {
  wallMs: number;
  /** CPU (user + system) the started process group had used when it answered, its reaped children included. */
  cpuMs?: number;
  endpoint: "/readyz" | "/healthz";
}

/**
 * Starts `npm start` (in its own process group), waits until `/readyz` answers 200 — or `/healthz` when this
 * bot has no /readyz yet (it answers 404) — and stops the whole group.
 */
export async function timeNpmStart(options: {
  cwd: string;
  env: NodeJS.ProcessEnv;
  port: number;
  /** Another command than `npm start`, e.g. `node dist/main.js`. */
  command?: string[];
}): Promise<Readiness> {
  const [file, ...args] = options.command ?? ["npm", "start"];
  const started = performance.now();
  const child = spawn(file ?? "npm", args, {
    cwd: options.cwd,
    env: options.env,
    stdio: ["ignore", "ignore", "pipe"],
    detached: true,
  });
  let stderr = "";
  child.stderr?.on("data", (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-2_000);
  });
  try {
    let endpoint: Readiness["endpoint"] = "/readyz";
    const deadline = Date.now() + 120_000;
    while (Date.now() < deadline) {
      if (child.exitCode !== null) throw new Error(`${file} exited (${child.exitCode}): ${stderr}`);
      const status = await fetch(`http://127.0.0.1:${options.port}${endpoint}`, {
        signal: AbortSignal.timeout(1_000),
      })
        .then((response) => response.status)
        .catch(() => 0);
      if (status === 200) {
        const wallMs = performance.now() - started;
        const cpuMs = child.pid === undefined ? undefined : groupCpuMs(child.pid);
        return { wallMs, ...(cpuMs !== undefined ? { cpuMs } : {}), endpoint };
      }
      if (status === 404 && endpoint === "/readyz") endpoint = "/healthz";
      else await new Promise((resolve) => setTimeout(resolve, 20));
    }
    throw new Error(`${file} was not ready within 120 s: ${stderr}`);
  } finally {
    await stopGroup(child);
  }
}

async function stopGroup(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.pid === undefined) return;
  const pgid = child.pid;
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  process.kill(-pgid, "SIGTERM");
  const timer = setTimeout(() => groupAlive(pgid) && process.kill(-pgid, "SIGKILL"), 10_000);
  await exited;
  // npm exits before the bot it started has shut down: the next start on this port would otherwise be
  // answered by the bot still listening there (the direct start's figures were the old bot's).
  while (groupAlive(pgid)) await new Promise((resolve) => setTimeout(resolve, 10));
  clearTimeout(timer);
}

function groupAlive(pgid: number): boolean {
  try {
    process.kill(-pgid, 0);
    return true;
  } catch {
    return false;
  }
}

/** A live process's resident set size in MB, from /proc (undefined off Linux). */
export function residentMb(pid: number): number | undefined {
  try {
    const kb = /^VmRSS:\s+(\d+)/m.exec(readFileSync(`/proc/${pid}/status`, "utf8"))?.[1];
    return kb ? Number(kb) / 1024 : undefined;
  } catch {
    return undefined;
  }
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[mid] ?? 0) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
}

/**
 * CPU time used so far by the processes of group `pgid` (from /proc: utime + stime, plus cutime + cstime for the
 * children they have reaped, like npm's `sh -c`), in ms; undefined off Linux. Less swayed by a busy machine than
 * wall time.
 */
function groupCpuMs(pgid: number): number | undefined {
  let ticks = 0;
  try {
    for (const entry of readdirSync("/proc")) {
      if (!/^\d+$/.test(entry)) continue;
      let stat: string;
      try {
        stat = readFileSync(`/proc/${entry}/stat`, "utf8");
      } catch {
        continue; // exited meanwhile
      }
      // Fields after the command name (which may hold spaces) in parentheses: state is field 3, pgrp 5, utime 14.
      const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      if (Number(fields[2]) !== pgid) continue;
      for (const at of [11, 12, 13, 14]) ticks += Number(fields[at] ?? 0);
    }
  } catch {
    return undefined;
  }
  // USER_HZ is 100 on Linux.
  return ticks * 10;
}
