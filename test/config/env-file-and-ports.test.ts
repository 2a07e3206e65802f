// `.env` is read (the shell wins), PLAYGROUND_PORT is a setting, and a taken port is named with its variable.
import { execFile } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { createServer, type Server } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { afterEach, describe, expect, it } from "vitest";
import { loadConfig } from "../../src/config/load-config.ts";
import { loadEnvFile } from "../../src/config/load-env-file.ts";
import { silentLogger } from "../../src/logger.ts";
import { startBot } from "../../src/main.ts";

const CLI = fileURLToPath(new URL("../../bin/paperboy.js", import.meta.url));
const run = promisify(execFile);

function tempDir(): string {
  return mkdtempSync(join(tmpdir(), "paperboy-env-"));
}

describe("loadEnvFile", () => {
  it("fills in what the shell did not set from .env, and leaves what the shell set alone", () => {
    const dir = tempDir();
    writeFileSync(
      join(dir, ".env"),
      '# comment\nPORT=4100\nOPENAI_MODEL="llama3.1"\nLOG_LEVEL=debug\nSLACK_BOT_TOKEN=\n',
    );
    const env: Record<string, string | undefined> = { LOG_LEVEL: "warn" };
    expect(loadEnvFile(env, dir).sort()).toEqual(["OPENAI_MODEL", "PORT", "SLACK_BOT_TOKEN"]);
    const config = loadConfig(env, dir);
    expect(config.port).toBe(4100);
    expect(config.llm.model).toBe("llama3.1");
    expect(config.logLevel).toBe("warn");
    expect(config.mode).toBe("playground"); // an empty value in the file is "not set"
  });

  it("does nothing without a .env file", () => {
    const env: Record<string, string | undefined> = {};
    expect(loadEnvFile(env, tempDir())).toEqual([]);
    expect(env).toEqual({});
  });

  it("is read by the paperboy command, and a variable set in the shell beats it", async () => {
    const dir = tempDir();
    writeFileSync(join(dir, ".env"), "LOG_LEVEL=loud\nPAPERBOY_DATA_DIR=./data\n");
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      PAPERBOY_STORE_URL: "memory://cli-env",
      PAPERBOY_CONFIG: "",
    };
    delete env.LOG_LEVEL;
    const fromFile = await run(process.execPath, [CLI, "search", "--local", "x"], { cwd: dir, env }).catch(
      (error: { stderr: string; code: number }) => error,
    );
    expect(fromFile).toMatchObject({ code: 1 });
    expect(fromFile.stderr).toContain("LOG_LEVEL must be one of");

    const shellWins = await run(process.execPath, [CLI, "search", "--local", "x"], {
      cwd: dir,
      env: { ...env, LOG_LEVEL: "error" },
    });
    expect(shellWins.stderr).toBe("");
  }, 30_000);
});

describe("PLAYGROUND_PORT", () => {
  it("defaults to PORT+1, can be set, and must be a port other than PORT", () => {
    expect(loadConfig({ PORT: "4000" }, tempDir()).playgroundPort).toBe(4001);
    expect(loadConfig({ PORT: "0" }, tempDir()).playgroundPort).toBe(0);
    expect(loadConfig({ PORT: "4000", PLAYGROUND_PORT: "5000" }, tempDir()).playgroundPort).toBe(5000);
    expect(() => loadConfig({ PLAYGROUND_PORT: "web" }, tempDir())).toThrow(/PLAYGROUND_PORT must be a port/);
    expect(() => loadConfig({ PORT: "4000", PLAYGROUND_PORT: "4000" }, tempDir())).toThrow(
      /PLAYGROUND_PORT \(4000\) must differ from PORT/,
    );
  });
});

describe("a port already in use", () => {
  let blocker: Server | undefined;
  afterEach(() => blocker?.close());

  async function takenPort(): Promise<number> {
    blocker = createServer();
    await new Promise<void>((resolve) => blocker?.listen(0, "127.0.0.1", resolve));
    return (blocker.address() as { port: number }).port;
  }

  const env = (extra: Record<string, string>) => ({
    PAPERBOY_DATA_DIR: tempDir(),
    PAPERBOY_STORE_URL: `memory://port-${Math.random()}`,
    PAPERBOY_SEARCH_THREADS: "0",
    ...extra,
  });

  it("names PLAYGROUND_PORT when the stand-in's port is taken (a second npm start)", async () => {
    const port = await takenPort();
    const config = loadConfig(env({ PORT: "0", PLAYGROUND_PORT: String(port) }));
    const error = await startBot(config, silentLogger()).catch((e: Error) => e);
    expect(error).toMatchObject({ code: "port_in_use" });
    expect((error as Error).message).toContain(`Port ${port} (PLAYGROUND_PORT) is taken`);
    expect((error as Error).message).not.toMatch(/Something went wrong/);
  });

  it("names PORT when the bot's own port is taken", async () => {
    const port = await takenPort();
    const config = loadConfig(env({ PORT: String(port), PLAYGROUND_PORT: "0" }));
    const error = await startBot(config, silentLogger()).catch((e: Error) => e);
    expect(error).toMatchObject({ code: "port_in_use" });
    expect((error as Error).message).toContain(`Port ${port} (PORT) is taken`);
  });
});
