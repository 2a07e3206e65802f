// postOnce, the digest's exactly-once protocol for single messages: concurrent runs, a crash mid-post, a refusal.
import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { createDigestLedger } from "../../src/digest/digest-ledger.ts";
import { type PostOnceOptions, postOnce } from "../../src/digest/post-once.ts";
import { createStateStore } from "../../src/state/state-store.ts";

/** A channel that keeps what was posted; `findPosted` reads it back like the history check. */
function fakeChannel() {
  const posted: Array<{ ts: string; text: string }> = [];
  return {
    posted,
    options(ledger: ReturnType<typeof createDigestLedger>, now: Date): PostOnceOptions<string> {
      return {
        ledger,
        channel: "C1",
        occurrence: "2026-12-03.announce",
        now,
        prepare: async () => "the announcement",
        publish: async (text) => {
          const ts = `${posted.length + 1}.000100`;
          posted.push({ ts, text });
          return { ts };
        },
        findPosted: async () => posted.at(-1),
      };
    },
  };
}

async function ledgerOnSharedStore() {
  const url = `memory://post-once-${randomUUID()}`;
  const open = async () => createDigestLedger(await createStateStore({ url }), "T1", { job: "jc" });
  return { a: await open(), b: await open() };
}

describe("postOnce", () => {
  const now = new Date("2026-12-02T14:00:00Z");

  it("posts once when two instances run the same occurrence at the same moment, and once more never", async () => {
    const { a, b } = await ledgerOnSharedStore();
    const channel = fakeChannel();
    const results = await Promise.all([postOnce(channel.options(a, now)), postOnce(channel.options(b, now))]);
    // The other run found the occurrence locked (busy) or, if it came a moment later, already posted.
    expect(results.filter((r) => r.status === "posted")).toHaveLength(1);
    expect((await postOnce(channel.options(b, now))).status).toBe("already_posted");
    expect(channel.posted).toHaveLength(1);
  });

  it("after a crash between posting and recording, finds the message instead of posting again", async () => {
    const { a, b } = await ledgerOnSharedStore();
    const channel = fakeChannel();
    const crashing = channel.options(a, now);
    const publish = crashing.publish;
    // The post reaches Slack, then the connection drops: the run cannot know it went out.
    crashing.publish = async (text) => {
      await publish(text);
      throw new Error("socket hang up");
    };
    expect((await postOnce(crashing)).status).toBe("failed");
    expect((await a.get("C1", "2026-12-03.announce"))?.state).toBe("claimed");
    const retried = await postOnce(channel.options(b, now));
    expect(retried).toEqual({ status: "recovered", ts: "1.000100" });
    expect(channel.posted).toHaveLength(1);
  });

  it("retries a post Slack refused, after a pause, and records a skipped occurrence for good", async () => {
    const { a } = await ledgerOnSharedStore();
    const channel = fakeChannel();
    const refused = channel.options(a, now);
    refused.publish = async () => {
      throw Object.assign(new Error("rate limited"), { notPosted: true });
    };
    expect((await postOnce(refused)).status).toBe("failed");
    expect((await postOnce(channel.options(a, now))).status).toBe("failed"); // too soon
    const later = new Date(now.getTime() + 5 * 60_000);
    expect((await postOnce(channel.options(a, later))).status).toBe("posted");

    const nothing = {
      ...channel.options(a, now),
      occurrence: "2026-12-03.remind_day",
      prepare: async () => undefined,
    };
    expect((await postOnce(nothing)).status).toBe("skipped");
    expect((await postOnce(channel.options(a, now))).status).toBe("already_posted");
    expect(channel.posted).toHaveLength(1);
  });
});
