// Votes cast at once on two instances sharing a store are all counted, one per person, on every shared backend.
import { randomUUID } from "node:crypto";
import { expect, it } from "vitest";
import { createJournalClub } from "../../src/journal-club/journal-club.ts";
import { voteCounts } from "../../src/journal-club/journal-club-state.ts";
import { describeOnSharedBackends } from "../support/shared-backends.ts";
import { redisUnreachable, TEST_REDIS_URL } from "../support/test-redis.ts";

const redisSkipReason = await redisUnreachable(TEST_REDIS_URL);
const PAPERS = ["2111.01253", "2404.12754", "2007.00151"];

describeOnSharedBackends(
  { memoryName: "jc-votes", redisKeys: "paperboy-test-jc-*", redisSkipReason },
  (open) => {
    it("counts 60 concurrent votes (and 20 changes of mind) from two instances without losing one", async () => {
      const namespace = `paperboy-test-jc-${randomUUID()}`;
      const [storeA, storeB] = [await open(namespace), await open(namespace)];
      const options = { team: "T1", channelTimezone: async () => "UTC" };
      const a = createJournalClub({ ...options, store: storeA });
      const b = createJournalClub({ ...options, store: storeB });
      for (const id of PAPERS) await a.nominate("C1", "U0NOM", { id, title: `Paper ${id}`, authors: [] });

      const voters = Array.from({ length: 60 }, (_, i) => `U${String(i).padStart(4, "0")}`);
      // Voter i votes for paper i % 3, on instance A or B in turn, all at once.
      await Promise.all(voters.map((user, i) => (i % 2 ? a : b).vote("C1", user, PAPERS[i % 3] as string)));
      // The first 20 then move their vote to the next paper, again all at once and on both instances.
      await Promise.all(
        voters.slice(0, 20).map((user, i) => (i % 2 ? b : a).vote("C1", user, PAPERS[(i + 1) % 3] as string)),
      );

      const state = await b.clubs.read("C1");
      expect(Object.keys(state.votes)).toHaveLength(60);
      const counts = voteCounts(state);
      // Before the moves: 20 each. Voter i < 20 left paper i % 3 for paper (i + 1) % 3: 7+7+6 leave, 6+7+7 arrive.
      expect(PAPERS.map((id) => counts.get(id))).toEqual([19, 20, 21]);
      await storeA.close();
      await storeB.close();
    });
  },
);
