// What the stand-in's workspace contains: messages per channel with threads, ephemerals, home views, unfurls.
import type {
  EphemeralMessage,
  MessageMetadata,
  PublishedView,
  StandInChange,
  StoredMessage,
  UnfurlRecord,
} from "./stand-in-types.ts";

/** Fields a new channel message may carry. */
export interface NewMessage {
  user: string;
  text: string;
  bot?: { botId: string; appId: string };
  blocks?: unknown[];
  attachments?: unknown[];
  files?: unknown[];
  metadata?: MessageMetadata;
  threadTs?: string;
}

/** Stores the workspace's content; every change is reported to `notify`. */
export class MessageStore {
  private readonly channels = new Map<string, StoredMessage[]>();
  private ephemeralList: EphemeralMessage[] = [];
  private readonly views = new Map<string, PublishedView>();
  private unfurlList: UnfurlRecord[] = [];
  private lastMicros = 0;

  constructor(
    private readonly now: () => number,
    private readonly notify: (change: StandInChange) => void,
  ) {}

  /** A fresh, strictly increasing Slack timestamp (`1700000000.000100`). */
  nextTs(): string {
    this.lastMicros = Math.max(this.lastMicros + 1, Math.floor(this.now() * 1000));
    const seconds = Math.floor(this.lastMicros / 1_000_000);
    return `${seconds}.${String(this.lastMicros % 1_000_000).padStart(6, "0")}`;
  }

  post(channel: string, fields: NewMessage): StoredMessage {
    const message: StoredMessage = {
      type: "message",
      channel,
      ts: this.nextTs(),
      user: fields.user,
      text: fields.text,
    };
    if (fields.bot) {
      message.bot_id = fields.bot.botId;
      message.app_id = fields.bot.appId;
    }
    if (fields.blocks) message.blocks = fields.blocks;
    if (fields.attachments) message.attachments = fields.attachments;
    if (fields.files) message.files = fields.files;
    if (fields.metadata) message.metadata = fields.metadata;
    if (fields.threadTs) {
      message.thread_ts = fields.threadTs;
      const parent = this.find(channel, fields.threadTs);
      if (parent) {
        parent.thread_ts = parent.ts;
        parent.reply_count = (parent.reply_count ?? 0) + 1;
        parent.reply_users = [...new Set([...(parent.reply_users ?? []), fields.user])];
        parent.latest_reply = message.ts;
      }
    }
    this.list(channel).push(message);
    this.notify({ kind: "message", channel, ts: message.ts, action: "posted" });
    return message;
  }

  find(channel: string, ts: string): StoredMessage | undefined {
    return this.channels.get(channel)?.find((message) => message.ts === ts);
  }

  update(
    channel: string,
    ts: string,
    change: Partial<Pick<StoredMessage, "text" | "blocks" | "attachments" | "metadata">>,
  ) {
    const message = this.find(channel, ts);
    if (!message) return undefined;
    Object.assign(message, change);
    message.edited = { user: message.user, ts: this.nextTs() };
    this.notify({ kind: "message", channel, ts, action: "updated" });
    return message;
  }

  delete(channel: string, ts: string): boolean {
    const list = this.channels.get(channel);
    const index = list?.findIndex((message) => message.ts === ts) ?? -1;
    if (!list || index === -1) return false;
    list.splice(index, 1);
    this.notify({ kind: "message", channel, ts, action: "deleted" });
    return true;
  }

  /** Top-level messages (not replies), oldest first. */
  topLevel(channel: string): StoredMessage[] {
    return this.list(channel).filter((message) => !message.thread_ts || message.thread_ts === message.ts);
  }

  /** A thread: the parent followed by its replies, oldest first; `[]` when the parent is unknown. */
  thread(channel: string, ts: string): StoredMessage[] {
    const parent = this.find(channel, ts);
    if (!parent) return [];
    const root = parent.thread_ts ?? parent.ts;
    return this.list(channel).filter((message) => message.ts === root || message.thread_ts === root);
  }

  addEphemeral(message: Omit<EphemeralMessage, "ts">): EphemeralMessage {
    const stored: EphemeralMessage = { ...message, ts: this.nextTs() };
    this.ephemeralList.push(stored);
    this.notify({
      kind: "ephemeral",
      channel: stored.channel,
      user: stored.user,
      ts: stored.ts,
      action: "posted",
    });
    return stored;
  }

  findEphemeral(ts: string): EphemeralMessage | undefined {
    return this.ephemeralList.find((message) => message.ts === ts);
  }

  replaceEphemeral(
    ts: string,
    change: Pick<EphemeralMessage, "text" | "blocks">,
  ): EphemeralMessage | undefined {
    const message = this.findEphemeral(ts);
    if (!message) return undefined;
    message.text = change.text;
    if (change.blocks) message.blocks = change.blocks;
    else delete message.blocks;
    this.notify({ kind: "ephemeral", channel: message.channel, user: message.user, ts, action: "updated" });
    return message;
  }

  deleteEphemeral(ts: string): boolean {
    const message = this.findEphemeral(ts);
    if (!message) return false;
    this.ephemeralList = this.ephemeralList.filter((candidate) => candidate !== message);
    this.notify({ kind: "ephemeral", channel: message.channel, user: message.user, ts, action: "deleted" });
    return true;
  }

  ephemerals(channel?: string, user?: string): EphemeralMessage[] {
    return this.ephemeralList.filter(
      (message) =>
        (channel === undefined || message.channel === channel) &&
        (user === undefined || message.user === user),
    );
  }

  publishView(user: string, view: Record<string, unknown>): PublishedView {
    const published: PublishedView = { id: `V${this.views.size + 1}${user}`, user, view, at: this.now() };
    this.views.set(user, published);
    this.notify({ kind: "view", user });
    return published;
  }

  view(user: string): PublishedView | undefined {
    return this.views.get(user);
  }

  addUnfurl(record: UnfurlRecord): void {
    this.unfurlList.push(record);
    this.notify({ kind: "unfurl" });
  }

  unfurls(): UnfurlRecord[] {
    return [...this.unfurlList];
  }

  /** Adds a reaction; false when this user already reacted with that name (Slack: `already_reacted`). */
  addReaction(message: StoredMessage, name: string, user: string): boolean {
    const reactions = message.reactions ?? [];
    message.reactions = reactions;
    const existing = reactions.find((reaction) => reaction.name === name);
    if (existing?.users.includes(user)) return false;
    if (existing) {
      existing.users.push(user);
      existing.count += 1;
    } else {
      reactions.push({ name, users: [user], count: 1 });
    }
    this.notify({ kind: "reaction", channel: message.channel, ts: message.ts });
    return true;
  }

  /** Takes a user's reaction off; false when they had not reacted with that name (Slack: `no_reaction`). */
  removeReaction(message: StoredMessage, name: string, user: string): boolean {
    const reaction = message.reactions?.find((candidate) => candidate.name === name);
    if (!reaction?.users.includes(user)) return false;
    reaction.users = reaction.users.filter((id) => id !== user);
    reaction.count -= 1;
    if (reaction.count === 0) message.reactions = message.reactions?.filter((other) => other !== reaction);
    this.notify({ kind: "reaction", channel: message.channel, ts: message.ts });
    return true;
  }

  /** Forgets all content (fixtures stay). */
  clear(): void {
    this.channels.clear();
    this.ephemeralList = [];
    this.views.clear();
    this.unfurlList = [];
  }

  private list(channel: string): StoredMessage[] {
    let list = this.channels.get(channel);
    if (!list) {
      list = [];
      this.channels.set(channel, list);
    }
    return list;
  }
}
