// End to end: `/papers weekly` shows, sets, previews and stops the channel's roundup; bad input changes nothing.
import { describe, expect, it } from "vitest";
import { useTestBot } from "../support/bot-harness.ts";
import { eventually, firstResponse, TRANSPORTS, visibleText } from "../support/e2e-helpers.ts";

const CHANNEL = "C0PAPERS";

describe.each(TRANSPORTS)("/papers weekly over %s", (transport) => {
  // A Tuesday in ISO week 2026-W14.
  const clock = { at: Date.parse("2026-03-31T09:00:00Z") };
  const t = useTestBot({ transport, now: () => new Date(clock.at) });

  async function weekly(text: string, channel = CHANNEL): Promise<string> {
    const sent = await t.standIn.sendSlashCommand({ text: `weekly ${text}`.trim(), channel });
    return visibleText(await firstResponse(t.standIn, sent.responseUrlId));
  }

  it("is off until turned on; on takes the digest's time zone, a day and a time; off stops it", async () => {
    expect(await weekly("", "C0GENERAL")).toContain("The weekly roundup is off in this channel.");
    await t.standIn.sendSlashCommand({ text: "schedule 09:00 America/New_York", channel: "C0GENERAL" });
    expect(await weekly("on thursday 9:30", "C0GENERAL")).toContain(
      "on: Thursdays at 09:30 (America/New_York); the next is on Thursday, 2 April 2026",
    );
    expect(await weekly("", "C0GENERAL")).toContain("Thursdays at 09:30 (America/New_York)");
    expect(t.bot.weekly.scheduler.tasks()).toContainEqual({
      channel: "C0GENERAL",
      expression: "30 9 * * 4",
      timezone: "America/New_York",
    });
    expect(await weekly("off", "C0GENERAL")).toContain("The weekly roundup is off in this channel.");
    expect((await t.bot.weekly.settings.get("C0GENERAL"))?.enabled).toBe(false);
    expect(await weekly("off", "C0GENERAL")).toContain("already off");
    expect(t.standIn.rejected()).toEqual([]);
  });

  it("is in /papers help", async () => {
    const help = await t.standIn.sendSlashCommand({ text: "help" });
    const text = visibleText(await firstResponse(t.standIn, help.responseUrlId));
    expect(text).toContain("This channel's weekly roundup");
    expect(text).toContain("`/papers weekly on fri 16:00`");
    expect(text).toContain("`/papers weekly quiet note` · `quiet skip`");
  });

  it.each([
    ["on blursday", "“blursday” is not a day, a 24-hour time or a time zone."],
    ["on fri 25:00", "“25:00” is not a day, a 24-hour time or a time zone."],
    ["on fri 16:00 Mars/Olympus", "“Mars/Olympus” is not a day"],
    ["quiet loud", "Say what a quiet week posts: `/papers weekly quiet note`"],
    ["sometimes", "Use `/papers weekly on fri 16:00`"],
  ])("`/papers weekly %s` says what to type and changes nothing", async (text, expected) => {
    const before = await t.bot.weekly.settings.get("C0READING");
    expect(await weekly(text, "C0READING")).toContain(expected);
    expect(await t.bot.weekly.settings.get("C0READING")).toEqual(before);
    expect(t.standIn.rejected()).toEqual([]);
  });

  it("preview shows this week so far only to the caller, and posts nothing", async () => {
    expect(await weekly("preview")).toContain("A quiet week in <#C0PAPERS>");
    const save = await t.standIn.sendBlockAction({ actionId: "paper_save", value: "2111.01253" });
    await firstResponse(t.standIn, save.responseUrlId);
    await eventually(async () => {
      const week = await t.bot.weekly.ledger.week("T0PAPERS", CHANNEL, "2026-W14");
      return week.papers["2111.01253"]?.saved === 1;
    });
    const shown = await weekly("preview");
    expect(shown).toContain("Preview of this week so far: only you can see this.");
    expect(shown).toContain("Neural Scene Flow Prior");
    expect(shown).toContain(":bookmark: 1 save");
    expect(t.standIn.messages(CHANNEL)).toEqual([]);
    expect(t.standIn.rejected()).toEqual([]);
  });
});
