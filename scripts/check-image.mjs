// `npm run check:image`: the Dockerfile's runtime stage, reproduced on a host without Docker. A clean directory
// gets only what that stage copies, production dependencies only; the bot runs there as an unprivileged user on
// a fresh data directory, and must answer /healthz and the image's HEALTHCHECK command, then stop on SIGTERM.
import { spawn, spawnSync } from "node:child_process";
import {
  chmodSync,
  chownSync,
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
} from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { readRuntimeStage } from "./dockerfile-stage.mjs";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const DEADLINE_MS = 10 * 60_000;
const startedAt = performance.now();
const step = (what) => process.stdout.write(`check:image ✓ ${what} (${seconds()} s)\n`);
const seconds = () => ((performance.now() - startedAt) / 1000).toFixed(1);
const fail = (message) => {
  process.stderr.write(`check:image ✗ ${message}\n`);
  process.exitCode = 1;
};
const overall = setTimeout(() => {
  fail(`not done within ${DEADLINE_MS / 60_000} minutes`);
  process.exit(1);
}, DEADLINE_MS);
overall.unref();

const stage = readRuntimeStage(readFileSync(join(root, "Dockerfile"), "utf8"));
const work = mkdtempSync(join(tmpdir(), "paperboy-image-"));
chmodSync(work, 0o755);
const app = join(work, "app");
const data = join(work, "data");
let bot;
try {
  await run();
} catch (error) {
  fail(error instanceof Error ? error.message : String(error));
} finally {
  if (bot && bot.exitCode === null) bot.kill("SIGKILL");
  rmSync(work, { recursive: true, force: true });
}

