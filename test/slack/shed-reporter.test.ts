// Requests the work limit turns away are counted each, and logged at warn at most once per interval, with how many.
import { pino } from "pino";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { createMetrics } from "../../src/server/metrics.ts";
import { createShedReporter } from "../../src/slack/shed-reporter.ts";

interface Line {
  level: number;
  msg: string;
  shed: number;
  active: number;
}

function recordingLogger() {
  const lines: Line[] = [];
  const logger = pino({ level: "info" }, { write: (line: string) => lines.push(JSON.parse(line)) });
  return { logger, lines };
}

describe("the shed reporter", () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it("counts every refusal but writes one warn line per interval, the next one saying how many it held", async () => {
    const { logger, lines } = recordingLogger();
    const metrics = createMetrics();
    const shed = createShedReporter({ logger, counter: metrics.requestsShed, everyMs: 30_000 });

    for (let i = 0; i < 1_000; i++) shed(256);
    expect(await metrics.registry.metrics()).toMatch(/^paperboy_requests_shed_total 1000$/m);
    // The first refusal is told at once; the 999 after it within the interval wait for its end.
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ level: 40, shed: 1, active: 256 });
    expect(lines[0]?.msg).toContain("turned away 1 Slack request");

    vi.advanceTimersByTime(30_000);
    expect(lines).toHaveLength(2);
    expect(lines[1]).toMatchObject({ level: 40, shed: 999, active: 256 });

    // Quiet since: nothing more is written, and the next refusal after the interval is told at once.
    vi.advanceTimersByTime(120_000);
    expect(lines).toHaveLength(2);
    shed(10);
    expect(lines).toHaveLength(3);
    expect(lines[2]).toMatchObject({ shed: 1, active: 10 });
  });
});
