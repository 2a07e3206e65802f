// Property test: hostile titles, authors, TL;DRs, summaries and questions never make a journal club message
// unsafe (broadcasts, forged links, raw <, >, &) or something Slack would reject.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { JcOverview } from "../../../src/journal-club/journal-club.ts";
import type { JcSession, Nomination } from "../../../src/journal-club/journal-club-state.ts";
import { findUnsafeMrkdwn } from "../../../src/playground/find-unsafe-mrkdwn.ts";
import { validateSlackPayload } from "../../../src/playground/validate-slack-payload.ts";
import { renderNominationCard } from "../../../src/slack/journal-club/nomination-card.ts";
import { renderJcPost } from "../../../src/slack/journal-club/render-jc-posts.ts";
import { renderOverview } from "../../../src/slack/journal-club/render-overview.ts";

const hostile = fc
  .array(
    fc.oneof(
      fc.constantFrom(
        "<!channel>",
        "<!here>",
        "<https://evil.example|arxiv.org>",
        "&",
        "<",
        ">",
        "|",
        "*",
        "\u0000",
      ),
      fc.string({ maxLength: 12 }),
    ),
    { maxLength: 30 },
  )
  .map((parts) => parts.join(""));
const user = fc.oneof(fc.constantFrom("U0ADA", "W0GRACE"), hostile);

const nominationArb: fc.Arbitrary<Nomination> = fc.record({
  paperId: fc.constantFrom("2302.06675", "hep-th/9901001"),
  title: hostile,
  authors: fc.array(hostile, { maxLength: 4 }),
  tldr: fc.record({ text: hostile, label: hostile }),
  by: user,
  at: fc.constant("2026-11-30T09:00:00.000Z"),
});
const sessionArb: fc.Arbitrary<JcSession> = fc.record({
  meetingDate: fc.constant("2026-12-03"),
  meetingAt: fc.constant("2026-12-03T16:00:00.000Z"),
  timezone: fc.constantFrom("UTC", "Europe/Berlin"),
  paperId: fc.constant("2302.06675"),
  title: hostile,
  authors: fc.array(hostile, { maxLength: 4 }),
  votes: fc.nat(50),
  tiedWith: fc.array(hostile, { maxLength: 6 }),
  presenter: fc.option(user, { nil: undefined }),
});
const meeting = { date: "2026-12-03", at: new Date("2026-12-03T16:00:00Z") };

function expectSafe(method: string, message: object) {
  expect(validateSlackPayload(method, { channel: "C0PAPERS", ...message })).toEqual([]);
  const texts: string[] = [];
  const walk = (node: unknown) => {
    if (Array.isArray(node)) for (const item of node) walk(item);
    else if (node && typeof node === "object") {
      const fields = node as Record<string, unknown>;
      if (fields.type === "mrkdwn" && typeof fields.text === "string") texts.push(fields.text);
      for (const child of Object.values(fields)) walk(child);
    }
  };
  walk(message);
  texts.push((message as { text: string }).text);
  for (const text of texts) expect(findUnsafeMrkdwn(text)).toEqual([]);
}

describe("journal club messages with hostile text", () => {
  it("nomination cards and the overview stay safe", () => {
    fc.assert(
      fc.property(
        nominationArb,
        fc.nat(3),
        fc.array(sessionArb, { maxLength: 10 }),
        (nomination, votes, past) => {
          expectSafe("chat.postMessage", renderNominationCard(nomination, votes));
          const overview: JcOverview = {
            queue: Array.from({ length: 16 }, () => ({ ...nomination, votes })),
            schedule: { day: "thu", time: "16:00", timezone: "UTC", setAt: "2026-11-30T09:00:00Z" },
            next: meeting,
            past,
            ...(past[0] ? { upcoming: { ...past[0], meetingDate: meeting.date } } : {}),
          };
          expectSafe("response_url", renderOverview(overview));
        },
      ),
      { numRuns: 150 },
    );
  });

  it("announcements and reminders stay safe", () => {
    fc.assert(
      fc.property(sessionArb, hostile, fc.array(hostile, { maxLength: 3 }), (session, summary, questions) => {
        const base = { occurrence: "2026-12-03.announce", meeting, timezone: session.timezone };
        expectSafe("chat.postMessage", renderJcPost({ kind: "announce", ...base, session }));
        expectSafe("chat.postMessage", renderJcPost({ kind: "announce", ...base }));
        expectSafe(
          "chat.postMessage",
          renderJcPost({
            kind: "reminder",
            ...base,
            event: "remind_hour",
            session,
            summary: { tldr: summary, label: summary, origin: "extractive" },
            questions,
            threadUrl: "https://slack.example/archives/C0PAPERS/p1700000000000100",
          }),
        );
      }),
      { numRuns: 150 },
    );
  });
});