async function run() {
  // 1. What the image copies, and nothing else: dist/ as `npm run build` makes it.
  const build = spawnSync(process.execPath, [join(root, "scripts/build.mjs"), "--if-stale"], {
    stdio: "inherit",
  });
  if (build.status !== 0) throw new Error("npm run build failed");
  mkdirSync(app);
  const fromBuild = [];
  for (const copy of stage.copies) {
    if (copy.source === "node_modules") continue; // made below, as the build stage's `npm prune --omit=dev` does
    const source = join(root, copy.source);
    if (!existsSync(source)) throw new Error(`the Dockerfile copies ${copy.source}, which does not exist`);
    cpSync(source, join(app, copy.target), { recursive: true });
    fromBuild.push(copy.source);
  }
  step(`copied what the runtime stage copies: ${fromBuild.join(", ")}`);

  // 2. Production dependencies only. Install scripts are skipped and the native modules this checkout already
  // compiled are copied in: compiling them again (`npm ci --omit=dev` with scripts) takes minutes on 2 cores.
  cpSync(join(root, "package-lock.json"), join(app, "package-lock.json"));
  const ci = spawnSync(
    "npm",
    ["ci", "--omit=dev", "--ignore-scripts", "--prefer-offline", "--no-audit", "--no-fund"],
    {
      cwd: app,
      encoding: "utf8",
      timeout: 5 * 60_000,
    },
  );
  if (ci.status !== 0) throw new Error(`npm ci --omit=dev failed: ${ci.stderr || ci.stdout}`);
  rmSync(join(app, "package-lock.json"));
  const natives = copyNativeBuilds(join(root, "node_modules"), join(app, "node_modules"));
  const installed = readdirSync(join(app, "node_modules")).filter((name) => !name.startsWith("."));
  const devOnly = ["typescript", "tsx", "vitest", "@biomejs"].filter((name) => installed.includes(name));
  if (devOnly.length > 0) throw new Error(`dev dependencies in the runtime: ${devOnly.join(", ")}`);
  step(
    `npm ci --omit=dev: ${installed.length} top-level packages, no typescript/tsx/vitest; native builds reused: ${natives.join(", ")}`,
  );

  // 3. A fresh data directory owned by the unprivileged user, as /data is by `node` in the image.
  const user = runAs();
  mkdirSync(data);
  if (user) chownSync(data, user.uid, user.gid);
  const port = await freePort();
  const env = {
    PATH: process.env.PATH,
    ...stage.env,
    PAPERBOY_DATA_DIR: data,
    PORT: String(port),
    HOME: data,
    LOG_LEVEL: "warn",
    // No network: the sources at a closed port.
    HF_API_URL: "http://127.0.0.1:9",
    ARXIV_API_URL: "http://127.0.0.1:9/api/query",
    ARXIV_RSS_URL: "http://127.0.0.1:9/rss",
  };
  const [command, ...args] = stage.cmd;
  bot = spawn(...wrap(user, command, args), { cwd: app, env, stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  const keep = (chunk) => {
    output = (output + chunk.toString()).slice(-4_000);
  };
  bot.stdout.on("data", keep);
  bot.stderr.on("data", keep);
  const who = user
    ? `as ${user.name} (uid ${user.uid})`
    : "as this user (not root, so no other user to switch to)";
  const status = await waitForHealth(`http://127.0.0.1:${port}/healthz`, () => output);
  step(
    `started \`${stage.cmd.join(" ")}\` ${who} with NODE_ENV=${env.NODE_ENV}; /healthz answered ${status}`,
  );

  // 4. The HEALTHCHECK command itself, run the way Docker runs it: inside the container, as the same user.
  const [hcCommand, ...hcArgs] = stage.healthcheck;
  const health = spawnSync(...wrap(user, hcCommand, hcArgs), {
    cwd: app,
    env,
    encoding: "utf8",
    timeout: 30_000,
  });
  if (health.status !== 0)
    throw new Error(`the HEALTHCHECK command exited ${health.status}: ${health.stderr}`);
  const written = readdirSync(data);
  if (written.length === 0) throw new Error("the bot wrote nothing to its data directory");
  step(`HEALTHCHECK command exited 0; the data directory holds ${written.join(", ")}`);
  const cli = spawnSync(
    ...wrap(user, "node", ["bin/paperboy.js", "search", "--local", "--limit", "1", "regularization"]),
    {
      cwd: app,
      env,
      encoding: "utf8",
      timeout: 60_000,
    },
  );
  if (cli.status !== 0 || !/^ 1\. /.test(cli.stdout))
    throw new Error(`\`paperboy search --local\` failed (${cli.status}): ${cli.stderr}${cli.stdout}`);
  step(`\`paperboy search --local\` ran from dist/ and found: ${cli.stdout.split("\n")[0]?.trim()}`);
  // The embedded default's term vectors are a data file beside the modules: the image must hold it in dist/.
  const vectors = spawnSync(
    ...wrap(user, "node", [
      "--input-type=module",
      "-e",
      "const m = await import('./dist/papers/embeddings/term-vector-file.js'); const v = m.loadTermVectors(); console.log(v.scales.length + ' terms × ' + v.dimensions);",
    ]),
    { cwd: app, env, encoding: "utf8", timeout: 30_000 },
  );
  if (vectors.status !== 0) throw new Error(`the term vectors did not load from dist/: ${vectors.stderr}`);
  step(`term vectors load from dist/: ${vectors.stdout.trim()}`);

  // 5. Stops cleanly on SIGTERM (docker stop).
  const exited = new Promise((resolve) => bot.once("exit", (code, signal) => resolve(code ?? signal)));
  bot.kill("SIGTERM");
  const code = await Promise.race([
    exited,
    new Promise((resolve) => setTimeout(() => resolve("timeout"), 10_000)),
  ]);
  if (code !== 0) throw new Error(`the bot did not exit 0 within 10 s of SIGTERM (${code}): ${output}`);
  step("stopped on SIGTERM with exit code 0");
}

/** Copies `build/` of every dependency that compiled one (better-sqlite3, sqlite3) from this checkout. */
function copyNativeBuilds(from, to) {
  const copied = [];
  for (const name of readdirSync(to)) {
    const names = name.startsWith("@") ? readdirSync(join(to, name)).map((n) => `${name}/${n}`) : [name];
    for (const pkg of names) {
      const built = join(from, pkg, "build", "Release");
      if (!existsSync(built) || existsSync(join(to, pkg, "build", "Release"))) continue;
      cpSync(join(from, pkg, "build"), join(to, pkg, "build"), { recursive: true });
      copied.push(pkg);
    }
  }
  return copied;
}

/** `nobody` when this runs as root (the image's `node` user is no more privileged); no switch otherwise. */
function runAs() {
  if (process.getuid?.() !== 0) return undefined;
  const id = (flag) => Number(spawnSync("id", [flag, "nobody"], { encoding: "utf8" }).stdout.trim());
  return { name: "nobody", uid: id("-u"), gid: id("-g") };
}

function wrap(user, command, args) {
  const resolved = command === "node" ? process.execPath : command;
  if (!user) return [resolved, args];
  return ["setpriv", [`--reuid=${user.uid}`, `--regid=${user.gid}`, "--clear-groups", resolved, ...args]];
}

async function waitForHealth(url, output) {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (bot.exitCode !== null) throw new Error(`the bot exited with ${bot.exitCode}: ${output()}`);
    const status = await fetch(url, { signal: AbortSignal.timeout(1_000) })
      .then((response) => response.status)
      .catch(() => 0);
    if (status === 200) return status;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`/healthz did not answer 200 within 60 s: ${output()}`);
}

function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}
