// runExactlyOnce, the coordinator of every once-per-period post: concurrent runs, a crash mid-post, a refusal, a skip.
import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { createDigestLedger, type DigestLedger } from "../../src/digest/digest-ledger.ts";
import { type OncePerPeriodJob, runExactlyOnce, waitingToRetry } from "../../src/digest/run-exactly-once.ts";
import { createLogger } from "../../src/logger.ts";
import { createStateStore } from "../../src/state/state-store.ts";

type Job = OncePerPeriodJob<{ paperIds: string[] }, string>;
const PERIOD = "2026-12-03.announce";

/** A channel that keeps what was posted; `findPosted` reads it back like the history check. */
function fakeChannel() {
  const posted: Array<{ ts: string; text: string }> = [];
  return {
    posted,
    job(ledger: DigestLedger, now: Date): Job {
      return {
        ledger,
        channel: "C1",
        period: PERIOD,
        now,
        lockTtlMs: 10 * 60_000,
        logger: createLogger("silent"),
        prepare: async () => ({ prepared: { paperIds: ["2401.00001"] }, post: "the announcement" }),
        publish: async (text) => {
          const ts = `${posted.length + 1}.000100`;
          posted.push({ ts, text });
          return { ts };
        },
        findPosted: async () => {
          const last = posted.at(-1);
          return last ? { ts: last.ts, paperIds: [] } : undefined;
        },
      };
    },
  };
}

async function ledgersOnSharedStore() {
  const url = `memory://run-exactly-once-${randomUUID()}`;
  const open = async () => createDigestLedger(await createStateStore({ url }), "T1", { job: "jc" });
  return { a: await open(), b: await open() };
}

describe("runExactlyOnce", () => {
  const now = new Date("2026-12-02T14:00:00Z");

  it("posts once when two instances run the same period at the same moment, and once more never", async () => {
    const { a, b } = await ledgersOnSharedStore();
    const channel = fakeChannel();
    const outcomes = await Promise.all([
      runExactlyOnce(channel.job(a, now)),
      runExactlyOnce(channel.job(b, now)),
    ]);
    // The other run found the period locked (busy) or, if it came a moment later, already posted.
    expect(outcomes.filter((outcome) => outcome.status === "posted")).toHaveLength(1);
    expect((await runExactlyOnce(channel.job(b, now))).status).toBe("already_posted");
    expect(channel.posted).toHaveLength(1);
  });

  it("after a crash between posting and recording, finds the message instead of posting again", async () => {
    const { a, b } = await ledgersOnSharedStore();
    const channel = fakeChannel();
    const crashing = channel.job(a, now);
    const publish = crashing.publish;
    // The post reaches Slack, then the connection drops: the run cannot know it went out.
    crashing.publish = async (text) => {
      await publish(text);
      throw new Error("socket hang up");
    };
    expect((await runExactlyOnce(crashing)).status).toBe("failed");
    expect((await a.get("C1", PERIOD))?.state).toBe("claimed");
    const afterwards: string[] = [];
    const retried = await runExactlyOnce({
      ...channel.job(b, now),
      afterPosted: async ({ ts }) => {
        afterwards.push(ts);
      },
    });
    expect(retried).toEqual({ status: "recovered", ts: "1.000100", paperIds: [] });
    expect(afterwards).toEqual(["1.000100"]);
    expect(channel.posted).toHaveLength(1);
  });

  it("keeps a post that went out when the step after it fails, and never posts it again", async () => {
    const { a } = await ledgersOnSharedStore();
    const channel = fakeChannel();
    const outcome = await runExactlyOnce({
      ...channel.job(a, now),
      afterPosted: async () => {
        throw new Error("store down");
      },
    });
    expect(outcome.status).toBe("posted");
    expect((await runExactlyOnce(channel.job(a, now))).status).toBe("already_posted");
    expect(channel.posted).toHaveLength(1);
  });

  it("waits before retrying a post Slack refused, and records a skipped period for good", async () => {
    const { a } = await ledgersOnSharedStore();
    const channel = fakeChannel();
    const refused = channel.job(a, now);
    refused.publish = async () => {
      throw Object.assign(new Error("rate limited"), { notPosted: true });
    };
    expect((await runExactlyOnce(refused)).status).toBe("failed");
    expect(waitingToRetry(await a.get("C1", PERIOD), now)).toMatch(/rate limited/); // too soon
    const later = new Date(now.getTime() + 5 * 60_000);
    expect(waitingToRetry(await a.get("C1", PERIOD), later)).toBeUndefined();
    expect((await runExactlyOnce(channel.job(a, later))).status).toBe("posted");

    const nothing: Job = {
      ...channel.job(a, now),
      period: "2026-12-03.remind_day",
      prepare: async () => ({ prepared: { paperIds: [] } }),
    };
    expect((await runExactlyOnce(nothing)).status).toBe("skipped");
    expect((await runExactlyOnce(nothing)).status).toBe("already_posted");
    expect(channel.posted).toHaveLength(1);
  });
});
