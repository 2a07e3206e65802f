// Citation files: stable unique keys, arXiv fields and DOIs, and BibTeX that a BibTeX parser reads back to the same papers.
import { parse } from "@retorquere/bibtex-parser";
import { describe, expect, it } from "vitest";
import { baseCitationKey, citationKeys } from "../../src/export/citation-keys.ts";
import { formatCitations } from "../../src/export/format-citations.ts";
import type { Paper } from "../../src/papers/paper.ts";

const paper = (fields: Partial<Paper> & Pick<Paper, "id" | "title">): Paper => ({
  abstract: "",
  authors: ["Ada Lovelace"],
  categories: ["cs.LG"],
  source: "arxiv",
  ...fields,
});

// Titles and names as arXiv has them: braces, accents, TeX specials, math, quotes and long author lists.
const PAPERS: Paper[] = [
  paper({
    id: "2302.06675",
    title: "Symbolic Discovery of {Optimization} Algorithms: 50% faster & 3$\\times$ smaller #1_best~",
    authors: [
      "Xiangning Chen",
      "Chen Liang",
      "Da Huang",
      "Esteban Real",
      "Kaiyuan Wang",
      "Yao Liu",
      "Hieu Pham",
      "Xuanyi Dong",
      "Thang Luong",
      "Cho-Jui Hsieh",
      "Yifeng Lu",
      "Quoc V. Le",
    ],
    categories: ["cs.LG", "cs.AI", "cs.NE"],
    publishedAt: "2023-02-13",
  }),
  paper({
    id: "2405.01234",
    title: "Schrödinger's Ünïcödé — “Quoted” Attention in Zürich",
    authors: ["Jürgen Müller-Lüdenscheidt", "Jan van der Berg", "Lovelace, Ada", "DeepMind"],
    categories: ["cs.CV"],
    publishedAt: "2024-05-02",
  }),
  paper({
    id: "hep-th/9711200",
    title: "The Large N Limit of Superconformal Field Theories",
    authors: ["Juan Maldacena"],
    categories: ["hep-th"],
  }),
];

describe("citation keys", () => {
  it("are firstauthorYEARfirstword in lowercase ASCII, skipping little words", () => {
    expect(baseCitationKey(PAPERS[0] as Paper)).toBe("chen2023symbolic");
    expect(baseCitationKey(PAPERS[1] as Paper)).toBe("mullerludenscheidt2024schrodingers");
    expect(baseCitationKey(PAPERS[2] as Paper)).toBe("maldacena1997large");
    expect(baseCitationKey(paper({ id: "2401.00001", title: "On the Use of Things", authors: [] }))).toBe(
      "anon2024use",
    );
  });

  it("get a, b, … suffixes on clashes, ordered by arXiv id, the same whatever order the papers come in", () => {
    const twins = ["2310.00003", "2310.00001", "2310.00002"].map((id) =>
      paper({ id, title: "Scaling Laws", authors: ["Ada Lovelace"], publishedAt: "2023-10-01" }),
    );
    const keys = citationKeys(twins);
    expect(Object.fromEntries(keys)).toEqual({
      "2310.00001": "lovelace2023scaling",
      "2310.00002": "lovelace2023scalinga",
      "2310.00003": "lovelace2023scalingb",
    });
    expect(citationKeys([...twins].reverse())).toEqual(keys);
    // A newer paper joining the set leaves the older ones' keys alone.
    const newer = paper({
      id: "2311.00001",
      title: "Scaling Laws",
      authors: ["Ada Lovelace"],
      publishedAt: "2023-11-01",
    });
    const grown = citationKeys([newer, ...twins]);
    for (const [id, key] of keys) expect(grown.get(id)).toBe(key);
    expect(new Set(grown.values()).size).toBe(4);
  });
});

describe("BibTeX export", () => {
  it("parses back with a BibTeX parser to the same papers, with arXiv eprint fields and the arXiv DOI", async () => {
    const bibtex = await formatCitations(PAPERS, "bibtex");
    // Raw titles: the parser would otherwise sentence-case them, as a reference manager may on display.
    const parsed = parse(bibtex, { sentenceCase: false });
    expect(parsed.errors).toEqual([]);
    expect(parsed.entries).toHaveLength(PAPERS.length);
    for (const [index, original] of PAPERS.entries()) {
      const entry = parsed.entries[index];
      expect(entry?.key).toBe(baseCitationKey(original));
      // TeX accents come back as combining characters: compared in one Unicode form.
      expect(entry?.fields.title?.normalize("NFC")).toBe(original.title);
      expect(entry?.fields.eprint).toBe(original.id);
      expect(entry?.fields.archiveprefix).toBe("arXiv");
      expect(entry?.fields.primaryclass).toBe(original.categories[0]);
      expect(entry?.fields.doi).toBe(`10.48550/arXiv.${original.id}`);
      expect(entry?.fields.url).toBe(`https://arxiv.org/abs/${original.id}`);
      const names = (entry?.fields.author ?? []).map(
        (name) => name.name ?? [name.firstName, name.prefix, name.lastName].filter(Boolean).join(" "),
      );
      expect(names.map((n) => n.normalize("NFC"))).toEqual(
        original.authors.map((a) => (a === "Lovelace, Ada" ? "Ada Lovelace" : a)),
      );
    }
    expect(parsed.entries[2]?.fields.year).toBe("1997");
  });

  it("writes an empty list as an empty file", async () => {
    expect(await formatCitations([], "bibtex")).toBe("");
  });
});

describe("RIS and CSL-JSON export", () => {
  it("RIS has one record per paper with its title, authors, DOI and link", async () => {
    const ris = await formatCitations(PAPERS.slice(0, 2), "ris");
    const records = ris.split(/^ER {2}-.*$/m).filter((record) => record.trim());
    expect(records).toHaveLength(2);
    expect(ris).toContain("TI  - Symbolic Discovery of {Optimization} Algorithms");
    expect(ris).toContain("AU  - Le, Quoc V.");
    expect(ris).toContain("DO  - 10.48550/arXiv.2302.06675");
    expect(ris).toContain("UR  - https://arxiv.org/abs/2405.01234");
    expect(ris).toContain("ID  - chen2023symbolic");
  });

  it("CSL-JSON is a JSON array of preprints keyed like the BibTeX", async () => {
    const items = JSON.parse(await formatCitations(PAPERS, "csl-json")) as Array<Record<string, unknown>>;
    expect(items.map((item) => item.id)).toEqual([
      "chen2023symbolic",
      "mullerludenscheidt2024schrodingers",
      "maldacena1997large",
    ]);
    expect(items[1]).toMatchObject({
      title: PAPERS[1]?.title,
      DOI: "10.48550/arXiv.2405.01234",
      number: "2405.01234",
      author: [
        { given: "Jürgen", family: "Müller-Lüdenscheidt" },
        { given: "Jan", family: "van der Berg" },
        { given: "Ada", family: "Lovelace" },
        { literal: "DeepMind" },
      ],
    });
  });
});
