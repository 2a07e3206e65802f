// Search that treats the local index as a cache of the world: asks remote sources too, merges and ingests.
import type { Logger } from "../logger.ts";
import { parsePaperRef } from "./arxiv-id.ts";
import type { Paper, PaperSource } from "./paper.ts";
import type { PaperIndex, SearchHit } from "./paper-index.ts";
import { SourceGate } from "./source-gate.ts";

/** A remote paper source as search sees it: Hugging Face's paper search, the arXiv API. */
export interface RemoteSource {
  name: Exclude<PaperSource, "file">;
  search(query: string, options: { limit: number; signal?: AbortSignal }): Promise<Paper[]>;
  byId(id: string): Promise<Paper | null>;
  /** Searches that may wait on this source at once; more skip it (arXiv's 3 s spacing makes queueing useless). */
  maxInFlight?: number;
}

/** Where a hit was found: already in the index, or fetched from a source during this search. */
export type FoundVia = "local" | "hf" | "arxiv";

export interface FoundHit extends SearchHit {
  foundVia: FoundVia;
}

export interface SearchOutcome {
  hits: FoundHit[];
  /** Sources that failed or timed out during this search (the answer is then local-only). */
  unreachable: string[];
  /** The arXiv id when the query was a paper reference. */
  paperId?: string;
}

export interface PaperSearchOptions {
  limit?: number;
  offset?: number;
  /** Skip remote sources (`--local`). */
  local?: boolean;
}

export interface PaperSearch {
  search(query: string, options?: PaperSearchOptions): Promise<SearchOutcome>;
  /** One paper by id: the index first, then the sources; found papers are ingested. */
  lookup(id: string): Promise<{ paper?: Paper; foundVia?: FoundVia; unreachable: string[] }>;
}

const MAX_REMEMBERED_QUERIES = 2_000;

interface Deps {
  index: PaperIndex;
  /** In the order they are asked: the first is always asked, later ones only when earlier ones gave too little. */
  remotes: RemoteSource[];
  /** Upper bound on what remote sources may add to a search's latency. */
  timeoutMs: number;
  logger: Logger;
  /** How long a query's remote answer is reused before asking again (sources have rate limits). */
  remoteCacheMs?: number;
  /** How long a source that failed is skipped, so a source that is down costs one timeout, not one per search. */
  cooldownMs?: number;
  now?: () => number;
}

interface RemoteAnswer {
  /** Every id the sources returned: the source's name for papers new to the index, "local" for the rest. */
  via: Map<string, FoundVia>;
  unreachable: string[];
}

