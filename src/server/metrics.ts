// Prometheus metrics for /metrics: the process's own, counters the features bump, and values read at scrape time.
import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from "prom-client";

export interface Metrics {
  registry: Registry;
  commands: Counter<"kind">;
  searches: Counter<"outcome">;
  searchSeconds: Histogram;
  eventsDeduplicated: Counter;
  digestsPosted: Counter;
  digestsFailed: Counter;
  /** Slack Web API calls that failed (HTTP error, no answer, or `ok: false`), by method. */
  slackErrors: Counter<"method">;
  /** Slack Web API answers with HTTP 429, by method. */
  slackRateLimited: Counter<"method">;
  requestsShed: Counter;
  /** Registers a gauge (a value that goes up and down) read when /metrics is scraped. */
  gaugeFrom(name: string, help: string, read: () => number): void;
  /** Registers a counter read from a running total when /metrics is scraped (the total only grows). */
  counterFrom(name: string, help: string, read: () => number): void;
  /** The same, one series per label value (e.g. failures per source). */
  labelledCounterFrom(name: string, help: string, label: string, read: () => Record<string, number>): void;
}

export function createMetrics(): Metrics {
  const registry = new Registry();
  // RSS, heap, event-loop lag, handles, GC: what an operator watches for leaks and stalls.
  collectDefaultMetrics({ register: registry });
  const counter = <L extends string = never>(name: string, help: string, labelNames: L[] = []) =>
    new Counter<L>({ name, help, labelNames, registers: [registry] });
  return {
    registry,
    commands: counter("paperboy_commands_total", "/papers commands by kind", ["kind"]),
    searches: counter("paperboy_searches_total", "Searches by outcome", ["outcome"]),
    searchSeconds: new Histogram({
      name: "paperboy_search_seconds",
      help: "Search latency including remote sources",
      buckets: [0.005, 0.01, 0.05, 0.1, 0.25, 0.5, 1, 2, 5],
      registers: [registry],
    }),
    eventsDeduplicated: counter(
      "paperboy_events_deduplicated_total",
      "Slack event deliveries dropped because their event_id was already handled",
    ),
    digestsPosted: counter("paperboy_digests_posted_total", "Digests posted"),
    digestsFailed: counter(
      "paperboy_digests_failed_total",
      "Digest posts that failed (the scheduler retries them on its next sweep)",
    ),
    slackErrors: counter("paperboy_slack_errors_total", "Slack Web API calls that failed", ["method"]),
    slackRateLimited: counter(
      "paperboy_slack_rate_limited_total",
      "Slack Web API calls answered with HTTP 429 (retried after Retry-After)",
      ["method"],
    ),
    requestsShed: counter(
      "paperboy_requests_shed_total",
      "Slack requests turned away because the bot was already working on as many as it takes at once",
    ),
    gaugeFrom(name, help, read) {
      new Gauge({
        name,
        help,
        registers: [registry],
        collect() {
          this.set(read());
        },
      });
    },
    counterFrom(name, help, read) {
      let seen = 0;
      new Counter({
        name,
        help,
        registers: [registry],
        collect() {
          const now = read();
          if (now > seen) this.inc(now - seen);
          seen = Math.max(seen, now);
        },
      });
    },
    labelledCounterFrom(name, help, label, read) {
      const seen = new Map<string, number>();
      new Counter({
        name,
        help,
        labelNames: [label],
        registers: [registry],
        collect() {
          for (const [value, now] of Object.entries(read())) {
            const before = seen.get(value) ?? 0;
            if (now > before) this.inc({ [label]: value }, now - before);
            seen.set(value, Math.max(before, now));
          }
        },
      });
    },
  };
}
