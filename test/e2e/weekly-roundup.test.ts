// End to end on Redis: a week of saves, discussions, replies and reactions in a channel, then its weekly roundup,
// posted once by two bot instances ticking together and not again after a restart, with the right counts.
import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { totalActivity } from "../../src/activity/activity-ledger.ts";
import { createDigestLedger } from "../../src/digest/digest-ledger.ts";
import { type SlackStandIn, startSlackStandIn } from "../../src/playground/slack-stand-in.ts";
import { defaultWorkspace } from "../../src/playground/workspace.ts";
import { startTestBot, type TestBot } from "../support/bot-harness.ts";
import { eventually, firstResponse, visibleText, waitForMessages } from "../support/e2e-helpers.ts";
import { deleteRedisKeys, TEST_REDIS_URL as REDIS_URL, redisUnreachable } from "../support/test-redis.ts";

const skipReason = await redisUnreachable(REDIS_URL);
// Ids unique to this run, so runs sharing a Redis database never see each other's counts or lists.
const RUN = randomBytes(4).toString("hex").toUpperCase();
const TEAM = `T0WK${RUN}`;
const CHANNEL = `C0WK${RUN}`;
const [ADA, GRACE, ALAN] = ["A", "G", "T"].map((who) => `U0${who}${RUN}`) as [string, string, string];
const SCENE_FLOW = "2111.01253"; // Neural Scene Flow Prior
const RANK = "2404.12754"; // Adaptive Regularization of Representation Rank…
const OLD = "2302.06675";

function workspace() {
  const base = defaultWorkspace();
  return {
    ...base,
    team: { ...base.team, id: TEAM },
    users: [
      ...base.users.filter((user) => user.isBot),
      { id: ADA, name: "ada", realName: "Ada Lovelace", tz: "Europe/London" },
      { id: GRACE, name: "grace", realName: "Grace Hopper", tz: "America/New_York" },
      { id: ALAN, name: "alan", realName: "Alan Turing", tz: "Europe/Berlin" },
    ],
    channels: [{ id: CHANNEL, name: "ml-reading", isPrivate: false, botIsMember: true }],
  };
}