export function createPaperSearch(deps: Deps): PaperSearch {
  const now = deps.now ?? Date.now;
  const remoteCacheMs = deps.remoteCacheMs ?? 10 * 60_000;
  // query → when it was last asked remotely and which ids the sources returned then.
  const askedRecently = new Map<string, { at: number; ids: string[] }>();
  // Concurrent searches for the same query share one round of remote requests.
  const askingNow = new Map<string, Promise<RemoteAnswer>>();
  const gates = new Map(
    deps.remotes.map((remote) => [
      remote,
      new SourceGate({
        cooldownMs: deps.cooldownMs ?? 30_000,
        maxInFlight: remote.maxInFlight ?? Number.POSITIVE_INFINITY,
        now,
      }),
    ]),
  );
  const gate = (remote: RemoteSource) => gates.get(remote) as SourceGate;

  async function withinDeadline<T>(work: Promise<T>, signal: AbortSignal): Promise<T> {
    return await new Promise<T>((resolve, reject) => {
      const onAbort = () => reject(new Error(`no answer within ${deps.timeoutMs} ms`));
      if (signal.aborted) return onAbort();
      signal.addEventListener("abort", onAbort, { once: true });
      work.then(resolve, reject).finally(() => signal.removeEventListener("abort", onAbort));
    });
  }

  /** Asks the remote sources for `query` (once however many search it at the same time), ingesting what they return. */
  async function askRemotes(query: string, limit: number): Promise<RemoteAnswer> {
    const key = query.trim().toLowerCase();
    const cached = askedRecently.get(key);
    if (cached && now() - cached.at < remoteCacheMs) {
      return { via: new Map(cached.ids.map((id) => [id, "local"])), unreachable: [] };
    }
    const pending = askingNow.get(key);
    if (pending) return pending;
    const asking = askEachRemote(query, limit).finally(() => askingNow.delete(key));
    askingNow.set(key, asking);
    const answer = await asking;
    // A failed source is asked again next time rather than remembered as "nothing there".
    if (answer.unreachable.length === 0) {
      askedRecently.set(key, { at: now(), ids: [...answer.via.keys()] });
      // Bounded: drop the oldest query once many distinct ones were asked.
      if (askedRecently.size > MAX_REMEMBERED_QUERIES) {
        const oldest = askedRecently.keys().next().value;
        if (oldest !== undefined) askedRecently.delete(oldest);
      }
    }
    return answer;
  }

  async function askEachRemote(query: string, limit: number): Promise<RemoteAnswer> {
    const answer: RemoteAnswer = { via: new Map(), unreachable: [] };
    const deadline = AbortSignal.timeout(deps.timeoutMs);
    for (const remote of deps.remotes) {
      if (answer.via.size >= limit || deadline.aborted) break;
      if (gate(remote).isCoolingDown()) {
        answer.unreachable.push(remote.name);
        continue;
      }
      if (!gate(remote).isOpen()) continue;
      try {
        const papers = await gate(remote).run(() =>
          withinDeadline(remote.search(query, { limit, signal: deadline }), deadline),
        );
        for (const paper of papers) {
          if (!answer.via.has(paper.id))
            answer.via.set(paper.id, deps.index.get(paper.id) ? "local" : remote.name);
        }
        deps.index.upsert(papers);
      } catch (error) {
        answer.unreachable.push(remote.name);
        deps.logger.warn({ source: remote.name, err: (error as Error).message }, "remote search failed");
      }
    }
    return answer;
  }

  async function lookup(id: string) {
    const unreachable: string[] = [];
    const local = deps.index.get(id);
    if (local) return { paper: local, foundVia: "local" as const, unreachable };
    for (const remote of deps.remotes) {
      if (gate(remote).isCoolingDown()) {
        unreachable.push(remote.name);
        continue;
      }
      try {
        const paper = await gate(remote).run(() => remote.byId(id));
        if (paper) {
          deps.index.upsert([paper]);
          return { paper: deps.index.get(id) ?? paper, foundVia: remote.name, unreachable };
        }
      } catch (error) {
        unreachable.push(remote.name);
        deps.logger.warn({ source: remote.name, id, err: (error as Error).message }, "remote lookup failed");
      }
    }
    return { unreachable };
  }

  async function search(query: string, options: PaperSearchOptions = {}): Promise<SearchOutcome> {
    const limit = options.limit ?? 10;
    const offset = options.offset ?? 0;
    const paperId = parsePaperRef(query);
    if (paperId) {
      const found = options.local
        ? { paper: deps.index.get(paperId), foundVia: "local" as const, unreachable: [] }
        : await lookup(paperId);
      const hits: FoundHit[] = found.paper
        ? [{ ...unrankedHit(found.paper, ""), score: 1, foundVia: found.foundVia ?? "local" }]
        : [];
      return { hits, unreachable: found.unreachable, paperId };
    }

    const wanted = limit + offset;
    const { via: remoteVia, unreachable } = options.local
      ? { via: new Map<string, FoundVia>(), unreachable: [] }
      : await askRemotes(query, wanted);
    // Ranking everything with the index's own scores keeps local and remote hits comparable.
    // Off the main thread when the index has search workers: a burst of searches leaves Slack's acks alone.
    const ranked = await deps.index.searchAsync(query, { limit: wanted });
    const hits: FoundHit[] = ranked.map((hit) => ({
      ...hit,
      foundVia: remoteVia.get(hit.paper.id) ?? "local",
    }));
    // Remote sources may match on meaning rather than words; keep their papers, after the word matches.
    if (hits.length < wanted && remoteVia.size > 0) {
      const seen = new Set(hits.map((hit) => hit.paper.id));
      for (const [id, foundVia] of remoteVia) {
        if (hits.length >= wanted) break;
        const paper = seen.has(id) ? undefined : deps.index.get(id);
        if (paper) hits.push({ ...unrankedHit(paper, paper.abstract.slice(0, 200)), foundVia });
      }
    }
    return { hits: hits.slice(offset, offset + limit), unreachable };
  }

  return { search, lookup };
}

/** A hit the index did not rank (an id lookup, a remote match on meaning): no score, no highlights. */
function unrankedHit(paper: Paper, snippet: string): SearchHit {
  return { paper, score: 0, snippet, highlights: [], titleHighlights: [] };
}
