// End to end: a journal club from nomination through votes, the announcement, a presenter and both reminders.
import { describe, expect, it } from "vitest";
import type { StoredMessage } from "../../src/playground/stand-in-types.ts";
import { PROMPTS_DIR } from "../../src/services.ts";
import { createJournalClubFeature } from "../../src/slack/journal-club/jc-feature.ts";
import { useTestBot } from "../support/bot-harness.ts";
import { buttonsIn, firstResponse, settle, visibleText, waitForMessages } from "../support/e2e-helpers.ts";

const SCENE_FLOW = { id: "2111.01253", title: "Neural Scene Flow Prior" };
const RANK = { id: "2404.12754", title: "Adaptive Regularization of Representation Rank" };

// The meeting: Thursday 3 December 2026 at 16:00 UTC (the channel has no digest settings, so its zone is UTC).
const MONDAY = "2026-11-30T09:00:00Z";
const BEFORE_ANNOUNCEMENT = "2026-12-02T13:59:00Z";
const ANNOUNCEMENT = "2026-12-02T14:00:00Z"; // the day before, 26 h ahead
const DAY_BEFORE = "2026-12-02T16:00:00Z";
const HOUR_BEFORE = "2026-12-03T15:00:00Z";
const AFTER_MEETING = "2026-12-03T18:00:00Z";

/** A clock the bot's journal club reads; tests move it. */
function fakeClock(start: string) {
  let ms = Date.parse(start);
  return { now: () => new Date(ms), set: (iso: string) => (ms = Date.parse(iso)) };
}

