// Reliability: two bot processes on one (private) Redis. Events delivered to either are handled once, and a
// digest whose poster is killed mid-post is in the channel exactly once after the others catch up.
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { deliverOverHttp } from "../../src/playground/http-delivery.ts";
import { buildEventCallback, newEventId } from "../../src/playground/slack-payloads.ts";
import { type SlackStandIn, startSlackStandIn } from "../../src/playground/slack-stand-in.ts";
import { type BotProcess, startBotProcess } from "./support/bot-process.ts";
import { type PrivateRedis, startPrivateRedis } from "./support/private-redis.ts";
import { report, waitForQuiet } from "./support/report.ts";
import { seededDataDir } from "./support/seeded-data-dir.ts";
import { CHANNEL } from "./support/traffic.ts";

const EVENTS = 300;

describe("two bot processes on one Redis", () => {
  let redis: PrivateRedis;
  let standIn: SlackStandIn;
  const bots: BotProcess[] = [];

  const start = async (extra: Record<string, string> = {}) => {
    const data = await seededDataDir();
    const bot = await startBotProcess(standIn, {
      PAPERBOY_DATA_DIR: data.dir,
      PAPERBOY_STORE_URL: redis.url,
      ...extra,
    });
    bots.push(bot);
    return bot;
  };

  beforeAll(async () => {
    redis = await startPrivateRedis();
    standIn = await startSlackStandIn();
  });
  afterAll(async () => {
    await Promise.all(bots.map((bot) => bot.stop()));
    await standIn?.close();
    await redis?.stop();
  });

  it("handles each event once, whichever instance (or both, as Slack retries) it is delivered to", async () => {
    const [a, b] = await Promise.all([start(), start()]);
    if (!a || !b) throw new Error("the bots did not start");
    standIn.reset();
    const sentTs: string[] = [];
    const deliveries: Array<Promise<{ status: number }>> = [];
    for (let i = 0; i < EVENTS; i += 1) {
      const ts = `1764640000.${String(i).padStart(6, "0")}`;
      sentTs.push(ts);
      const event = { type: "app_mention", user: "U0ADA", text: "<@UBOT> hello", ts, channel: CHANNEL };
      const body = JSON.stringify(
        buildEventCallback(standIn.workspace, event, {
          eventId: newEventId(),
          eventTime: Math.floor(Date.now() / 1000),
        }),
      );
      // Two in three go to both instances at once (a retry that a load balancer sends to the other one).
      const targets = i % 3 === 0 ? [i % 2 === 0 ? a : b] : [a, b];
      for (const bot of targets) {
        deliveries.push(
          deliverOverHttp({
            url: bot.eventsUrl,
            signingSecret: standIn.signingSecret,
            body,
            contentType: "application/json",
            ...(targets.length === 2 && bot === b ? { retry: { num: 1, reason: "http_timeout" } } : {}),
            timeoutMs: 10_000,
          }),
        );
      }
      if (deliveries.length % 40 === 0) await Promise.all(deliveries.slice(-40));
    }
    const acks = await Promise.all(deliveries);
    await waitForQuiet(standIn);
    const repliesPerEvent = new Map<string, number>();
    for (const call of standIn.calls("chat.postMessage")) {
      const thread = String(call.params.thread_ts ?? "");
      repliesPerEvent.set(thread, (repliesPerEvent.get(thread) ?? 0) + 1);
    }
    const counts = sentTs.map((ts) => repliesPerEvent.get(ts) ?? 0);
    report("two instances, one Redis: events", [
      [
        "events",
        `${EVENTS} (${deliveries.length} deliveries: ${EVENTS - Math.ceil(EVENTS / 3)} sent to both)`,
      ],
      ["acks", acks.every((ack) => ack.status === 200) ? "all 200" : "NOT all 200"],
      ["answered once", String(counts.filter((n) => n === 1).length)],
      ["answered twice or more", String(counts.filter((n) => n > 1).length)],
      ["not answered", String(counts.filter((n) => n === 0).length)],
    ]);
    expect(acks.filter((ack) => ack.status !== 200)).toEqual([]);
    expect(counts.every((n) => n === 1)).toBe(true);
    expect(standIn.rejected()).toEqual([]);
    await Promise.all([a.stop(), b.stop()]);
  });

  it("posts a digest exactly once when the instance posting it is killed mid-post", async () => {
    standIn.reset();
    // A daily digest whose time passed a few minutes ago: every instance catches it up on start.
    const due = new Date(Date.now() - 3 * 60_000);
    const time = `${String(due.getUTCHours()).padStart(2, "0")}:${String(due.getUTCMinutes()).padStart(2, "0")}`;
    const configDir = await seededDataDir();
    const configFile = join(configDir.dir, "paperboy.config.yaml");
    writeFileSync(
      configFile,
      `digest:\n  channels:\n    - { channel: ${CHANNEL}, time: "${time}", timezone: UTC, days: daily, topics: [learning] }\n`,
    );
    const env = { PAPERBOY_CONFIG: configFile };
    const digests = () =>
      standIn.messages(CHANNEL).filter((message) => message.user === "UBOT" && !message.thread_ts);

    // The first instance's post reaches the channel, but it dies before Slack's answer (and its ledger update).
    const release = standIn.holdNextAnswer("chat.postMessage");
    const first = await start(env);
    await standIn.waitFor(() => digests().length === 1, 60_000, "the first instance's digest");
    // A second instance starts while the first is stuck mid-post, then the first is killed.
    const second = await start(env);
    await first.kill();
    release();
    // And a third replaces the killed one, catching up the day's digest again on start.
    const third = await start(env);
    await waitForQuiet(standIn, 3_000);
    report("two instances, one Redis: digest with a killed poster", [
      ["digests in the channel", String(digests().length)],
      ["chat.postMessage calls", String(standIn.calls("chat.postMessage").length)],
    ]);
    expect(digests()).toHaveLength(1);
    await Promise.all([second.stop(), third.stop()]);
  });
});
