// When a weekly meeting falls in its time zone (DST included), and which of its messages are due when.
import { describe, expect, it } from "vitest";
import type { JcSchedule } from "../../src/journal-club/journal-club-state.ts";
import { dueEvents, nextMeeting } from "../../src/journal-club/meeting-times.ts";

const berlin = (setAt = "2026-03-01T00:00:00Z"): JcSchedule => ({
  day: "mon",
  time: "16:00",
  timezone: "Europe/Berlin",
  setAt,
});

describe("nextMeeting", () => {
  it("keeps the local time across a change of clocks (15:00 UTC in winter, 14:00 UTC in summer)", () => {
    expect(nextMeeting(berlin(), new Date("2026-03-20T12:00:00Z")).at.toISOString()).toBe(
      "2026-03-23T15:00:00.000Z",
    );
    // Clocks go forward on Sunday 29 March.
    expect(nextMeeting(berlin(), new Date("2026-03-24T12:00:00Z")).at.toISOString()).toBe(
      "2026-03-30T14:00:00.000Z",
    );
  });

  it("is next week's once today's meeting has started", () => {
    const meeting = nextMeeting(berlin(), new Date("2026-03-30T14:00:00Z"));
    expect(meeting.date).toBe("2026-04-06");
  });
});

describe("dueEvents", () => {
  const at = (iso: string, schedule = berlin()) => dueEvents(schedule, new Date(iso)).events;

  it("announces 26 hours ahead, reminds 24 hours and 1 hour ahead, each until the meeting starts", () => {
    expect(at("2026-03-29T11:59:00Z")).toEqual([]);
    expect(at("2026-03-29T12:00:00Z")).toEqual(["announce"]);
    expect(at("2026-03-29T14:00:00Z")).toEqual(["announce", "remind_day"]);
    expect(at("2026-03-30T13:00:00Z")).toEqual(["announce", "remind_hour"]);
    expect(at("2026-03-30T13:59:00Z")).toEqual(["announce", "remind_hour"]);
    expect(at("2026-03-30T14:00:00Z")).toEqual([]);
  });

  it("announces a meeting scheduled late at once, but sends no reminder whose time had passed", () => {
    const late = berlin("2026-03-29T20:00:00Z");
    expect(at("2026-03-29T20:01:00Z", late)).toEqual(["announce"]);
    expect(at("2026-03-30T13:00:00Z", late)).toEqual(["announce", "remind_hour"]);
  });
});
