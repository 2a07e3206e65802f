// Each user's saved papers (🔖 reaction or *Save* button), newest first, in the shared state store.
import { PaperboyError } from "../errors.ts";
import { normalizeArxivId } from "../papers/arxiv-id.ts";
import { createKeyedQueue } from "../state/keyed-queue.ts";
import type { StateStore } from "../state/state-store.ts";

/** A user's saved papers. Every method is idempotent. */
export interface ReadingList {
  /** Saves a paper for the user; true when it was not saved before (saving again changes nothing). */
  save(user: string, paperId: string): Promise<boolean>;
  /** Removes a paper from the user's list; true when it was there. */
  remove(user: string, paperId: string): Promise<boolean>;
  /** The user's saved paper ids, newest first (at most `maxItems`). */
  list(user: string): Promise<string[]>;
  /**
   * Remembers which paper a bot message shows, so a 🔖 reaction (whose event carries only channel and ts)
   * can be resolved without reading the message back: `conversations.history` is limited to about one
   * call a minute for new apps.
   */
  rememberPaperMessage(input: { channel: string; ts: string; paperId: string }): Promise<void>;
  /** The paper a remembered bot message shows. */
  paperAt(input: { channel: string; ts: string }): Promise<string | undefined>;
}

export interface ReadingListOptions {
  store: StateStore;
  /** Most papers kept per user; saving one more drops the oldest. Default 100. */
  maxItems?: number;
  /** How long a bot message → paper mapping is kept. Default 90 days. */
  messageTtlMs?: number;
  now?: () => Date;
}

interface SavedPaper {
  id: string;
  savedAt: string;
}

const listKey = (user: string) => `readinglist:user:${user}`;
const messageKey = (channel: string, ts: string) => `readinglist:message:${channel}:${ts}`;

/** Builds the reading list on the state store. Ids are normalised (`2302.06675v2` → `2302.06675`). */
export function createReadingList(options: ReadingListOptions): ReadingList {
  const { store } = options;
  const maxItems = options.maxItems ?? 100;
  const messageTtlMs = options.messageTtlMs ?? 90 * 24 * 60 * 60 * 1000;
  const now = options.now ?? (() => new Date());
  // A user's list is read, changed and written back; serialising per user in this process keeps two
  // quick reactions from overwriting each other.
  const serialised = createKeyedQueue();
  const read = async (user: string) => (await store.get<SavedPaper[]>(listKey(user))) ?? [];

  return {
    async save(user, paperId) {
      const id = validId(paperId);
      return serialised(user, async () => {
        const saved = await read(user);
        if (saved.some((paper) => paper.id === id)) return false;
        await store.set(listKey(user), [{ id, savedAt: now().toISOString() }, ...saved].slice(0, maxItems));
        return true;
      });
    },
    remove(user, paperId) {
      const id = normalizeArxivId(paperId) ?? paperId;
      return serialised(user, async () => {
        const saved = await read(user);
        const kept = saved.filter((paper) => paper.id !== id);
        if (kept.length === saved.length) return false;
        if (kept.length === 0) await store.delete(listKey(user));
        else await store.set(listKey(user), kept);
        return true;
      });
    },
    async list(user) {
      return (await read(user)).slice(0, maxItems).map((paper) => paper.id);
    },
    async rememberPaperMessage({ channel, ts, paperId }) {
      await store.set(messageKey(channel, ts), validId(paperId), messageTtlMs);
    },
    paperAt: ({ channel, ts }) => store.get<string>(messageKey(channel, ts)),
  };
}

function validId(paperId: string): string {
  const id = normalizeArxivId(paperId);
  if (!id) throw new PaperboyError("bad_paper_ref", "Only arXiv ids can be saved to a reading list.");
  return id;
}
