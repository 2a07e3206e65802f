// Semantic search on the index: vectors from an embeddings server (the stand-in over HTTP), fused with BM25.
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { createOpenAiEmbedder } from "../../src/papers/embeddings/openai-embedder.ts";
import type { Paper } from "../../src/papers/paper.ts";
import { openPaperIndex, type PaperIndex } from "../../src/papers/paper-index.ts";
import { conceptEmbedding } from "../support/concept-embeddings.ts";
import { type OpenAiStandIn, startOpenAiStandIn } from "../support/openai-stand-in.ts";

const paper = (id: string, title: string, abstract: string): Paper => ({
  id,
  title,
  abstract,
  authors: ["A. Author"],
  categories: ["cs.CV"],
  publishedAt: "2025-11-20",
  source: "file",
});

const SCREENER = paper(
  "2511.16566",
  "NutriScreener: Retrieval-Augmented Multi-Pose Graph Attention Network for Malnourishment Screening",
  "Child malnutrition remains a global crisis. We screen kids for malnourishment from images with a graph attention network.",
);
const DISTRACTORS = [
  paper(
    "2511.00001",
    "Detecting Objects in Street Photos",
    "We are detecting cars and signs in photos taken by dashboard cameras.",
  ),
  paper(
    "2511.00002",
    "Children's Speech Corpora",
    "A corpus of speech from children reading aloud, for recognition.",
  ),
  paper(
    "2511.00003",
    "Detecting Fraud in Payments",
    "Detecting fraudulent card payments with sequence models.",
  ),
  paper(
    "2511.00004",
    "Drone Swarms for Crop Monitoring",
    "UAV fleets map fields; aerial surveys for farmers.",
  ),
];
const QUESTION = "detecting undernourished children from photos";
const textOf = (p: Paper) => `${p.title}\n${p.abstract}`;

describe("semantic search with an OpenAI-compatible embeddings server", () => {
  let server: OpenAiStandIn;
  let index: PaperIndex;
  /** How many times the server was asked to embed this paper's text. */
  const embedded = (p: Paper) =>
    server.embeddings.requests
      .flatMap((r) => (Array.isArray(r.input) ? r.input : [r.input]))
      .filter((t) => t === textOf(p)).length;

  beforeAll(async () => {
    server = await startOpenAiStandIn();
    server.embeddings.embed = conceptEmbedding;
  });
  afterAll(async () => {
    await server.close();
  });
  afterEach(() => {
    index?.close();
    server.embeddings.failWith = undefined;
    server.embeddings.delayMs = undefined;
  });

  const open = () =>
    openPaperIndex({
      path: ":memory:",
      embedder: createOpenAiEmbedder({ model: "concepts-1", apiKey: "sk-test", baseURL: server.baseURL }),
    });

  it("finds the paper for a plain-language question that BM25 alone does not find", async () => {
    index = open();
    await index.ingest(
      (async function* () {
        yield* [SCREENER, ...DISTRACTORS];
      })(),
    );
    const words = openPaperIndex({ path: ":memory:" });
    words.upsert([SCREENER, ...DISTRACTORS]);
    // No word of the question is in the paper (children ≠ child, photos ≠ images): BM25 cannot find it.
    expect(words.search(QUESTION).map((h) => h.paper.id)).not.toContain(SCREENER.id);
    words.close();

    const fused = (await index.searchAsync(QUESTION, { limit: 5 })).map((h) => h.paper.id);
    expect(fused).toContain(SCREENER.id);
    // Word matches still rank: the photo-detection paper matches three of the four words.
    expect(fused).toContain("2511.00001");
    // The question itself was embedded by the server (model named as configured).
    expect(server.embeddings.requests.at(-1)).toMatchObject({ model: "concepts-1" });
  });

  it("embeds each paper once per version: not again on re-ingest or a change that keeps the text", async () => {
    index = open();
    const first = await index.ingest(
      (async function* () {
        yield* [SCREENER, ...DISTRACTORS];
      })(),
    );
    expect(first.added).toBe(5);
    const before = embedded(SCREENER);
    expect(before).toBeGreaterThanOrEqual(1);
    const inputsBefore = server.embeddings.requests.length;

    index.upsert([SCREENER, ...DISTRACTORS]);
    index.upsert([{ ...SCREENER, upvotes: 12 }]);
    await index.embedPending();
    expect(embedded(SCREENER)).toBe(before);
    expect(server.embeddings.requests.length).toBe(inputsBefore);

    // A new version with a new abstract is a new text: embedded once more.
    const v2 = { ...SCREENER, abstract: `${SCREENER.abstract} Version 2 adds infants.` };
    index.upsert([v2]);
    await index.embedPending();
    expect(embedded(v2)).toBe(1);
    await index.embedPending();
    expect(embedded(v2)).toBe(1);
  });

  it("answers from BM25 alone when the embeddings server fails, and embeds the papers once it is back", async () => {
    index = open();
    server.embeddings.failWith = 500;
    index.upsert([SCREENER, ...DISTRACTORS]);
    await expect(index.embedPending()).rejects.toThrow();
    const hits = await index.searchAsync("detecting photos");
    expect(hits.map((h) => h.paper.id)[0]).toBe("2511.00001");

    server.embeddings.failWith = undefined;
    expect(await index.embedPending()).toBe(5);
    expect((await index.searchAsync(QUESTION)).map((h) => h.paper.id)).toContain(SCREENER.id);
  });

  it("does not keep a search waiting on a slow embeddings server: BM25 answers within its budget", async () => {
    index = open();
    index.upsert([SCREENER, ...DISTRACTORS]);
    await index.embedPending();
    server.embeddings.delayMs = 8_000;
    const started = performance.now();
    const hits = await index.searchAsync("detecting fraud payments");
    server.embeddings.delayMs = undefined;
    expect(hits.map((h) => h.paper.id)[0]).toBe("2511.00003");
    // Its two-second budget, not the eight seconds the server takes (and the SDK would then wait on).
    expect(performance.now() - started).toBeLessThan(6_000);
  });

  it("lists similar papers, the paper itself left out, by meaning as well as words", async () => {
    index = open();
    index.upsert([SCREENER, ...DISTRACTORS]);
    const similar = (await index.similar(SCREENER.id, { limit: 3 })).map((h) => h.paper.id);
    expect(similar).not.toContain(SCREENER.id);
    // The children's paper shares the "children" concept; the drone paper shares nothing.
    expect(similar).toContain("2511.00002");
    expect(similar).not.toContain("2511.00004");
    expect(await index.similar("2511.99999")).toEqual([]);
  });
});
