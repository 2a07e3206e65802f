// Discussion threads in the state store: paper ↔ thread both ways, each thread's recent messages, and early replies.
import { normalizeArxivId } from "../papers/arxiv-id.ts";
import type { Paper } from "../papers/paper.ts";
import { createKeyedQueue } from "../state/keyed-queue.ts";
import { runLocked } from "../state/run-locked.ts";
import type { StateStore } from "../state/state-store.ts";

/** A paper's discussion thread: where it is and which paper it is about (a snapshot, so answers need no index). */
export interface ThreadRecord {
  team: string;
  channel: string;
  /** The ts of the bot's paper message, which is the thread's `thread_ts`. */
  ts: string;
  paper: Paper;
  /** ISO time the thread was started. */
  startedAt: string;
}

/** How much a thread has been talked in: counted from message events, one small entry per thread. */
export interface ThreadActivity {
  replies: number;
  /** ISO time of the latest counted reply. */
  lastReplyAt?: string;
}

/** A channel's discussion of a paper, as its cards show it ("Discussed here on 27 Nov · 12 replies"). */
export interface ThreadSummary extends ThreadActivity {
  ts: string;
  startedAt: string;
}

/** One entry of a channel's list of discussed papers, newest first. */
export interface ChannelThread {
  paperId: string;
  ts: string;
}

/** One message of a thread, as kept for answering questions. */
export interface ThreadMessage {
  user: string;
  text: string;
  ts: string;
  isBot: boolean;
}

export interface ThreadLimits {
  /** How long a thread is remembered after it starts (its context: after its last message). */
  ttlMs: number;
  /** Most recent messages kept per thread. */
  maxMessages: number;
  /** Total characters kept per thread (oldest messages go first). */
  maxChars: number;
  /** Characters kept of any one message. */
  maxMessageChars: number;
  /**
   * How long replies to a thread not known yet are held, in case it turns out to be a discussion still being
   * posted (its root is recorded only after `chat.postMessage` answers). Held replies obey the limits above.
   */
  heldMs: number;
  /** Discussions listed per channel (for exports); older ones drop off the list but keep their threads. */
  maxChannelThreads: number;
}

export const DEFAULT_THREAD_LIMITS: ThreadLimits = {
  ttlMs: 180 * 24 * 60 * 60 * 1000,
  maxMessages: 30,
  maxChars: 6_000,
  maxMessageChars: 1_500,
  // As long as a start claim: after that the start is given up, and nothing is left to fold the replies into.
  heldMs: 120_000,
  maxChannelThreads: 500,
};

/** Typed access to the discussion keys of the state store. */
export interface ThreadStore {
  /** The ts of the thread already discussing `paperId` in that channel, if any. */
  threadFor(team: string, channel: string, paperId: string): Promise<string | undefined>;
  /** The paper thread whose root message is `ts` in `channel`, if it is one. */
  thread(channel: string, ts: string): Promise<ThreadRecord | undefined>;
  /** Records a new thread both ways. */
  save(record: ThreadRecord): Promise<void>;
  /** Appends (or replaces, same ts) a message to a known thread's context, trimming it to the limits. */
  append(channel: string, threadTs: string, message: ThreadMessage): Promise<void>;
  /** The kept messages of a thread, oldest first. */
  messages(channel: string, threadTs: string): Promise<ThreadMessage[]>;
  /** Says a discussion is about to be posted in `channel`, for `ttlMs`: replies to unknown threads there are held. */
  markPosting(channel: string, ttlMs: number): Promise<void>;
  /** Whether a discussion may be being posted in `channel` right now. */
  isPosting(channel: string): Promise<boolean>;
  /** Holds a reply to a thread not known yet (for `heldMs`, within the limits) until `fold` moves it. */
  hold(channel: string, threadTs: string, message: ThreadMessage): Promise<void>;
  /** Moves the held replies of a thread, now known, into its context; how many there were. */
  fold(channel: string, threadTs: string): Promise<number>;
  /** Adds `count` replies (the latest at `at`) to a known thread's activity. */
  countReplies(channel: string, threadTs: string, count: number, at: Date): Promise<void>;
  /** Takes one reply off a thread's count (it was deleted); never below zero. */
  uncountReply(channel: string, threadTs: string): Promise<void>;
  /** A thread's activity; zero replies when none were counted. */
  activity(channel: string, threadTs: string): Promise<ThreadActivity>;
  /** The papers discussed in a channel, newest thread first (at most `maxChannelThreads`). */
  channelThreads(team: string, channel: string): Promise<ChannelThread[]>;
  /** Forgets a thread both ways, with its context (its root message was deleted). */
  forget(channel: string, ts: string): Promise<boolean>;
}

