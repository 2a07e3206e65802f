// Which of the day's candidates are by a channel's followed authors, and the card's line saying so.
import { createAuthorMatcher } from "../papers/author-names.ts";
import type { Paper } from "../papers/paper.ts";

/** Paper id → the paper's authors (as the paper spells them) that the channel follows; only papers with any. */
export function findFollowedPapers(
  papers: readonly Paper[],
  follow: readonly string[],
): Map<string, string[]> {
  const found = new Map<string, string[]>();
  if (follow.length === 0) return found;
  const matcher = createAuthorMatcher(follow);
  for (const paper of papers) {
    const authors = matcher.matches(paper.authors);
    if (authors.length > 0) found.set(paper.id, authors);
  }
  return found;
}

/** "new from Jane Doe, followed"; two names joined by "and"; more than two: "Jane Doe, John Roe and 2 more". */
export function followedWhy(authors: readonly string[]): string {
  const [first = "", second, ...rest] = authors;
  if (second === undefined) return `new from ${first}, followed`;
  if (rest.length === 0) return `new from ${first} and ${second}, followed`;
  return `new from ${first}, ${second} and ${rest.length} more, followed`;
}
