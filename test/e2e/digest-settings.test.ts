// End to end: a channel's digest set up and posted from Slack (`/papers schedule|topics|settings|digest`).
import { describe, expect, it } from "vitest";
import { useTestBotWithSources } from "../support/bot-harness.ts";
import { mrkdwnText, papersCommand, TRANSPORTS, visibleText } from "../support/e2e-helpers.ts";
import { json } from "../support/http-stand-in.ts";
import { hfDailyOfSeeds } from "../support/seed-papers.ts";

// Hugging Face's daily papers for any day: twelve of the seed papers, with upvotes.
const daily = hfDailyOfSeeds(12);

describe.each(TRANSPORTS)("a channel's digest from Slack over %s", (transport) => {
  const t = useTestBotWithSources(
    { transport },
    { hf: { env: "HF_API_URL", routes: { "/api/daily_papers": json(daily) } } },
  );

  const papers = (text: string) => papersCommand(t.standIn, text, { channel: "C0PAPERS" });

  it("sets the schedule and topics, shows them in /papers settings and on the Home tab, without a restart", async () => {
    expect(visibleText(await papers("schedule 07:30 America/New_York daily"))).toMatch(/07:30/);
    expect(visibleText(await papers("topics add regularization, diffusion"))).toMatch(/regularization/);
    const settings = visibleText(await papers("settings"));
    expect(settings).toContain("07:30");
    expect(settings).toContain("America/New_York");
    expect(settings).toContain("regularization");
    expect(settings).toContain("diffusion");

    await t.standIn.sendEvent({ type: "app_home_opened", user: "U0ADA", channel: "D0ADA", tab: "home" });
    const home = await t.standIn.waitFor(() => t.standIn.homeView("U0ADA"));
    expect(mrkdwnText(home)).toContain("<#C0PAPERS>");
    expect(mrkdwnText(home)).toContain("07:30");
    expect(t.standIn.rejected()).toEqual([]);
  });

  it("refuses a bad schedule with the fix, and keeps the old one", async () => {
    const reply = visibleText(await papers("schedule 25:00 Mars/Olympus_Mons"));
    expect(reply).toMatch(/HH:MM|24-hour|time zone/i);
    expect(visibleText(await papers("settings"))).toContain("07:30");
  });

  it("previews the digest only to the person who asked, then posts it once with its metadata", async () => {
    const preview = await papers("digest preview");
    expect(visibleText(preview)).toMatch(/Regulariz/);
    expect(t.standIn.messages("C0PAPERS")).toEqual([]);

    await papers("digest now");
    const [digest] = await t.standIn.waitFor(() => {
      const posted = t.standIn.messages("C0PAPERS");
      return posted.length > 0 ? posted : undefined;
    });
    expect(digest?.metadata?.event_type).toBe("paperboy_digest");
    // Ranked for the channel's topics: a regularization paper leads.
    expect(visibleText(digest?.blocks)).toMatch(/Regulariz/);

    const again = visibleText(await papers("digest now"));
    expect(again).toMatch(/already/);
    expect(t.standIn.messages("C0PAPERS")).toHaveLength(1);
    expect(t.standIn.rejected()).toEqual([]);
  });
});
