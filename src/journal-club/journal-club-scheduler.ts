// Sends each journal club's announcement and reminders once, on the digest's exactly-once coordinator.
import cron, { type ScheduledTask } from "node-cron";
import { createDigestLedger } from "../digest/digest-ledger.ts";
import { runExactlyOnce, waitingToRetry } from "../digest/run-exactly-once.ts";
import type { Discussions } from "../discussion/discussions.ts";
import type { Logger } from "../logger.ts";
import type { Paper } from "../papers/paper.ts";
import type { StateStore } from "../state/state-store.ts";
import type { Summary } from "../summaries/summary.ts";
import { type AnnouncementThread, openAnnouncementThread, paperOfSession } from "./announcement-thread.ts";
import { type JcRun, jcRun } from "./jc-run.ts";
import type { JcAnnouncementPost, JcPost, JournalClubPublisher } from "./journal-club-publisher.ts";
import { choosePaper, type JcSchedule, type JcSession } from "./journal-club-state.ts";
import type { JournalClubStore } from "./journal-club-store.ts";
import { dueEvents, type JcEvent, type Meeting } from "./meeting-times.ts";

export type { JcRun } from "./jc-run.ts";

export interface JournalClubSchedulerOptions {
  clubs: JournalClubStore;
  store: StateStore;
  team: string;
  publisher: JournalClubPublisher;
  /** The paper's discussion thread (src/discussion): an earlier one, or the announcement becomes it. */
  discussions?: Pick<Discussions, "startDiscussion">;
  /** The paper behind a session (for its summary); undefined when no source knows it. */
  findPaper(id: string): Promise<Paper | undefined>;
  /** Never throws: falls back to a labelled summary. */
  summarize(paper: Paper): Promise<Summary>;
  /** Starter questions for the reminder (src/discussion/starter-questions.ts). */
  questions(paper: Paper, summary: Summary): Promise<string[]>;
  logger: Logger;
  now?: () => Date;
  /** Cron expression (UTC) of the sweep; every minute, so the hour-before reminder is on time. */
  sweep?: string;
}

export interface JournalClubScheduler {
  /** Sends what is due at `now` in every channel with a meeting; idempotent, safe on any number of instances. */
  tick(now?: Date): Promise<JcRun[]>;
  start(): Promise<JcRun[]>;
  stop(): Promise<void>;
}

/** How long a run holds an occurrence before another instance may take over after a crash. */
const LOCK_TTL_MS = 10 * 60_000;