describe("a journal club from nomination to meeting", () => {
  const clock = fakeClock(MONDAY);
  const t = useTestBot({ now: clock.now });

  async function papers(text: string, user = "U0ADA") {
    const sent = await t.standIn.sendSlashCommand({ text, user, channel: "C0PAPERS" });
    return visibleText(await firstResponse(t.standIn, sent.responseUrlId));
  }
  async function click(actionId: string, value: string, user: string) {
    const sent = await t.standIn.sendBlockAction({ actionId, value, user, channel: "C0PAPERS" });
    return visibleText(await firstResponse(t.standIn, sent.responseUrlId));
  }
  const cardOf = (id: string) =>
    t.standIn
      .messages("C0PAPERS")
      .find((message) => buttonsIn(message.blocks).some((b) => b.action_id === "jc_vote" && b.value === id));
  const voteButton = (id: string) =>
    buttonsIn(cardOf(id)?.blocks).find((button) => button.action_id === "jc_vote")?.text;
  const posts = (marker: string): StoredMessage[] =>
    t.standIn
      .messages("C0PAPERS")
      .filter((m) => String(m.metadata?.event_payload.occurrence ?? "").endsWith(marker));
  async function tickAt(iso: string) {
    clock.set(iso);
    return t.bot.journalClub.scheduler.tick(clock.now());
  }

  it("nominates, counts changeable votes, announces the winner once, takes a presenter and reminds twice", async () => {
    const empty = await papers("jc");
    expect(empty).toMatch(/none scheduled/);
    expect(empty).toMatch(/no nominations/);
    expect(empty).toMatch(/Past sessions:\* none yet/);

    expect(await papers("jc schedule thu 16:00")).toContain("Thursday, 3 December 2026 at 16:00 (UTC)");

    expect(await papers(`jc nominate ${SCENE_FLOW.id}`)).toContain(`Nominated “${SCENE_FLOW.title}”`);
    expect(await papers(`jc nominate https://arxiv.org/abs/${RANK.id}`, "U0GRACE")).toContain("Nominated");
    await waitForMessages(t.standIn, "C0PAPERS", 2);
    expect(visibleText(cardOf(SCENE_FLOW.id))).toContain("Nominated for journal club* by <@U0ADA>");
    expect(voteButton(SCENE_FLOW.id)).toBe("Vote (0)");
    expect(await papers(`jc nominate ${SCENE_FLOW.id}`, "U0ALAN")).toMatch(/already nominated \(0 votes\)/);

    expect(await click("jc_vote", SCENE_FLOW.id, "U0ADA")).toMatch(/You voted for/);
    await click("jc_vote", SCENE_FLOW.id, "U0GRACE");
    await click("jc_vote", RANK.id, "U0ALAN");
    expect(voteButton(SCENE_FLOW.id)).toBe("Vote (2)");
    expect(visibleText(cardOf(RANK.id))).toContain("1 vote*");
    // Ada moves her vote, takes it back, and casts it again: one vote each, changeable.
    expect(await click("jc_vote", RANK.id, "U0ADA")).toMatch(
      /Your vote moved from “Neural Scene Flow Prior”/,
    );
    expect([voteButton(SCENE_FLOW.id), voteButton(RANK.id)]).toEqual(["Vote (1)", "Vote (2)"]);
    expect(await click("jc_vote", RANK.id, "U0ADA")).toMatch(/took back your vote/);
    expect(voteButton(RANK.id)).toBe("Vote (1)");
    await click("jc_vote", RANK.id, "U0ADA");
    expect([voteButton(SCENE_FLOW.id), voteButton(RANK.id)]).toEqual(["Vote (1)", "Vote (2)"]);
    const queue = await papers("jc");
    expect(queue.indexOf(RANK.title)).toBeLessThan(queue.indexOf(SCENE_FLOW.title));
    expect(queue).toContain("2 votes · nominated by <@U0GRACE>");

    expect(await tickAt(BEFORE_ANNOUNCEMENT)).toEqual([]);
    await tickAt(ANNOUNCEMENT);
    const [announcement] = await t.standIn.waitFor(() =>
      posts("announce").length ? posts("announce") : undefined,
    );
    const shown = visibleText(announcement?.blocks);
    expect(shown).toContain("Journal club on Thursday, 3 December 2026 at 16:00 (UTC)");
    expect(shown).toContain(RANK.title);
    expect(shown).toContain("Chosen with 2 votes.");
    expect(shown).toContain("nobody yet");
    expect(buttonsIn(announcement?.blocks).map((b) => b.action_id)).toEqual(["jc_present"]);

    // The announcement is the paper's thread: @paperboy answers questions there.
    await t.standIn.sendUserMessage({
      text: "<@UBOT> what does it measure?",
      threadTs: announcement?.ts ?? "",
    });
    const answer = await t.standIn.waitFor(
      () =>
        t.standIn
          .thread("C0PAPERS", announcement?.ts ?? "")
          .find((m) => m.user === "UBOT" && m.ts !== announcement?.ts),
      5_000,
      "an answer in the announcement's thread",
    );
    // An answer about the paper (no LLM here: from its abstract), not "start a discussion first".
    expect(visibleText(answer.blocks)).toContain("Based on the abstract.");

    // Another instance (or this one after a restart) on the same store: nothing is posted twice.
    const other = createJournalClubFeature({
      store: t.bot.services.store,
      team: t.standIn.workspace.team.id,
      slack: { token: t.standIn.botToken, apiUrl: t.standIn.apiUrl },
      search: t.bot.services.search,
      summarizer: t.bot.services.summarizer,
      promptsDir: PROMPTS_DIR,
      channelTimezone: async () => "UTC",
      logger: t.bot.services.logger,
      now: clock.now,
    });
    expect((await other.scheduler.tick(clock.now())).map((run) => run.status)).toEqual(["already_posted"]);

    expect(await click("jc_present", "2026-12-03", "U0ALAN")).toMatch(/You present “Adaptive Regularization/);
    expect(await click("jc_present", "2026-12-03", "U0GRACE")).toMatch(/<@U0ALAN> already presents/);
    const redrawn = t.standIn.messages("C0PAPERS").find((m) => m.ts === announcement?.ts);
    expect(visibleText(redrawn?.blocks)).toContain("*Presenter:* <@U0ALAN>");
    expect(buttonsIn(redrawn?.blocks)).toEqual([]);

    clock.set(DAY_BEFORE);
    await Promise.all([t.bot.journalClub.scheduler.tick(clock.now()), other.scheduler.tick(clock.now())]);
    const [dayBefore] = await t.standIn.waitFor(() =>
      posts("remind_day").length ? posts("remind_day") : undefined,
    );
    const day = visibleText(dayBefore?.blocks);
    expect(day).toContain("Journal club tomorrow");
    expect(day).toContain("*Presenter:* <@U0ALAN>");
    expect(day).toContain("Extract from the abstract"); // no LLM here: the summary says it is a fallback
    expect(day).toContain("Questions to start with");
    expect(day).toContain(`/archives/C0PAPERS/p${announcement?.ts.replace(".", "")}`);

    await tickAt(HOUR_BEFORE);
    await other.scheduler.tick(clock.now());
    const [hourBefore] = await t.standIn.waitFor(() =>
      posts("remind_hour").length ? posts("remind_hour") : undefined,
    );
    expect(visibleText(hourBefore?.blocks)).toContain("Journal club in an hour");
    await tickAt(HOUR_BEFORE);
    await settle();
    expect([posts("announce"), posts("remind_day"), posts("remind_hour")].map((p) => p.length)).toEqual([
      1, 1, 1,
    ]);

    clock.set(AFTER_MEETING);
    expect(await click("jc_present", "2026-12-03", "U0GRACE")).toMatch(/That meeting has taken place/);
    const after = await papers("jc");
    expect(after).toMatch(/Past sessions:\*\n• Thursday, 3 December 2026 — \*Adaptive Regularization/);
    expect(after).toContain("presented by <@U0ALAN>");
    // The nomination that lost stays in the queue, with its vote.
    expect(after).toContain(`${SCENE_FLOW.title}* — 1 vote`);
    expect(t.standIn.rejected()).toEqual([]);
  });
});

