// The composition root both the bot and `paperboy digest` use: the config's channels, the services' sources, the given team.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runDigestCommand } from "../src/cli/digest-command.ts";
import { composeDigest, composeServices, type Services } from "../src/compose.ts";
import { loadConfig } from "../src/config/load-config.ts";
import { silentLogger } from "../src/logger.ts";
import { parsePapersCommand } from "../src/slack/commands/parse-papers-command.ts";
import type { DigestRequest } from "../src/slack/digest/digest-command.ts";
import { channelConfig, type HfStandIn, makePaper, startHfStandIn } from "./digest/digest-test-kit.ts";

let dir: string;
let hf: HfStandIn;
let services: Services;
const slack = { token: "xoxb-unused", apiUrl: "http://127.0.0.1:9/api/" };

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "paperboy-compose-"));
  writeFileSync(
    join(dir, "paperboy.config.yaml"),
    'digest:\n  channels:\n    - { channel: C0FILE, time: "09:00", timezone: UTC, days: daily, sources: [hf] }\n',
  );
  hf = await startHfStandIn(() => [
    makePaper("2603.30001", "Diffusion at Scale", { upvotes: 3 }),
    makePaper("2603.30002", "Agents that Plan", { upvotes: 7 }),
  ]);
  const config = loadConfig(
    {
      PAPERBOY_DATA_DIR: join(dir, "data"),
      PAPERBOY_STORE_URL: "memory://",
      HF_API_URL: hf.server.url,
      ARXIV_RSS_URL: "http://127.0.0.1:9/rss",
    },
    dir,
  );
  services = await composeServices(config, silentLogger());
});
afterAll(async () => {
  await services.close();
  await hf.server.close();
  rmSync(dir, { recursive: true, force: true });
});

describe("composeDigest", () => {
  it("composes the config file's channels from the services' Hugging Face client", async () => {
    const feature = await composeDigest(services, { team: "T0A", slack });
    const output = await runDigestCommand({ dryRun: true, json: true, date: "2026-03-30" }, feature.deps);
    expect(JSON.parse(output)).toMatchObject([
      { channel: "C0FILE", status: "dry_run", paper_ids: ["2603.30002", "2603.30001"], unreachable: [] },
    ]);
  });

  it("takes the bot's own channels in place of the file's when given", async () => {
    const feature = await composeDigest(services, {
      team: "T0A",
      slack,
      fileChannels: [channelConfig({ channel: "C0PLAY", sources: ["hf"] })],
    });
    expect((await feature.deps.settings.list()).map((config) => config.channel)).toEqual(["C0PLAY"]);
  });

  it("sees the Slack-edited settings of the team it is given, and only that team's", async () => {
    const teamA = await composeDigest(services, { team: "T0A", slack });
    await teamA.channelDigests.handle(parsePapersCommand("topics add agents") as DigestRequest, {
      team: "T0A",
      channel: "C0FILE",
      user: "U0ADA",
    });
    const again = await composeDigest(services, { team: "T0A", slack });
    const other = await composeDigest(services, { team: "T0B", slack });
    expect((await again.deps.settings.view("C0FILE")).config.topics).toEqual(["agents"]);
    expect((await other.deps.settings.view("C0FILE")).config.topics).toEqual([]);
  });
});
