// Which team `paperboy digest` acts for: --team, the token's workspace, or the single team with Slack edits.
import { describe, expect, it } from "vitest";
import { checkTeamId, chooseDigestTeam } from "../../src/cli/choose-digest-team.ts";
import { createChannelSettings } from "../../src/digest/channel-settings.ts";
import { createStateStore, type StateStore } from "../../src/state/state-store.ts";

/** A store where `/papers schedule` was typed in one channel of each team. */
async function storeEditedBy(...teams: string[]): Promise<StateStore> {
  const store = await createStateStore({ url: "memory://" });
  for (const team of teams) {
    await createChannelSettings({ store, fileChannels: [], team }).update("C0ANY", { enabled: true });
  }
  return store;
}

/** An `auth.test` stand-in that counts its calls. */
function slackSays(team: string) {
  const lookup = {
    calls: 0,
    lookupTeam: async () => {
      lookup.calls++;
      return team;
    },
  };
  return lookup;
}

describe("choosing the digest command's team", () => {
  it("accepts T and then capital letters or digits, and says what a team id looks like otherwise", () => {
    expect(checkTeamId("T0123ABCD")).toBe("T0123ABCD");
    for (const bad of ["", "T", "t0123", "T01-23", "E0123ABCD", " T0123"]) {
      expect(() => checkTeamId(bad)).toThrow(`like T0123ABCD, not "${bad}"`);
    }
  });

  it("without a token or --team, uses the only team with Slack edits and says so", async () => {
    const store = await storeEditedBy("T0ONE");
    await expect(chooseDigestTeam({ dryRun: true, store, ...slackSays("T0X") })).resolves.toEqual({
      team: "T0ONE",
      note: "Using team T0ONE, the only workspace whose digest settings were edited in Slack (--team chooses another).",
    });
  });

  it("without a token or --team, lists the teams and asks for --team when several edited settings", async () => {
    const store = await storeEditedBy("T0ONE", "T0TWO", "T0ONE");
    await expect(chooseDigestTeam({ dryRun: true, store, ...slackSays("T0X") })).rejects.toMatchObject({
      code: "bad_input",
      detail: expect.stringContaining("2 workspaces (T0ONE, T0TWO)"),
    });
    await expect(
      chooseDigestTeam({ team: "T0TWO", dryRun: true, store, ...slackSays("T0X") }),
    ).resolves.toEqual({ team: "T0TWO" });
  });

  it("without a token, --team or Slack edits, keeps the file's settings (team T0), saying nothing", async () => {
    const store = await storeEditedBy();
    await expect(chooseDigestTeam({ dryRun: true, store, ...slackSays("T0X") })).resolves.toEqual({
      team: "T0",
    });
  });

  it("with a token, uses its workspace; a dry run with --team uses that team without asking Slack", async () => {
    const store = await storeEditedBy("T0ONE", "T0TWO");
    const slack = slackSays("T0TOKEN");
    expect(await chooseDigestTeam({ token: "xoxb-1", dryRun: false, store, ...slack })).toEqual({
      team: "T0TOKEN",
    });
    expect(await chooseDigestTeam({ token: "xoxb-1", dryRun: true, store, ...slack })).toEqual({
      team: "T0TOKEN",
    });
    expect(slack.calls).toBe(2);
    expect(await chooseDigestTeam({ team: "T0ONE", token: "xoxb-1", dryRun: true, store, ...slack })).toEqual(
      {
        team: "T0ONE",
      },
    );
    expect(slack.calls).toBe(2);
  });

  it("refuses to post with a --team other than the token's workspace, whose ledger would not stop a second post", async () => {
    const store = await storeEditedBy("T0ONE");
    const post = { token: "xoxb-1", dryRun: false, store, ...slackSays("T0TOKEN") };
    await expect(chooseDigestTeam({ ...post, team: "T0ONE" })).rejects.toMatchObject({
      code: "bad_input",
      detail: expect.stringContaining("--team T0ONE is not the workspace of SLACK_BOT_TOKEN (T0TOKEN)"),
    });
    await expect(chooseDigestTeam({ ...post, team: "T0TOKEN" })).resolves.toEqual({ team: "T0TOKEN" });
  });
});
