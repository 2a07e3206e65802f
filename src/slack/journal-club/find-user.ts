// Finds the person a command names by handle (`@ada`): slash commands arrive unescaped, with the name, not the id.
import type { WebClient } from "@slack/web-api";

/** Pages of `users.list` read at most: 10 × 200 people, more than a research group's workspace. */
const MAX_PAGES = 10;
const PAGE_SIZE = 200;

interface Member {
  id?: string;
  name?: string;
  real_name?: string;
  deleted?: boolean;
  is_bot?: boolean;
  profile?: { display_name?: string; real_name?: string };
}

/**
 * The id of the person whose handle or display name is `handle` (without the `@`, any case); undefined when
 * nobody (or more than one person by display name) matches. A handle match wins over a display name.
 */
export async function findUserByHandle(client: WebClient, handle: string): Promise<string | undefined> {
  const wanted = handle.replace(/^@/, "").trim().toLowerCase();
  if (!wanted) return undefined;
  const byDisplayName = new Set<string>();
  let cursor: string | undefined;
  for (let page = 0; page < MAX_PAGES; page++) {
    const answer = await client.users.list({ limit: PAGE_SIZE, ...(cursor ? { cursor } : {}) });
    for (const member of (answer.members ?? []) as Member[]) {
      if (!member.id || member.deleted || member.is_bot) continue;
      if (member.name?.toLowerCase() === wanted) return member.id;
      if (member.profile?.display_name?.toLowerCase() === wanted) byDisplayName.add(member.id);
    }
    cursor = answer.response_metadata?.next_cursor || undefined;
    if (!cursor) break;
  }
  return byDisplayName.size === 1 ? [...byDisplayName][0] : undefined;
}
