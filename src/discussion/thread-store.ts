// Discussion threads in the state store: paper ↔ thread in both directions, and each thread's recent messages.
import type { Paper } from "../papers/paper.ts";
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
}

export const DEFAULT_THREAD_LIMITS: ThreadLimits = {
  ttlMs: 180 * 24 * 60 * 60 * 1000,
  maxMessages: 30,
  maxChars: 6_000,
  maxMessageChars: 1_500,
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
  /** Forgets a thread both ways, with its context (its root message was deleted). */
  forget(channel: string, ts: string): Promise<boolean>;
}

const paperKey = (team: string, channel: string, paperId: string) =>
  `discussion:paper:${team}:${channel}:${paperId}`;
const threadKey = (channel: string, ts: string) => `discussion:thread:${channel}:${ts}`;
const contextKey = (channel: string, ts: string) => `discussion:context:${channel}:${ts}`;

/** Opens the thread store on the shared state store. */
export function createThreadStore(
  store: StateStore,
  limits: ThreadLimits = DEFAULT_THREAD_LIMITS,
): ThreadStore {
  // Read-modify-write of a thread's context is serialised per thread within this process, so two
  // messages arriving together both survive. (Across instances a rare lost message is acceptable.)
  const queues = new Map<string, Promise<void>>();
  const serialised = (key: string, work: () => Promise<void>): Promise<void> => {
    const previous = queues.get(key) ?? Promise.resolve();
    const next = previous.then(work, work);
    const tail = next.catch(() => {});
    queues.set(key, tail);
    void tail.then(() => {
      if (queues.get(key) === tail) queues.delete(key);
    });
    return next;
  };

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
    },
    append(channel, threadTs, message) {
      const key = contextKey(channel, threadTs);
      return serialised(key, async () => {
        const kept = (await store.get<ThreadMessage[]>(key)) ?? [];
        const text =
          message.text.length > limits.maxMessageChars
            ? `${message.text.slice(0, limits.maxMessageChars - 1)}…`
            : message.text;
        const merged = [...kept.filter((m) => m.ts !== message.ts), { ...message, text }];
        merged.sort((a, b) => compareTs(a.ts, b.ts));
        await store.set(key, trim(merged, limits), limits.ttlMs);
      });
    },
    async messages(channel, threadTs) {
      return (await store.get<ThreadMessage[]>(contextKey(channel, threadTs))) ?? [];
    },
    async forget(channel, ts) {
      const record = await store.get<ThreadRecord>(threadKey(channel, ts));
      if (!record) return false;
      // Only drop the paper → thread link if it still points here (a newer thread may have replaced it).
      const current = await store.get<{ ts: string }>(paperKey(record.team, channel, record.paper.id));
      if (current?.ts === ts) await store.delete(paperKey(record.team, channel, record.paper.id));
      await store.delete(contextKey(channel, ts));
      await store.delete(threadKey(channel, ts));
      return true;
    },
  };
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
