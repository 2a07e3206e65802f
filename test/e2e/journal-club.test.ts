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
    const after = await papers("jc");
    expect(after).toMatch(/Past sessions:\*\n• Thursday, 3 December 2026 — \*Adaptive Regularization/);
    expect(after).toContain("presented by <@U0ALAN>");
    // The nomination that lost stays in the queue, with its vote.
    expect(after).toContain(`${SCENE_FLOW.title}* — 1 vote`);
    expect(t.standIn.rejected()).toEqual([]);
  });
});