// Every arXiv version of a paper is one discussion: `2401.01234v2` finds the thread of `2401.01234`.
const paperKey = (team: string, channel: string, paperId: string) =>
  `discussion:paper:${team}:${channel}:${normalizeArxivId(paperId) ?? paperId}`;
const threadKey = (channel: string, ts: string) => `discussion:thread:${channel}:${ts}`;
const contextKey = (channel: string, ts: string) => `discussion:context:${channel}:${ts}`;
const heldKey = (channel: string, ts: string) => `discussion:held:${channel}:${ts}`;
const postingKey = (channel: string) => `discussion:posting:${channel}`;
const activityKey = (channel: string, ts: string) => `discussion:activity:${channel}:${ts}`;
const channelKey = (team: string, channel: string) => `discussion:channel:${team}:${channel}`;

/** Opens the thread store on the shared state store. */
export function createThreadStore(
  store: StateStore,
  limits: ThreadLimits = DEFAULT_THREAD_LIMITS,
): ThreadStore {
  // Read-modify-write of a thread's context is serialised per thread within this process, so two
  // messages arriving together both survive. (Across instances a rare lost message is acceptable.)
  const serialised = createKeyedQueue();
  // Counts and the channel's list are shared by every instance (each gets some of a thread's events), so
  // their read-modify-writes take the store's lock: no reply is lost to two instances counting at once.
  const locked = (key: string, work: () => Promise<void>) =>
    runLocked(store, `lock:${key}`, work, { busyDetail: "The discussion's counts are busy; try again." });

  // Adds messages (same ts: replaced) to the list under `key`, oldest first, trimmed to the limits.
  const merge = (key: string, messages: ThreadMessage[], ttlMs: number) =>
    serialised(key, async () => {
      const byTs = new Map((await store.get<ThreadMessage[]>(key))?.map((m) => [m.ts, m]));
      for (const message of messages) byTs.set(message.ts, shorten(message, limits.maxMessageChars));
      const merged = [...byTs.values()].sort((a, b) => compareTs(a.ts, b.ts));
      await store.set(key, trim(merged, limits), ttlMs);
    });

  return {
    async threadFor(team, channel, paperId) {
      return (await store.get<{ ts: string }>(paperKey(team, channel, paperId)))?.ts;
    },
    thread: (channel, ts) => store.get<ThreadRecord>(threadKey(channel, ts)),
    async save(record) {
      await store.set(threadKey(record.channel, record.ts), record, limits.ttlMs);
      await store.set(
        paperKey(record.team, record.channel, record.paper.id),
        { ts: record.ts },
        limits.ttlMs,
      );
      // The channel's list holds ids only (the records hold the papers), capped: a count, not a log.
      const key = channelKey(record.team, record.channel);
      await locked(key, async () => {
        const listed = (await store.get<ChannelThread[]>(key)) ?? [];
        const others = listed.filter((entry) => entry.paperId !== record.paper.id);
        const kept = [{ paperId: record.paper.id, ts: record.ts }, ...others].slice(
          0,
          limits.maxChannelThreads,
        );
        await store.set(key, kept, limits.ttlMs);
      });
    },
    append: (channel, threadTs, message) => merge(contextKey(channel, threadTs), [message], limits.ttlMs),
    async messages(channel, threadTs) {
      return (await store.get<ThreadMessage[]>(contextKey(channel, threadTs))) ?? [];
    },
    async markPosting(channel, ttlMs) {
      // Only ever set (never cleared by one start), so concurrent starts in a channel cannot close each other's window.
      await store.set(postingKey(channel), true, ttlMs);
    },
    async isPosting(channel) {
      return (await store.get(postingKey(channel))) !== undefined;
    },
    hold: (channel, threadTs, message) => merge(heldKey(channel, threadTs), [message], limits.heldMs),
    fold(channel, threadTs) {
      const key = heldKey(channel, threadTs);
      return serialised(key, async () => {
        const held = await store.get<ThreadMessage[]>(key);
        if (!held?.length) return 0;
        await merge(contextKey(channel, threadTs), held, limits.ttlMs);
        await store.delete(key);
        return held.length;
      });
    },
    countReplies(channel, threadTs, count, at) {
      const key = activityKey(channel, threadTs);
      return locked(key, async () => {
        const current = (await store.get<ThreadActivity>(key)) ?? { replies: 0 };
        const latest =
          current.lastReplyAt && current.lastReplyAt > at.toISOString()
            ? current.lastReplyAt
            : at.toISOString();
        await store.set(key, { replies: current.replies + count, lastReplyAt: latest }, limits.ttlMs);
      });
    },
    uncountReply(channel, threadTs) {
      const key = activityKey(channel, threadTs);
      return locked(key, async () => {
        const current = await store.get<ThreadActivity>(key);
        if (!current || current.replies <= 0) return;
        await store.set(key, { ...current, replies: current.replies - 1 }, limits.ttlMs);
      });
    },
    async activity(channel, threadTs) {
      return (await store.get<ThreadActivity>(activityKey(channel, threadTs))) ?? { replies: 0 };
    },
    async channelThreads(team, channel) {
      return (await store.get<ChannelThread[]>(channelKey(team, channel))) ?? [];
    },
    async forget(channel, ts) {
      const record = await store.get<ThreadRecord>(threadKey(channel, ts));
      if (!record) return false;
      // Only drop the paper → thread link if it still points here (a newer thread may have replaced it).
      const current = await store.get<{ ts: string }>(paperKey(record.team, channel, record.paper.id));
      if (current?.ts === ts) await store.delete(paperKey(record.team, channel, record.paper.id));
      await store.delete(contextKey(channel, ts));
      await store.delete(heldKey(channel, ts));
      await store.delete(activityKey(channel, ts));
      await store.delete(threadKey(channel, ts));
      const key = channelKey(record.team, channel);
      await locked(key, async () => {
        const listed = (await store.get<ChannelThread[]>(key)) ?? [];
        const kept = listed.filter((entry) => entry.ts !== ts);
        if (kept.length !== listed.length) await store.set(key, kept, limits.ttlMs);
      });
      return true;
    },
  };
}

function shorten(message: ThreadMessage, maxChars: number): ThreadMessage {
  if (message.text.length <= maxChars) return message;
  return { ...message, text: `${message.text.slice(0, maxChars - 1)}…` };
}

function trim(messages: ThreadMessage[], limits: ThreadLimits): ThreadMessage[] {
  const kept = messages.slice(-limits.maxMessages);
  let chars = kept.reduce((sum, m) => sum + m.text.length, 0);
  while (kept.length > 1 && chars > limits.maxChars) chars -= kept.shift()?.text.length ?? 0;
  return kept;
}

// Slack ts values are "seconds.micros" strings of varying integer length; compare them as numbers.
function compareTs(a: string, b: string): number {
  const [as = "0", af = "0"] = a.split(".");
  const [bs = "0", bf = "0"] = b.split(".");
  return Number(as) - Number(bs) || Number(af.padEnd(6, "0")) - Number(bf.padEnd(6, "0"));
}
