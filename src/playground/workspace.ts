// The in-memory Slack workspace the stand-in pretends to be: one team, a bot user, a few people and channels.

export interface TeamFixture {
  id: string;
  domain: string;
  name: string;
}

export interface UserFixture {
  id: string;
  /** Handle, as in `user_name` on slash commands. */
  name: string;
  realName: string;
  tz: string;
  isBot?: boolean;
}

export interface ChannelFixture {
  id: string;
  name: string;
  isPrivate: boolean;
  /** Whether the bot is a member (private channels need it; `conversations.join` sets it for public ones). */
  botIsMember: boolean;
  /** Set for direct-message channels (`D…`), which the stand-in opens on demand. */
  dmWith?: string;
}

/** Who and what exists in the stand-in's workspace. */
export interface Workspace {
  team: TeamFixture;
  /** The bot's user id: `UBOT`. */
  botUserId: string;
  botId: string;
  appId: string;
  users: UserFixture[];
  channels: ChannelFixture[];
}

/** The default workspace: team T0PAPERS, bot UBOT, users U0ADA/U0GRACE/U0ALAN, channels #papers, #general… */
export function defaultWorkspace(): Workspace {
  return {
    team: { id: "T0PAPERS", domain: "paperboy-lab", name: "Paperboy Lab" },
    botUserId: "UBOT",
    botId: "B0PAPERBOY",
    appId: "A0PAPERBOY",
    users: [
      { id: "UBOT", name: "paperboy", realName: "paperboy", tz: "UTC", isBot: true },
      { id: "U0ADA", name: "ada", realName: "Ada Lovelace", tz: "Europe/London" },
      { id: "U0GRACE", name: "grace", realName: "Grace Hopper", tz: "America/New_York" },
      { id: "U0ALAN", name: "alan", realName: "Alan Turing", tz: "Europe/Berlin" },
    ],
    channels: [
      { id: "C0PAPERS", name: "papers", isPrivate: false, botIsMember: true },
      { id: "C0GENERAL", name: "general", isPrivate: false, botIsMember: true },
      { id: "C0RANDOM", name: "random", isPrivate: false, botIsMember: false },
      { id: "C0READING", name: "reading-group", isPrivate: true, botIsMember: true },
      { id: "C0SECRET", name: "secret", isPrivate: true, botIsMember: false },
    ],
  };
}

/** The playground page's workspace: Alice and Bob (whom the page acts as), #papers and #general. */
export function playgroundWorkspace(): Workspace {
  const base = defaultWorkspace();
  return {
    ...base,
    users: [
      ...base.users.filter((user) => user.isBot),
      { id: "U0ALICE", name: "alice", realName: "Alice", tz: "Europe/Berlin" },
      { id: "U0BOB", name: "bob", realName: "Bob", tz: "America/New_York" },
    ],
    channels: base.channels.filter((channel) => channel.name === "papers" || channel.name === "general"),
  };
}

/** Finds a channel by id, `#name` or name; a user id opens (creates) the bot's DM with that user. */
export function resolveChannel(workspace: Workspace, ref: string): ChannelFixture | undefined {
  const name = ref.startsWith("#") ? ref.slice(1) : ref;
  const found = workspace.channels.find((channel) => channel.id === ref || channel.name === name);
  if (found) return found;
  const user = workspace.users.find((candidate) => candidate.id === ref);
  if (!user || user.isBot) return undefined;
  const dm: ChannelFixture = {
    id: `D${user.id.slice(1)}`,
    name: user.id,
    isPrivate: true,
    botIsMember: true,
    dmWith: user.id,
  };
  workspace.channels.push(dm);
  return dm;
}

/** The `channel` object Slack returns from conversations.info/join. */
export function channelInfo(channel: ChannelFixture, created: number): Record<string, unknown> {
  return {
    id: channel.id,
    name: channel.name,
    is_channel: !channel.dmWith && !channel.isPrivate,
    is_group: false,
    is_im: Boolean(channel.dmWith),
    is_private: channel.isPrivate,
    is_archived: false,
    is_general: channel.name === "general",
    is_member: channel.botIsMember,
    created,
    ...(channel.dmWith ? { user: channel.dmWith } : {}),
  };
}

/** The `user` object Slack returns from users.info. */
export function userInfo(user: UserFixture, team: TeamFixture): Record<string, unknown> {
  return {
    id: user.id,
    team_id: team.id,
    name: user.name,
    real_name: user.realName,
    tz: user.tz,
    is_bot: Boolean(user.isBot),
    deleted: false,
    profile: { real_name: user.realName, display_name: user.name, team: team.id },
  };
}
