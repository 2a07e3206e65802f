// Soak of the counting path: thousands of replies over two instances sharing a store are all counted, in bounded state.
import { randomUUID } from "node:crypto";
import { afterAll, expect, it } from "vitest";
import { createDiscussions } from "../../src/discussion/discussions.ts";
import { silentLogger } from "../../src/logger.ts";
import type { Paper } from "../../src/papers/paper.ts";
import type { StateStore } from "../../src/state/state-store.ts";
import { describeOnSharedBackends } from "../support/shared-backends.ts";
import { redisUnreachable, TEST_REDIS_URL } from "../support/test-redis.ts";
import { fakeSummarizer, noFullText, PAPER } from "./discussion-fixtures.ts";

const redisSkipReason = await redisUnreachable(TEST_REDIS_URL);
const THREADS = 10;
const REPLIES = 3_000;

describeOnSharedBackends(
  { memoryName: "reply-count-soak", redisKeys: "reply-count-soak-*", redisSkipReason },
  (open) => {
    const opened: StateStore[] = [];
    afterAll(async () => {
      for (const store of opened) await store.close();
    });

    it(`counts ${REPLIES.toLocaleString("en-US")} replies to ${THREADS} threads arriving at two instances at once, and keeps a fixed set of keys`, {
      timeout: 120_000,
    }, async () => {
      const namespace = `reply-count-soak-${randomUUID()}`;
      const written = new Set<string>();
      const instances = await Promise.all(
        [0, 1].map(async () => {
          const store = await open(namespace);
          opened.push(store);
          const set = store.set.bind(store);
          store.set = async (key, value, ttl) => {
            written.add(key);
            return set(key, value, ttl);
          };
          return createDiscussions({
            store,
            summarizer: fakeSummarizer(),
            fullText: noFullText,
            logger: silentLogger(),
          });
        }),
      );
      const [first, second] = instances;
      if (!first || !second) throw new Error("two instances expected");
      const roots: string[] = [];
      for (let n = 0; n < THREADS; n++) {
        const paper: Paper = { ...PAPER, id: `2401.${String(n).padStart(5, "0")}` };
        const started = await first.startDiscussion({ team: "T1", channel: "C1", paper });
        if (!("start" in started)) throw new Error("expected a new thread");
        const root = `1700000${String(n).padStart(3, "0")}.000100`;
        await started.commit(root);
        roots.push(root);
      }
      written.clear();
      // Slack hands each event to one instance; a thread's replies land on both, many at once.
      await Promise.all(
        Array.from({ length: REPLIES }, (_, n) => {
          const instance = Math.floor(n / THREADS) % 2 === 0 ? first : second;
          const threadTs = roots[n % THREADS] ?? "";
          return instance.recordThreadMessage({
            channel: "C1",
            threadTs,
            user: `U${n % 7}`,
            text: `reply ${n}`,
            ts: `1710000000.${String(n).padStart(6, "0")}`,
            isBot: false,
          });
        }),
      );
      const here = await second.discussedHere({
        team: "T1",
        channel: "C1",
        paperIds: roots.map((_, n) => `2401.${String(n).padStart(5, "0")}`),
      });
      expect([...here.values()].map((thread) => thread.replies)).toEqual(
        Array(THREADS).fill(REPLIES / THREADS),
      );
      // Per thread: its count and its (trimmed) context, whatever the traffic. No per-reply rows.
      expect([...written].filter((key) => !key.includes(":activity:") && !key.includes(":context:"))).toEqual(
        [],
      );
      expect(written.size).toBe(2 * THREADS);
    });
  },
);
