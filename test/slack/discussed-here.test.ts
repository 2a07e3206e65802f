// "Discussed here on 27 Nov": the day named is the one the channel's clock showed when the thread started.
import type { WebClient } from "@slack/web-api";
import { describe, expect, it } from "vitest";
import { silentLogger } from "../../src/logger.ts";
import { discussedHereBlock } from "../../src/slack/blocks/discussed-here-line.ts";
import { discussedHere } from "../../src/slack/discussed-here.ts";
import type { SlackFeatures } from "../../src/slack/slack-features.ts";
import { visibleText } from "../support/e2e-helpers.ts";

const PAPER = "2111.01253";
// 23:30 on Friday 27 November in Los Angeles, already Saturday 28 November in UTC.
const LATE_FRIDAY_IN_LA = "2026-11-28T07:30:00Z";
const NOW = new Date("2026-12-02T10:00:00Z");

const lineOf = (discussed: Parameters<typeof discussedHereBlock>[0], now = NOW) =>
  visibleText(discussedHereBlock(discussed, now));

describe("the “Discussed here” line", () => {
  it("names the day in the channel's time zone, not in UTC", () => {
    const line = lineOf({ startedAt: LATE_FRIDAY_IN_LA, replies: 12, timeZone: "America/Los_Angeles" });
    expect(line).toContain("Discussed here on 27 Nov · 12 replies");
    expect(lineOf({ startedAt: LATE_FRIDAY_IN_LA, replies: 12, timeZone: "Asia/Tokyo" })).toContain(
      "Discussed here on 28 Nov",
    );
  });

  it("gives the year when the thread started in another year of the channel's calendar", () => {
    // New Year's Eve in Los Angeles, New Year's Day in UTC; read on 2 January in Los Angeles.
    const newYearsEve = { startedAt: "2026-01-01T07:30:00Z", replies: 1, timeZone: "America/Los_Angeles" };
    expect(lineOf(newYearsEve, new Date("2026-01-02T18:00:00Z"))).toContain("Discussed here on 31 Dec 2025");
    expect(lineOf({ ...newYearsEve, timeZone: "UTC" }, new Date("2026-01-02T18:00:00Z"))).toContain(
      "Discussed here on 1 Jan ·",
    );
  });
});

describe("the cards' lookup of earlier discussions", () => {
  it("carries the channel's time zone, so a search result or unfurl names the channel's day", async () => {
    const features = {
      discussions: {
        discussedHere: async () =>
          new Map([[PAPER, { ts: "1795851000.000100", startedAt: LATE_FRIDAY_IN_LA, replies: 12 }]]),
      },
      digests: {
        timezone: async (channel: string) => (channel === "C0WESTCOAST" ? "America/Los_Angeles" : "UTC"),
      },
      logger: silentLogger(),
    } as unknown as SlackFeatures;
    const client = {
      chat: { getPermalink: async () => ({ ok: true, permalink: "https://slack.test/archives/C0/p1" }) },
    } as unknown as WebClient;

    const west = await discussedHere(features, { team: "T0", channel: "C0WESTCOAST", client }, [PAPER]);
    expect(lineOf(west.get(PAPER) ?? { startedAt: "", replies: 0 })).toContain("Discussed here on 27 Nov");
    const utc = await discussedHere(features, { team: "T0", channel: "C0LONDON", client }, [PAPER]);
    expect(lineOf(utc.get(PAPER) ?? { startedAt: "", replies: 0 })).toContain("Discussed here on 28 Nov");
  });
});