export function createJournalClubScheduler(options: JournalClubSchedulerOptions): JournalClubScheduler {
  const { clubs, publisher, logger } = options;
  const now = options.now ?? (() => new Date());
  const ledger = createDigestLedger(options.store, options.team, { job: "jc" });
  let task: ScheduledTask | undefined;
  // One tick at a time in this process: the cron sweep and a test's tick never race each other here.
  let ticking: Promise<JcRun[]> = Promise.resolve([]);

  async function runChannel(channel: string, at: Date): Promise<JcRun[]> {
    const { schedule } = await clubs.read(channel);
    if (!schedule) return [];
    const { meeting, events } = dueEvents(schedule, at);
    const runs: JcRun[] = [];
    // In order: the announcement chooses the paper the reminders are about.
    for (const event of events) runs.push(await runEvent(channel, schedule, meeting, event, at));
    return runs;
  }

  async function runEvent(
    channel: string,
    schedule: JcSchedule,
    meeting: Meeting,
    event: JcEvent,
    at: Date,
  ): Promise<JcRun> {
    const occurrence = `${meeting.date}.${event}`;
    // Set while an announcement is prepared: the paper's thread to point at, or to record once posted.
    let thread: AnnouncementThread | undefined;
    // The sweep runs every minute: a post Slack refused waits out its pause first.
    const waiting = await ledger.get(channel, occurrence).then(
      (entry) => waitingToRetry(entry, at),
      () => undefined,
    );
    const outcome = waiting ? ({ status: "failed", error: waiting } as const) : await postOnce();
    const run = jcRun(channel, occurrence, outcome);
    if (run.status === "failed")
      logger.warn({ channel, occurrence, error: run.error }, "journal club post failed");
    return run;

    function postOnce() {
      return runExactlyOnce<{ paperIds: string[] }, JcPost>({
        ledger,
        channel,
        period: occurrence,
        now: at,
        lockTtlMs: LOCK_TTL_MS,
        logger,
        prepare: async () => {
          const post = await preparePost();
          // The ledger records no papers for the journal club: its sessions keep them.
          return { prepared: { paperIds: [] }, ...(post ? { post } : {}) };
        },
        publish: async (post) => {
          try {
            return await publisher.publish(channel, post);
          } catch (error) {
            await thread?.abandon();
            throw error;
          }
        },
        findPosted: (claimedAt, budgetMs) => publisher.findPosted(channel, occurrence, claimedAt, budgetMs),
        afterPosted: async ({ ts }) => {
          if (event !== "announce") return;
          await clubs.update(channel, (state) => {
            const session = state.sessions.find((candidate) => candidate.meetingDate === meeting.date);
            if (!session) return;
            session.announcementTs = ts;
            session.threadTs = thread?.existingTs ?? ts;
          });
          await thread?.commit(ts);
        },
      });
    }

    async function preparePost(): Promise<JcPost | undefined> {
      if (event !== "announce") return prepareReminder(channel, schedule, meeting, event, occurrence);
      const post = await prepareAnnouncement(channel, schedule, meeting, occurrence);
      thread = post.session ? await openThread(channel, post.session) : undefined;
      const existingThreadUrl = thread?.existingTs
        ? await publisher.threadUrl(channel, thread.existingTs).catch(() => undefined)
        : undefined;
      return existingThreadUrl ? { ...post, existingThreadUrl } : post;
    }
  }

  async function prepareAnnouncement(
    channel: string,
    schedule: JcSchedule,
    meeting: Meeting,
    occurrence: string,
  ): Promise<JcAnnouncementPost> {
    // A retried announcement keeps the paper an earlier attempt chose.
    const session = await clubs.update(
      channel,
      (state) =>
        state.sessions.find((candidate) => candidate.meetingDate === meeting.date) ??
        choosePaper(state, { ...meeting, timezone: schedule.timezone }),
    );
    return {
      kind: "announce" as const,
      occurrence,
      meeting,
      timezone: schedule.timezone,
      ...(session ? { session } : {}),
    };
  }

  async function prepareReminder(
    channel: string,
    schedule: JcSchedule,
    meeting: Meeting,
    event: Exclude<JcEvent, "announce">,
    occurrence: string,
  ): Promise<JcPost | undefined> {
    const state = await clubs.read(channel);
    const session = state.sessions.find((candidate) => candidate.meetingDate === meeting.date);
    // Nothing was nominated: the announcement said so, and there is no paper to remind anyone of.
    if (!session) return undefined;
    const paper = await paperOfSession(session, options.findPaper);
    const summary = await options.summarize(paper);
    const questions = await options.questions(paper, summary);
    const threadTs = session.threadTs ?? session.announcementTs;
    const threadUrl = threadTs
      ? await publisher.threadUrl(channel, threadTs).catch(() => undefined)
      : undefined;
    return {
      kind: "reminder" as const,
      occurrence,
      event,
      meeting,
      timezone: schedule.timezone,
      session,
      summary,
      questions,
      ...(threadUrl ? { threadUrl } : {}),
    };
  }

  async function openThread(channel: string, session: JcSession): Promise<AnnouncementThread> {
    const paper = await paperOfSession(session, options.findPaper);
    return openAnnouncementThread(options.discussions, { team: options.team, channel }, paper, logger);
  }

  async function tickOnce(at: Date): Promise<JcRun[]> {
    let channels: string[];
    try {
      channels = await clubs.scheduledChannels();
    } catch (error) {
      logger.error({ err: error }, "journal club tick could not read the scheduled channels");
      return [];
    }
    const settled = await Promise.allSettled(channels.map((channel) => runChannel(channel, at)));
    return settled.flatMap((result) => {
      if (result.status === "fulfilled") return result.value;
      logger.error({ err: result.reason }, "journal club channel run crashed");
      return [];
    });
  }

  function tick(at = now()): Promise<JcRun[]> {
    ticking = ticking.then(
      () => tickOnce(at),
      () => tickOnce(at),
    );
    return ticking;
  }

  return {
    tick,
    async start() {
      // A sweep that finds the previous one still running (a post waiting out a 429) skips its minute
      // rather than queueing behind it: the next sweep sees everything that is still due.
      let sweeping = false;
      const sweep = async () => {
        if (sweeping) return;
        sweeping = true;
        try {
          await tick(now());
        } finally {
          sweeping = false;
        }
      };
      task = cron.schedule(options.sweep ?? "* * * * *", sweep, {
        timezone: "UTC",
        name: "journal-club-sweep",
      });
      return tick(now());
    },
    async stop() {
      await task?.destroy();
      task = undefined;
    },
  };
}
