// The Dockerfile's runtime stage keeps the promises the README makes about the image (check:image runs it).
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const dockerfile = readFileSync(`${ROOT}Dockerfile`, "utf8");
const runtime = dockerfile.slice(dockerfile.lastIndexOf("\nFROM "));

interface Stage {
  copies: { source: string; target: string }[];
  env: Record<string, string>;
  cmd: string[];
  healthcheck: string[];
}

/** The stage as scripts/dockerfile-stage.mjs (which check:image follows) reads it. */
function readStage(): Stage {
  const script = `import("./scripts/dockerfile-stage.mjs").then((m) => process.stdout.write(JSON.stringify(m.readRuntimeStage(require("node:fs").readFileSync("Dockerfile", "utf8")))))`;
  return JSON.parse(execFileSync(process.execPath, ["-e", script], { cwd: ROOT, encoding: "utf8" })) as Stage;
}

describe("the image's runtime stage", () => {
  it("runs on Node 22 or newer, slim, as a user that is not root", () => {
    const from = /^FROM node:(\d+)-[\w-]*slim/m.exec(runtime);
    expect(Number(from?.[1])).toBeGreaterThanOrEqual(22);
    const user = /^USER (\S+)/m.exec(runtime)?.[1];
    expect(user).toBeDefined();
    expect(["root", "0"]).not.toContain(user);
  });

  it("runs the compiled build with production dependencies only, never the sources or tsx", () => {
    const stage = readStage();
    const sources = stage.copies.map((copy) => copy.source);
    expect(sources).toEqual(expect.arrayContaining(["dist", "node_modules", "package.json", "prompts"]));
    expect(sources).not.toContain("src");
    // The image starts the bot exactly as `npm start` does, less the checkout's check that dist/ matches src/
    // (scripts/fresh-dist.mjs): the image has no sources.
    const start = (JSON.parse(readFileSync(`${ROOT}package.json`, "utf8")) as { scripts: { start: string } })
      .scripts.start;
    expect(stage.cmd).toEqual(
      start.split(" ").filter((word) => word !== "--import=./scripts/fresh-dist.mjs"),
    );
    expect(stage.cmd.at(-1)).toBe("dist/main.js");
    expect(dockerfile).toMatch(/npm prune --omit=dev/);
  });

  it("creates /data for the runtime user before declaring it a volume, so a named volume is writable", () => {
    const chown = runtime.search(/chown node:node \/data/);
    expect(chown).toBeGreaterThan(-1);
    expect(runtime.indexOf("VOLUME /data")).toBeGreaterThan(chown);
    expect(readStage().env.PAPERBOY_DATA_DIR).toBe("/data");
  });

  it("checks its health on /healthz, and leaves binding 0.0.0.0 to PAPERBOY_HOST", () => {
    expect(readStage().healthcheck.join(" ")).toMatch(/127\.0\.0\.1:.*\/healthz/);
    expect(runtime).not.toMatch(/PAPERBOY_HOST/);
  });
});
