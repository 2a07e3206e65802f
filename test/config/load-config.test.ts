import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runsOn } from "../../src/config/channel-config.ts";
import { loadConfig } from "../../src/config/load-config.ts";

function tempDir(): string {
  return mkdtempSync(join(tmpdir(), "paperboy-config-"));
}

describe("loadConfig", () => {
  it("runs the playground with defaults when nothing is set", () => {
    const config = loadConfig({}, tempDir());
    expect(config.mode).toBe("playground");
    expect(config.port).toBe(3000);
    expect(config.host).toBe("127.0.0.1");
    expect(config.slack.apiUrl).toBe("https://slack.com/api/");
    expect(config.sources.hfApiUrl).toBe("https://huggingface.co");
    expect(config.llm.apiKey).toBeUndefined();
    expect(config.digest.channels).toEqual([]);
  });

  it("chooses Socket Mode when an app token is set, HTTP mode with a signing secret", () => {
    expect(loadConfig({ SLACK_BOT_TOKEN: "xoxb-1", SLACK_APP_TOKEN: "xapp-1" }, tempDir()).mode).toBe(
      "socket",
    );
    const http = loadConfig({ SLACK_BOT_TOKEN: "xoxb-1", SLACK_SIGNING_SECRET: "s" }, tempDir());
    expect(http.mode).toBe("http");
    expect(http.host).toBe("0.0.0.0");
  });

  it("lists every problem at once, each with its fix", () => {
    let message = "";
    try {
      loadConfig(
        {
          SLACK_BOT_TOKEN: "nope",
          PORT: "http",
          LOG_LEVEL: "loud",
          HF_API_URL: "ftp://x",
          PAPERBOY_STORE_URL: "mongo://",
        },
        tempDir(),
      );
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toContain("SLACK_BOT_TOKEN must be a bot token starting with xoxb-");
    expect(message).toContain("SLACK_SIGNING_SECRET");
    expect(message).toContain("PORT must be a port number");
    expect(message).toContain("LOG_LEVEL must be one of");
    expect(message).toContain("HF_API_URL must be an http(s) URL");
    expect(message).toContain("PAPERBOY_STORE_URL must start with");
  });

  it("reads the number settings and refuses ones that are not whole numbers in range", () => {
    const config = loadConfig(
      { PAPERBOY_SEARCH_WORKERS: "0", PAPERBOY_REMOTE_TIMEOUT_MS: "250", OPENAI_TIMEOUT_MS: "5000" },
      tempDir(),
    );
    expect(config.searchWorkers).toBe(0);
    expect(config.sources.remoteSearchTimeoutMs).toBe(250);
    expect(config.llm.timeoutMs).toBe(5000);
    expect(loadConfig({}, tempDir()).searchWorkers).toBeGreaterThanOrEqual(1);
    // The former name still works, and the new one wins when both are set.
    expect(loadConfig({ PAPERBOY_SEARCH_THREADS: "2" }, tempDir()).searchWorkers).toBe(2);
    expect(
      loadConfig({ PAPERBOY_SEARCH_THREADS: "2", PAPERBOY_SEARCH_WORKERS: "3" }, tempDir()).searchWorkers,
    ).toBe(3);

    expect(() => loadConfig({ PAPERBOY_SEARCH_WORKERS: "two" }, tempDir())).toThrow(
      /PAPERBOY_SEARCH_WORKERS must be a whole number from 0 to 16 \(0 searches on the main thread\), not "two"/,
    );
    expect(() => loadConfig({ PAPERBOY_SEARCH_WORKERS: "64" }, tempDir())).toThrow(/PAPERBOY_SEARCH_WORKERS/);
    // A bad value under the former name is reported under the name that was set.
    expect(() => loadConfig({ PAPERBOY_SEARCH_THREADS: "64" }, tempDir())).toThrow(/PAPERBOY_SEARCH_THREADS/);
    expect(() => loadConfig({ PAPERBOY_REMOTE_TIMEOUT_MS: "1.5s" }, tempDir())).toThrow(
      /PAPERBOY_REMOTE_TIMEOUT_MS must be a whole number/,
    );
    expect(() => loadConfig({ OPENAI_TIMEOUT_MS: "-1" }, tempDir())).toThrow(/OPENAI_TIMEOUT_MS/);
  });

  it("reads digest channels from the YAML file and fills in defaults", () => {
    const dir = tempDir();
    writeFileSync(
      join(dir, "paperboy.config.yaml"),
      "digest:\n  channels:\n    - channel: C0123456789\n      time: '09:00'\n      timezone: Europe/Berlin\n      topics: [diffusion]\n",
    );
    const [channel] = loadConfig({}, dir).digest.channels;
    expect(channel).toMatchObject({
      channel: "C0123456789",
      time: "09:00",
      timezone: "Europe/Berlin",
      days: "weekdays",
      topics: ["diffusion"],
      maxPapers: 8,
      sources: ["hf"],
    });
  });

  it("names the field and the fix when the config file is wrong", () => {
    const dir = tempDir();
    const file = join(dir, "custom.json");
    writeFileSync(
      file,
      JSON.stringify({
        digest: { channels: [{ channel: "#papers", time: "9am", timezone: "Mars/Olympus", maxPapers: 99 }] },
      }),
    );
    expect(() => loadConfig({ PAPERBOY_CONFIG: file }, dir)).toThrowError(
      /digest\.channels\.0\.channel: use the channel's id[\s\S]*digest\.channels\.0\.time: use 24-hour[\s\S]*digest\.channels\.0\.timezone: use an IANA time zone[\s\S]*digest\.channels\.0\.maxPapers/,
    );
  });

  it("refuses a named config file that does not exist", () => {
    expect(() => loadConfig({ PAPERBOY_CONFIG: "missing.yaml" }, tempDir())).toThrowError(/does not exist/);
  });
});

describe("runsOn", () => {
  it("knows weekdays, daily and explicit lists", () => {
    expect(runsOn("weekdays", "sat")).toBe(false);
    expect(runsOn("weekdays", "mon")).toBe(true);
    expect(runsOn("daily", "sun")).toBe(true);
    expect(runsOn(["mon", "fri"], "fri")).toBe(true);
    expect(runsOn(["mon", "fri"], "tue")).toBe(false);
  });
});

describe("paperboy.config.example.yaml", () => {
  it("is a valid config file, as the README shows it", () => {
    const config = loadConfig({ PAPERBOY_CONFIG: "paperboy.config.example.yaml" }, process.cwd());
    expect(config.digest.channels[0]).toMatchObject({
      channel: "C0123456789",
      sources: ["hf", "arxiv:cs.LG"],
    });
  });
});

describe(".env.example", () => {
  it("lists every variable the configuration reads", async () => {
    const { readFileSync } = await import("node:fs");
    const listed = new Set(
      readFileSync(".env.example", "utf8")
        .split("\n")
        .map((line) => /^([A-Z_]+)=/.exec(line)?.[1])
        .filter(Boolean),
    );
    const read = [...readFileSync("src/config/load-config.ts", "utf8").matchAll(/value\("([A-Z_]+)"\)/g)].map(
      (m) => m[1],
    );
    expect(read.length).toBeGreaterThan(10);
    expect(read.filter((name) => !listed.has(name))).toEqual([]);
  });
});
