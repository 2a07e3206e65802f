// What a channel taught paperboy: its liked and disliked papers (explicit or implicit), bounded, in the state store.
import { PaperboyError } from "../errors.ts";
import { normalizeArxivId } from "../papers/arxiv-id.ts";
import type { Paper } from "../papers/paper.ts";
import { runLocked } from "../state/run-locked.ts";
import type { StateStore } from "../state/state-store.ts";
import { paperTerms, type TermCounts, topTerms } from "./paper-terms.ts";

/** Liked (*More like this*, a seed, a save…) or disliked (*Less like this*). */
export type FeedbackKind = "positive" | "negative";
/** Where a feedback came from: the card menu, a command, or what people did with the paper. */
export type FeedbackSource = "menu" | "command" | "save" | "discuss" | "share" | "reply" | "eval";

/** One paper a channel reacted to, with the terms the ranker compares candidates to (no abstract kept). */
export interface FeedbackItem {
  id: string;
  title: string;
  kind: FeedbackKind;
  /** Explicit (*More/Less like this*, `/papers like`) or implicit (save, discuss, share, thread reply). */
  explicit: boolean;
  source: FeedbackSource;
  /** ISO time of the latest feedback on this paper. */
  at: string;
  terms: TermCounts;
}

/** What recording a feedback did, so the acknowledgement can say it. */
export type FeedbackChange = "added" | "changed" | "unchanged";

export type FeedbackPaper = Pick<Paper, "id" | "title" | "abstract" | "categories">;

export interface FeedbackStore {
  /** Records a feedback on a paper; an implicit one never overrides an explicit one. */
  record(
    team: string,
    channel: string,
    paper: FeedbackPaper,
    feedback: { kind: FeedbackKind; explicit: boolean; source: FeedbackSource },
  ): Promise<FeedbackChange>;
  /** Forgets the channel's feedback on a paper (`/papers unlike`); true when there was one. */
  remove(team: string, channel: string, paperId: string): Promise<boolean>;
  /** The channel's feedback, newest first. */
  list(team: string, channel: string): Promise<FeedbackItem[]>;
  /** Forgets everything the channel taught; returns how many papers it had. */
  reset(team: string, channel: string): Promise<number>;
}

export interface FeedbackStoreOptions {
  store: StateStore;
  /** Papers remembered per channel; one more drops the oldest. Default 200. */
  maxItems?: number;
  /**
   * The deployment's team (auth.test): when set it keys every channel, whatever team a click names, so
   * feedback lands where the digest runs read it (an org-wide install hears several workspaces).
   */
  team?: string;
  /** A channel nobody gives feedback in for this long is forgotten. Default one year. */
  ttlMs?: number;
  now?: () => Date;
}

const storeKey = (team: string, channel: string) => `feedback:${team}:${channel}`;
const storeLockKey = (team: string, channel: string) => `feedback-lock:${team}:${channel}`;
const LOCK = { busyDetail: "Someone else is teaching paperboy in this channel right now; try again." };

export function createFeedbackStore(options: FeedbackStoreOptions): FeedbackStore {
  const { store } = options;
  const maxItems = options.maxItems ?? 200;
  const ttlMs = options.ttlMs ?? 365 * 86_400_000;
  const now = options.now ?? (() => new Date());
  const key = (team: string, channel: string) => storeKey(options.team ?? team, channel);
  const lockKey = (team: string, channel: string) => storeLockKey(options.team ?? team, channel);
  const read = async (team: string, channel: string) =>
    (await store.get<FeedbackItem[]>(key(team, channel))) ?? [];
  const write = async (team: string, channel: string, items: FeedbackItem[]) => {
    if (items.length === 0) await store.delete(key(team, channel));
    else await store.set(key(team, channel), items.slice(0, maxItems), ttlMs);
  };
  // Read-modify-write under the store's lock, so two instances' clicks in one channel do not overwrite each other.
  const locked = <T>(team: string, channel: string, work: () => Promise<T>) =>
    runLocked(store, lockKey(team, channel), work, LOCK);

  return {
    record(team, channel, paper, feedback) {
      const id = normalizeArxivId(paper.id) ?? paper.id.trim();
      if (!id) throw new PaperboyError("bad_input", "A feedback needs a paper id.");
      return locked(team, channel, async () => {
        const items = await read(team, channel);
        const previous = items.find((item) => item.id === id);
        if (previous?.explicit && !feedback.explicit) return "unchanged";
        const item: FeedbackItem = {
          id,
          title: paper.title,
          kind: feedback.kind,
          explicit: feedback.explicit || (previous?.explicit === true && previous.kind === feedback.kind),
          source: feedback.source,
          at: now().toISOString(),
          terms: topTerms(paperTerms(paper)),
        };
        await write(team, channel, [item, ...items.filter((other) => other.id !== id)]);
        if (!previous) return "added";
        return previous.kind === item.kind ? "unchanged" : "changed";
      });
    },
    remove(team, channel, paperId) {
      const id = normalizeArxivId(paperId) ?? paperId.trim();
      return locked(team, channel, async () => {
        const items = await read(team, channel);
        const kept = items.filter((item) => item.id !== id);
        if (kept.length === items.length) return false;
        await write(team, channel, kept);
        return true;
      });
    },
    async list(team, channel) {
      return (await read(team, channel)).slice(0, maxItems);
    },
    reset(team, channel) {
      return locked(team, channel, async () => {
        const count = (await read(team, channel)).length;
        await store.delete(key(team, channel));
        return count;
      });
    },
  };
}