describe("a journal club's edge cases", () => {
  const clock = fakeClock(MONDAY);
  const t = useTestBot({ now: clock.now });

  async function papers(text: string, user = "U0ADA", channel = "C0PAPERS") {
    const sent = await t.standIn.sendSlashCommand({ text, user, channel });
    return visibleText(await firstResponse(t.standIn, sent.responseUrlId));
  }
  async function click(actionId: string, value: string, user: string, channel = "C0PAPERS") {
    const sent = await t.standIn.sendBlockAction({ actionId, value, user, channel });
    return visibleText(await firstResponse(t.standIn, sent.responseUrlId));
  }
  const posts = (channel: string, marker: string): StoredMessage[] =>
    t.standIn
      .messages(channel)
      .filter((m) => String(m.metadata?.event_payload.occurrence ?? "").endsWith(marker));
  async function tickAt(iso: string) {
    clock.set(iso);
    return t.bot.journalClub.scheduler.tick(clock.now());
  }

  it("breaks a tie by the earliest nomination and says so; with no presenter the reminder says so; the presenter hands over", async () => {
    clock.set(MONDAY);
    await papers("jc schedule thursday 4pm");
    await papers(`jc nominate ${RANK.id}`);
    clock.set("2026-11-30T10:00:00Z");
    await papers(`jc nominate ${SCENE_FLOW.id}`, "U0GRACE");
    await waitForMessages(t.standIn, "C0PAPERS", 2);
    await click("jc_vote", SCENE_FLOW.id, "U0ADA");
    await click("jc_vote", RANK.id, "U0GRACE");
    expect(await papers("jc")).toContain("A tie at the top: equal votes go to the earliest nomination");
    // The paper was discussed in the channel before: the announcement and reminders point at that thread.
    await t.standIn.sendSlashCommand({ text: `discuss ${RANK.id}`, user: "U0ALAN", channel: "C0PAPERS" });
    const [discussion] = await t.standIn.waitFor(() => {
      const found = t.standIn.messages("C0PAPERS").filter((m) => m.text.startsWith("Discussion:"));
      return found.length ? found : undefined;
    });

    await tickAt(ANNOUNCEMENT);
    const [announcement] = await t.standIn.waitFor(() =>
      posts("C0PAPERS", "announce").length ? posts("C0PAPERS", "announce") : undefined,
    );
    const shown = visibleText(announcement?.blocks);
    expect(shown).toContain(RANK.title); // nominated first
    expect(shown).toMatch(/tied with \*Neural Scene Flow Prior\*: equal votes go to the earliest nomination/);
    expect(shown).toContain(`Discussed here before: carry on in <`);
    expect(shown).toContain(`/archives/C0PAPERS/p${discussion?.ts.replace(".", "")}`);
    expect(await papers("jc")).toContain(`${SCENE_FLOW.title}* — 1 vote`);

    // No presenter by the day before: the reminder says so and offers the button.
    await tickAt(DAY_BEFORE);
    const [reminder] = await t.standIn.waitFor(() =>
      posts("C0PAPERS", "remind_day").length ? posts("C0PAPERS", "remind_day") : undefined,
    );
    expect(visibleText(reminder?.blocks)).toContain("*Presenter:* nobody yet");
    expect(buttonsIn(reminder?.blocks).map((b) => b.action_id)).toEqual(["jc_present"]);
    // Nobody presents, so nobody can hand it over to someone else.
    expect(await papers("jc presenter <@U0GRACE|grace>", "U0ADA")).toMatch(/Nobody presents yet/);
    expect(await papers("jc presenter me", "U0GRACE")).toMatch(/<@U0GRACE> now presents/);
    // The announcement names the presenter now, and still points at the paper's earlier thread.
    const redrawn = visibleText(
      t.standIn.messages("C0PAPERS").find((m) => m.ts === announcement?.ts)?.blocks,
    );
    expect(redrawn).toContain("*Presenter:* <@U0GRACE>");
    expect(redrawn).toContain(`/archives/C0PAPERS/p${discussion?.ts.replace(".", "")}`);
    expect(await papers("jc presenter <@U0ALAN>", "U0ADA")).toMatch(/Only the presenter, <@U0GRACE>/);
    // Slack sends the command's text unescaped: a picked person arrives as their handle.
    expect(await papers("jc presenter @alan", "U0GRACE")).toMatch(
      /<@U0ALAN> now presents .* \(instead of <@U0GRACE>\)/,
    );
    expect(await papers("jc presenter @nobody", "U0ALAN")).toMatch(
      /Nobody in this workspace is called @nobody/,
    );
    expect(await papers("jc")).toContain("presented by <@U0ALAN>");
  });

  it("announces that nothing was nominated, and sends no reminders about nothing", async () => {
    clock.set(MONDAY);
    await papers("jc schedule thu 16:00", "U0ADA", "C0GENERAL");
    const nothing = await papers("jc", "U0ADA", "C0GENERAL");
    expect(nothing).toMatch(/Nothing is nominated yet/);
    await tickAt(ANNOUNCEMENT);
    const [announcement] = await t.standIn.waitFor(() =>
      posts("C0GENERAL", "announce").length ? posts("C0GENERAL", "announce") : undefined,
    );
    expect(visibleText(announcement?.blocks)).toMatch(
      /No paper for the journal club on .*: nothing was nominated/,
    );
    expect(buttonsIn(announcement?.blocks)).toEqual([]);
    await tickAt(DAY_BEFORE);
    await tickAt(HOUR_BEFORE);
    await settle();
    expect(t.standIn.messages("C0GENERAL")).toHaveLength(1);
    expect(await click("jc_present", "2026-12-03", "U0ADA", "C0GENERAL")).toMatch(
      /No meeting has its paper announced/,
    );
  });

  it("meets in the channel's time zone (its digest's), unless the schedule names one", async () => {
    clock.set(MONDAY);
    await papers("schedule 09:00 Europe/Berlin weekdays", "U0ADA", "C0READING");
    expect(await papers("jc schedule thu 16:00", "U0ADA", "C0READING")).toContain(
      "Thursday, 3 December 2026 at 16:00 (Europe/Berlin)",
    );
    expect(await papers("jc schedule fri 9am America/New_York", "U0ADA", "C0READING")).toContain(
      "Friday, 4 December 2026 at 09:00 (America/New_York)",
    );
    expect(await papers("jc", "U0ADA", "C0READING")).toContain("at 09:00 (America/New_York)");
  });

  it("answers bad input with the fix and changes nothing", async () => {
    clock.set("2026-12-04T09:00:00Z");
    const before = await papers("jc", "U0ADA", "C0GENERAL");
    const channelBefore = t.standIn.messages("C0GENERAL").length;
    expect(await papers("jc nominate banana", "U0ADA", "C0GENERAL")).toMatch(/Say which paper/);
    expect(await papers("jc nominate 9912.99999", "U0ADA", "C0GENERAL")).toMatch(
      /No paper 9912.99999 was found/,
    );
    expect(await papers("jc schedule someday", "U0ADA", "C0GENERAL")).toMatch(/not a time zone or a day/);
    expect(await papers("jc schedule 16:00", "U0ADA", "C0GENERAL")).toMatch(/Say one day and a time/);
    expect(await papers("jc schedule mon,thu 16:00", "U0ADA", "C0GENERAL")).toMatch(/Say one day and a time/);
    expect(await papers("jc schedule thu 25:00", "U0ADA", "C0GENERAL")).toMatch(/not a time/);
    expect(await papers("jc presenter", "U0ADA", "C0GENERAL")).toMatch(/Say who presents/);
    expect(await papers("jc presenter <!channel>", "U0ADA", "C0GENERAL")).toMatch(/Say who presents/);
    expect(await papers("jc frobnicate", "U0ADA", "C0GENERAL")).toMatch(/Use `\/papers jc`/);
    expect(await papers("help", "U0ADA", "C0GENERAL")).toContain("`/papers jc nominate 2302.06675`");
    expect(await click("jc_vote", "not-a-paper", "U0ADA", "C0GENERAL")).toMatch(/out of date/);
    expect(await click("jc_vote", RANK.id, "U0ADA", "C0GENERAL")).toMatch(/nomination is closed/);
    // A card Slack refuses to post (the bot is not in the private channel) leaves no nomination behind.
    expect(await papers(`jc nominate ${RANK.id}`, "U0ADA", "C0SECRET")).toMatch(/not_in_channel/);
    expect(await papers("jc", "U0ADA", "C0SECRET")).toMatch(/no nominations/);
    expect(await papers("jc", "U0ADA", "C0GENERAL")).toBe(before);
    expect(t.standIn.messages("C0GENERAL")).toHaveLength(channelBefore);
    expect(await papers("jc schedule off", "U0ADA", "C0GENERAL")).toMatch(/meetings are off/);
    expect(await papers("jc schedule off", "U0ADA", "C0GENERAL")).toMatch(
      /No journal club meeting was scheduled/,
    );
    expect(t.standIn.rejected()).toEqual([]);
  });
});
