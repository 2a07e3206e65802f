// What the page sent to the app (commands, messages, clicks, reactions) and how the app acked: a bounded log.

/** One request the stand-in delivered to the app on the page's behalf. */
export interface DeliveryRecord {
  kind: "delivery";
  /** `slash_command`, `message`, `block_actions`, `reaction_added`, `reaction_removed`, `app_home_opened`. */
  type: string;
  /** What was delivered (the fields that matter to a Slack-app developer). */
  payload: Record<string, unknown>;
  /** The app's ack: HTTP status (0 when none), milliseconds, and any error. */
  ack: { status: number; ms: number; error?: string };
  at: number;
}

const MAX_RECORDS = 500;

/** Keeps the newest deliveries (older ones are dropped) and tells listeners about each new one. */
export class PageActivity {
  private records: DeliveryRecord[] = [];
  private readonly listeners = new Set<() => void>();

  record(entry: Omit<DeliveryRecord, "kind" | "at">): void {
    this.records.push({ kind: "delivery", ...entry, at: Date.now() });
    if (this.records.length > MAX_RECORDS) this.records.splice(0, this.records.length - MAX_RECORDS);
    for (const listener of this.listeners) listener();
  }

  list(): DeliveryRecord[] {
    return [...this.records];
  }

  onRecord(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
