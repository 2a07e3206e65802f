// Which Slack team `paperboy digest` acts for: --team, the token's workspace, or the one team with Slack edits.
import { listSettingsTeams } from "../digest/channel-settings.ts";
import { PaperboyError } from "../errors.ts";
import type { StateStore } from "../state/state-store.ts";

/** Slack team (workspace) ids: `T` and then capital letters and digits. */
const TEAM_ID = /^T[A-Z0-9]+$/;

/** The team used without a token when no team has Slack edits: only the config file and older keys apply. */
export const NO_TEAM = "T0";

/** Throws `bad_input` saying what a team id looks like unless `value` is one. */
export function checkTeamId(value: string): string {
  if (TEAM_ID.test(value)) return value;
  throw new PaperboyError(
    "bad_input",
    `--team must be a Slack team id: T and then capital letters or digits, like T0123ABCD, not "${value}".`,
  );
}

export interface DigestTeamChoice {
  team: string;
  /** Said on stderr when the team was inferred rather than given. */
  note?: string;
}

/**
 * The team whose settings and ledger the digest command uses. Posting: the token's workspace (a --team
 * naming another is refused, as the ledger of the wrong workspace would not stop a second post). A dry run
 * with --team: that team, without asking Slack. With a token: its workspace. Without a token or --team:
 * the one team whose settings were edited in Slack (said in `note`); several throw `bad_input` listing them.
 */
export async function chooseDigestTeam(args: {
  /** `--team`, already checked with `checkTeamId`. */
  team?: string;
  token?: string;
  dryRun: boolean;
  store: StateStore;
  /** `auth.test`'s team id for a token. */
  lookupTeam: (token: string) => Promise<string>;
}): Promise<DigestTeamChoice> {
  const { team, token } = args;
  if (token && !args.dryRun) {
    const tokenTeam = await args.lookupTeam(token);
    if (team !== undefined && team !== tokenTeam) {
      throw new PaperboyError(
        "bad_input",
        `--team ${team} is not the workspace of SLACK_BOT_TOKEN (${tokenTeam}), and a digest is posted with the token. Leave out --team, or add --dry-run to only compose ${team}'s digests.`,
      );
    }
    return { team: tokenTeam };
  }
  if (team !== undefined) return { team };
  if (token) return { team: await args.lookupTeam(token) };

  const teams = await listSettingsTeams(args.store);
  const [only] = teams;
  if (only === undefined) return { team: NO_TEAM };
  if (teams.length === 1) {
    return {
      team: only,
      note: `Using team ${only}, the only workspace whose digest settings were edited in Slack (--team chooses another).`,
    };
  }
  throw new PaperboyError(
    "bad_input",
    `Digest settings were edited in Slack for ${teams.length} workspaces (${teams.join(", ")}), and without SLACK_BOT_TOKEN paperboy cannot tell which is meant. Choose one with --team, e.g. --team ${only}.`,
  );
}
