// Two paperboy instances sharing Redis post exactly one digest per channel (skips, saying why, without Redis).
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDigestScheduler } from "../../src/digest/digest-scheduler.ts";
import { type SlackStandIn, startSlackStandIn } from "../../src/playground/slack-stand-in.ts";
import { createStateStore, type StateStore } from "../../src/state/state-store.ts";
import { deleteRedisKeys, TEST_REDIS_URL as REDIS_URL, redisUnreachable } from "../support/test-redis.ts";
import {
  channelConfig,
  digestHarness,
  digestsIn,
  type HfStandIn,
  makePaper,
  startHfStandIn,
  testClock,
  workspaceWith,
} from "./digest-test-kit.ts";

const skipReason = await redisUnreachable(REDIS_URL);
const NAMESPACE = `paperboy-test-digest-${randomUUID()}`;
const CHANNELS = ["C0R1", "C0R2", "C0R3", "C0R4", "C0R5"];

describe.skipIf(skipReason !== undefined)(
  `two instances sharing Redis${skipReason ? ` — SKIPPED: ${skipReason}` : ""}`,
  () => {
    const clock = testClock("2026-03-30T09:00:00Z");
    const stores: StateStore[] = [];
    let standIn: SlackStandIn;
    let hf: HfStandIn;

    beforeAll(async () => {
      standIn = await startSlackStandIn({ workspace: workspaceWith(CHANNELS), now: clock.ms });
      hf = await startHfStandIn((date) => [
        makePaper(`2603.${date.slice(8)}001`, "Diffusion at Scale", { upvotes: 3 }),
        makePaper(`2603.${date.slice(8)}002`, "Agents that Plan", { upvotes: 7 }),
      ]);
    });
    afterAll(async () => {
      await Promise.all(stores.map((store) => store.close()));
      await deleteRedisKeys(`${NAMESPACE}*`);
      await standIn?.close();
      await hf?.server.close();
    });

    it("post exactly one digest per channel when both fire at the same minute", async () => {
      const channels = CHANNELS.map((channel) => channelConfig({ channel, timezone: "Europe/London" }));
      const instance = async () => {
        const store = await createStateStore({ url: REDIS_URL, namespace: NAMESPACE });
        stores.push(store);
        // A slow Slack widens the window in which the other instance could sneak in.
        const harness = await digestHarness({
          standIn,
          hf,
          channels,
          clock,
          store,
          wrapPoster: (poster) => ({
            ...poster,
            postMessage: async (channel, message) => {
              await new Promise((resolve) => setTimeout(resolve, 100));
              return poster.postMessage(channel, message);
            },
          }),
        });
        return createDigestScheduler({ deps: harness.deps, now: clock.now });
      };
      const [a, b] = await Promise.all([instance(), instance()]);
      clock.set("2026-03-30T08:00:00Z"); // 09:00 in London (BST)

      const [runsA, runsB] = await Promise.all([a.tick(), b.tick()]);

      for (const channel of CHANNELS) expect(digestsIn(standIn, channel)).toHaveLength(1);
      const statuses = [...runsA, ...runsB].map((run) => run.status);
      expect(statuses.filter((status) => status === "posted")).toHaveLength(CHANNELS.length);
      expect(
        statuses.filter((status) => status !== "posted").every((s) => s === "busy" || s === "already_posted"),
      ).toBe(true);

      // Both restart later that morning: catch-up finds every channel done.
      clock.set("2026-03-30T09:30:00Z");
      const [againA, againB] = await Promise.all([a.start(), b.start()]);
      await Promise.all([a.stop(), b.stop()]);
      expect([...againA, ...againB].every((run) => run.status === "already_posted")).toBe(true);
      for (const channel of CHANNELS) expect(digestsIn(standIn, channel)).toHaveLength(1);
    });
  },
);
