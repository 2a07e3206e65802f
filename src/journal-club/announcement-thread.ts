// The chosen paper's discussion thread: the one the channel already has, or the announcement becomes it.
import type { Discussions } from "../discussion/discussions.ts";
import type { Logger } from "../logger.ts";
import type { Paper } from "../papers/paper.ts";
import type { JcSession } from "./journal-club-state.ts";

/** What the announcement does about the paper's thread. */
export interface AnnouncementThread {
  /** The paper's thread in the channel from an earlier discussion; the announcement points there. */
  existingTs?: string;
  /** After posting: records the announcement as the paper's thread (questions to @paperboy there are answered). */
  commit(ts: string): Promise<void>;
  /** The post failed: another *Discuss* may start the thread at once. */
  abandon(): Promise<void>;
}

const NOTHING: AnnouncementThread = { commit: async () => {}, abandon: async () => {} };

/**
 * Asks the discussions for the paper's thread in `channel`. Never throws: without discussions, or when they
 * fail or someone is posting the paper's discussion right now, the announcement is simply its own thread.
 */
export async function openAnnouncementThread(
  discussions: Pick<Discussions, "startDiscussion"> | undefined,
  where: { team: string; channel: string },
  paper: Paper,
  logger: Logger,
): Promise<AnnouncementThread> {
  if (!discussions) return NOTHING;
  try {
    const started = await discussions.startDiscussion({ ...where, paper });
    if ("existing" in started) return { ...NOTHING, existingTs: started.existing.ts };
    if ("inProgress" in started) return NOTHING;
    return {
      commit: (ts) =>
        started.commit(ts).catch((error: unknown) => {
          logger.warn(
            { err: error, ...where },
            "journal club: the announcement could not be kept as the paper's thread",
          );
        }),
      abandon: () => started.abandon().catch(() => {}),
    };
  } catch (error) {
    logger.warn(
      { err: error, ...where },
      "journal club: the paper's discussion thread could not be looked up",
    );
    return NOTHING;
  }
}

/** The paper behind a session, or one rebuilt from what the session kept when no source knows it any more. */
export async function paperOfSession(
  session: JcSession,
  findPaper: (id: string) => Promise<Paper | undefined>,
): Promise<Paper> {
  return (
    (await findPaper(session.paperId).catch(() => undefined)) ?? {
      id: session.paperId,
      title: session.title,
      abstract: "",
      authors: session.authors,
      categories: [],
      source: "file",
    }
  );
}