describe.skipIf(skipReason !== undefined)(
  `the weekly roundup across two instances on Redis${skipReason ? ` — SKIPPED: ${skipReason}` : ""}`,
  () => {
    let clock = Date.parse("2026-03-26T10:00:00Z"); // Thursday of ISO week 2026-W13
    const now = () => new Date(clock);
    let standIn: SlackStandIn;
    const bots: TestBot[] = [];
    const env = { PAPERBOY_STORE_URL: REDIS_URL };
    const startBot = async () => {
      const bot = await startTestBot({ standIn, env, now });
      bots.push(bot);
      return bot;
    };

    beforeAll(async () => {
      standIn = await startSlackStandIn({ workspace: workspace(), now: () => clock });
    });
    afterAll(async () => {
      for (const bot of bots) await bot.close().catch(() => {});
      await standIn?.close();
      await deleteRedisKeys(`*${RUN}*`);
    });

    const react = (user: string, ts: string, reaction: string) =>
      standIn.sendEvent({
        type: "reaction_added",
        user,
        reaction,
        item_user: "UBOT",
        item: { type: "message", channel: CHANNEL, ts },
      });
    const roundups = () =>
      standIn.messages(CHANNEL).filter((message) => message.metadata?.event_type === "paperboy_weekly");

    async function discuss(bot: TestBot, paper: string): Promise<string> {
      const before = standIn.messages(CHANNEL).length;
      await standIn.sendSlashCommand({ text: `discuss ${paper}`, user: ADA, channel: CHANNEL });
      const root = (await waitForMessages(standIn, CHANNEL, before + 1)).at(-1);
      if (!root) throw new Error("no discussion posted");
      await eventually(
        () => bot.bot.services.discussions.paperForThread(CHANNEL, root.ts),
        5_000,
        "the thread",
      );
      return root.ts;
    }

    it("counts a week's activity and posts its roundup exactly once, then a quiet week's note, then nothing", async () => {
      const a = await startBot();
      const b = await startBot();
      // Slack delivers this channel's events to instance A; both run the scheduler.
      standIn.setAppUrl(`${a.bot.url}/slack/events`);

      const on = await standIn.sendSlashCommand({
        text: "weekly on fri 16:00 Europe/Berlin",
        user: ADA,
        channel: CHANNEL,
      });
      expect(visibleText(await firstResponse(standIn, on.responseUrlId))).toContain(
        "on: Fridays at 16:00 (Europe/Berlin); the next is on Friday, 27 March 2026",
      );

      // Last week (W13): a discussion liked once. It must not appear in this week's roundup.
      const oldRoot = await discuss(a, OLD);
      await react(GRACE, oldRoot, "+1");
      await eventually(
        async () => (await a.bot.weekly.ledger.week(TEAM, CHANNEL, "2026-W13")).papers[OLD]?.liked === 1,
      );

      // This week (W14, from Monday 30 March in Berlin).
      clock = Date.parse("2026-03-31T09:00:00Z");
      const root = await discuss(a, SCENE_FLOW);
      for (const [user, text] of [
        [GRACE, "does it need offline data?"],
        [ALAN, "no, it optimises at runtime"],
        [ADA, "nice"],
      ] as const) {
        await standIn.sendUserMessage({ text, user, channel: CHANNEL, threadTs: root });
      }
      await react(GRACE, root, "+1");
      await react(ALAN, root, "heart");
      await react(ADA, root, "eyes");
      await react(GRACE, root, "bookmark");

      await standIn.sendBlockAction({ actionId: "paper_share", value: RANK, user: GRACE, channel: CHANNEL });
      const shared = await standIn.waitFor(() =>
        standIn.messages(CHANNEL).find((message) => visibleText(message.blocks).includes("Shared by")),
      );
      await eventually(() => a.bot.services.readingList.paperAt({ channel: CHANNEL, ts: shared.ts }));
      await react(ADA, shared.ts, "bookmark");
      await react(ALAN, shared.ts, "bookmark");
      await react(ADA, shared.ts, "+1::skin-tone-3");
      const save = await standIn.sendBlockAction({
        actionId: "paper_save",
        value: RANK,
        user: GRACE,
        channel: CHANNEL,
      });
      await firstResponse(standIn, save.responseUrlId);
      // This week's digest carried RANK (as the digest run records it).
      await createDigestLedger(a.bot.services.store, TEAM).recordPosted(CHANNEL, "2026-03-31", [RANK]);

      const week = await eventually(
        async () => {
          const counted = await a.bot.weekly.ledger.week(TEAM, CHANNEL, "2026-W14");
          const total = Object.values(counted.papers).reduce((sum, counts) => sum + totalActivity(counts), 0);
          return total === 12 ? counted : undefined;
        },
        10_000,
        "12 counted events",
      );
      expect(week.papers[SCENE_FLOW]).toEqual({ discussed: 1, replied: 3, liked: 2, reacted: 1, saved: 1 });
      expect(week.papers[RANK]).toEqual({ saved: 3, liked: 1 });

      // Friday 16:00 in Berlin (CEST): both instances tick at the same moment.
      clock = Date.parse("2026-04-03T14:00:20Z");
      const [runsA, runsB] = await Promise.all([
        a.bot.weekly.scheduler.tick(now()),
        b.bot.weekly.scheduler.tick(now()),
      ]);
      const statuses = [...runsA, ...runsB].map((run) => run.status).sort();
      expect(statuses[0]).toMatch(/already_posted|busy/);
      expect(statuses[1]).toBe("posted");
      expect(roundups()).toHaveLength(1);
      const roundup = roundups()[0];
      const text = visibleText(roundup?.blocks);
      expect(text).toContain(`This week in <#${CHANNEL}>`);
      expect(text).toContain("Mon 30 Mar – Sun 5 Apr");
      expect(text).toContain("2 papers had activity");
      expect(text).toContain("Neural Scene Flow Prior");
      expect(text).toContain(
        ":bookmark: 1 save · :speech_balloon: 1 discussion · 3 replies · 1 reaction · :+1: 2 likes",
      );
      expect(text).toContain(":bookmark: 3 saves · :+1: 1 like");
      // The thread link is the discussion's permalink from chat.getPermalink.
      expect(text).toMatch(new RegExp(`<[^|>]*${CHANNEL}/p${root.replace(".", "")}[^|>]*\\|thread>`));
      expect(text.indexOf("Neural Scene Flow Prior")).toBeLessThan(text.indexOf("Adaptive Regularization"));
      const digestPart = text.slice(text.indexOf("Most liked from this week's digests"));
      expect(digestPart).toContain("Adaptive Regularization");
      expect(digestPart).not.toContain("Neural Scene Flow Prior");
      expect(text).not.toContain(OLD);
      expect(roundup?.metadata?.event_payload).toMatchObject({ week: "2026-W14" });

      // A restart: instance B goes, C comes up and catches up at once; nothing is posted twice.
      await b.close();
      clock = Date.parse("2026-04-03T15:30:00Z");
      const c = await startBot();
      const again = await c.bot.weekly.scheduler.tick(now());
      expect(again.map((run) => run.status)).toEqual(["already_posted"]);
      expect(roundups()).toHaveLength(1);

      // The next week nothing happens: a one-line note.
      clock = Date.parse("2026-04-10T14:00:20Z");
      const quiet = await c.bot.weekly.scheduler.tick(now());
      expect(quiet.map((run) => run.status)).toEqual(["posted"]);
      expect(roundups()).toHaveLength(2);
      expect(visibleText(roundups()[1]?.blocks)).toContain(
        `A quiet week in <#${CHANNEL}> (Mon 6 Apr – Sun 12 Apr): no paper was saved, discussed or reacted to.`,
      );

      // Set to post nothing on quiet weeks: the week after, nothing is posted, and it is settled once.
      const skip = await standIn.sendSlashCommand({
        text: "weekly quiet skip",
        user: ALAN,
        channel: CHANNEL,
      });
      expect(visibleText(await firstResponse(standIn, skip.responseUrlId))).toContain(
        "A quiet week now posts nothing.",
      );
      clock = Date.parse("2026-04-17T14:00:20Z");
      const [skipA, skipC] = await Promise.all([
        a.bot.weekly.scheduler.tick(now()),
        c.bot.weekly.scheduler.tick(now()),
      ]);
      expect([...skipA, ...skipC].map((run) => run.status)).toContain("skipped");
      expect(roundups()).toHaveLength(2);
      expect(standIn.rejected()).toEqual([]);
    });
  },
);
