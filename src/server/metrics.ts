// Prometheus metrics for /metrics: counters the features bump, and gauges read from services at scrape time.
import { Counter, Gauge, Histogram, Registry } from "prom-client";

export interface Metrics {
  registry: Registry;
  commands: Counter<"kind">;
  searches: Counter<"outcome">;
  searchSeconds: Histogram;
  eventsDeduplicated: Counter;
  digestsPosted: Counter;
  slackErrors: Counter<"method">;
  requestsShed: Counter;
  /** Registers a gauge whose value is read when /metrics is scraped. */
  gaugeFrom(name: string, help: string, read: () => number): void;
}

export function createMetrics(): Metrics {
  const registry = new Registry();
  const metrics: Metrics = {
    registry,
    commands: new Counter({
      name: "paperboy_commands_total",
      help: "/papers commands by kind",
      labelNames: ["kind"],
      registers: [registry],
    }),
    searches: new Counter({
      name: "paperboy_searches_total",
      help: "Searches by outcome",
      labelNames: ["outcome"],
      registers: [registry],
    }),
    searchSeconds: new Histogram({
      name: "paperboy_search_seconds",
      help: "Search latency including remote sources",
      buckets: [0.005, 0.01, 0.05, 0.1, 0.25, 0.5, 1, 2, 5],
      registers: [registry],
    }),
    eventsDeduplicated: new Counter({
      name: "paperboy_events_deduplicated_total",
      help: "Slack event deliveries dropped because their event_id was already handled",
      registers: [registry],
    }),
    digestsPosted: new Counter({
      name: "paperboy_digests_posted_total",
      help: "Digests posted",
      registers: [registry],
    }),
    slackErrors: new Counter({
      name: "paperboy_slack_errors_total",
      help: "Slack Web API calls that failed",
      labelNames: ["method"],
      registers: [registry],
    }),
    requestsShed: new Counter({
      name: "paperboy_requests_shed_total",
      help: "Slack requests turned away because the bot was already working on as many as it takes at once",
      registers: [registry],
    }),
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
  };
  return metrics;
}
