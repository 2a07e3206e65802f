// The ranking a channel's digest uses: what the channel taught paperboy, read from the state store, over its topics.
import { createFeedbackStore } from "../feedback/feedback-store.ts";
import type { Logger } from "../logger.ts";
import type { Paper } from "../papers/paper.ts";
import type { StateStore } from "../state/state-store.ts";
import type { DigestEntry } from "./compose-digest.ts";
import { rankWithFeedback } from "./learned-ranking.ts";

export type Ranker = (papers: readonly Paper[], topics: readonly string[]) => DigestEntry[];

/**
 * The channel's learning ranker for `date`. A store that cannot be read degrades to topics only (the
 * digest still goes out, and the log says why), never to a failed run.
 */
export async function channelRanker(
  deps: { store: StateStore; team?: string; logger: Logger },
  channel: string,
  date: string,
): Promise<Ranker> {
  const feedback = await createFeedbackStore({ store: deps.store })
    .list(deps.team ?? "T_DEFAULT", channel)
    .catch((error: unknown) => {
      deps.logger.warn({ err: error, channel }, "channel feedback unreadable; ranking by topics only");
      return [];
    });
  const now = new Date(`${date}T12:00:00Z`);
  return (papers, topics) => rankWithFeedback(papers, topics, feedback, now);
}
