// How well each candidate matches a channel's topics: every topic on its own, so matching any one is enough.
import type { Paper } from "../papers/paper.ts";
import { countPhrase, type StemmedText, stemText, stemTokens } from "./text-terms.ts";

/** What a paper's text says about the channel's topics. */
export interface TopicRelevance {
  /** The topics the paper matches (title or abstract), in the channel's order; empty: no match. */
  topics: string[];
  /** Higher is more relevant; 0 exactly when `topics` is empty. */
  score: number;
}

// Per matched topic: a base that outweighs everything else (so two topics beat one, however often and
// wherever the one is mentioned and however upvoted), a bonus for the title, and a saturating count of
// abstract mentions (BM25's tf curve).
export const TOPIC_BASE = 2;
const TITLE_BONUS = 0.6;
const MENTIONS_WEIGHT = 0.3;
const K1 = 1.2;

/**
 * Scores `paper` against `topics`. A topic of one word matches that word in any inflection (its Porter
 * stem); a topic of several words matches them in a row, as a phrase (`reinforcement learning` matches
 * *reinforcement-learning*, not *learning … reinforcement*). Topics with no letters or digits are ignored.
 */
export function topicRelevance(paper: Pick<Paper, "title" | "abstract">, topics: readonly string[]) {
  const title = stemText(paper.title);
  const abstract = stemText(paper.abstract);
  return scoreStemmed(title, abstract, compileTopics(topics));
}

/** Topics with their stems, computed once per digest rather than once per paper. */
export function compileTopics(topics: readonly string[]): { topic: string; stems: string[] }[] {
  return topics.map((topic) => ({ topic, stems: stemTokens(topic) })).filter((t) => t.stems.length > 0);
}

/** Relevance of every paper to the topics, by id. */
export function topicRelevanceById(
  papers: readonly Pick<Paper, "id" | "title" | "abstract">[],
  topics: readonly string[],
): Map<string, TopicRelevance> {
  const compiled = compileTopics(topics);
  const out = new Map<string, TopicRelevance>();
  for (const paper of papers) {
    out.set(paper.id, scoreStemmed(stemText(paper.title), stemText(paper.abstract), compiled));
  }
  return out;
}

function scoreStemmed(
  title: StemmedText,
  abstract: StemmedText,
  topics: readonly { topic: string; stems: string[] }[],
): TopicRelevance {
  const matched: string[] = [];
  let score = 0;
  for (const { topic, stems } of topics) {
    const inTitle = countPhrase(title, stems);
    const inAbstract = countPhrase(abstract, stems);
    if (inTitle + inAbstract === 0) continue;
    matched.push(topic);
    score +=
      TOPIC_BASE + (inTitle > 0 ? TITLE_BONUS : 0) + (MENTIONS_WEIGHT * inAbstract) / (inAbstract + K1);
  }
  return { topics: matched, score };
}
