// The channel's memory of its discussions: which papers were talked about here, where, and how much.
import type { Paper } from "../papers/paper.ts";
import type { ThreadStore, ThreadSummary } from "./thread-store.ts";

export interface DiscussionMemory {
  discussedHere(input: {
    team: string;
    channel: string;
    paperIds: string[];
  }): Promise<Map<string, ThreadSummary>>;
  discussedPapers(input: { team: string; channel: string }): Promise<Paper[]>;
}

/** Reads the thread store for the "Discussed here" line on cards and for channel exports. */
export function discussionMemory(threads: ThreadStore): DiscussionMemory {
  return {
    async discussedHere({ team, channel, paperIds }) {
      const found = new Map<string, ThreadSummary>();
      await Promise.all(
        [...new Set(paperIds)].map(async (paperId) => {
          const ts = await threads.threadFor(team, channel, paperId);
          // A paper link without its record (expired on another schedule) is not worth a dead link.
          const record = ts ? await threads.thread(channel, ts) : undefined;
          if (!ts || !record) return;
          found.set(paperId, { ts, startedAt: record.startedAt, ...(await threads.activity(channel, ts)) });
        }),
      );
      return found;
    },

    async discussedPapers({ team, channel }) {
      const listed = await threads.channelThreads(team, channel);
      const records = await Promise.all(listed.map((entry) => threads.thread(channel, entry.ts)));
      return records.flatMap((record) => (record ? [record.paper] : []));
    },
  };
}
