// The house plan, enforced: the core knows nothing of Slack or the playground, and no folder or file imports in a circle.
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { findCycles, folderOf, listSources, readImports } from "./import-graph.ts";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));
const imports = readImports(ROOT, listSources(ROOT));

/** The folders that return plain data (DESIGN.md): they never reach Slack, Bolt or the stand-in. */
const CORE = [
  "papers",
  "summaries",
  "digest",
  "discussion",
  "reading-list",
  "state",
  "activity",
  "feedback",
  "export",
  "journal-club",
];
const FORBIDDEN_FOLDERS = ["src/slack/", "src/playground/"];
const FORBIDDEN_PACKAGES = /^@slack\//;

describe("the import rules", () => {
  it("finds the imports it checks (the reader works)", () => {
    expect(imports.length).toBeGreaterThan(50);
    const main = imports.find((entry) => entry.file === "src/main.ts");
    expect(main?.files.some((file) => file.startsWith("src/"))).toBe(true);
  });

  it("keeps the core folders free of Slack, Bolt and the playground", () => {
    const breaches = imports
      .filter((entry) => CORE.includes(folderOf(entry.file)))
      .flatMap((entry) => [
        ...entry.files
          .filter((target) => FORBIDDEN_FOLDERS.some((folder) => target.startsWith(folder)))
          .map((target) => `${entry.file} → ${target}`),
        ...entry.packages
          .filter((name) => FORBIDDEN_PACKAGES.test(name))
          .map((name) => `${entry.file} → ${name}`),
      ]);
    expect(breaches).toEqual([]);
  });

  it("has no import cycle between folders", () => {
    const edges = new Map<string, Set<string>>();
    for (const entry of imports) {
      const from = folderOf(entry.file);
      const targets = edges.get(from) ?? new Set<string>();
      for (const target of entry.files) if (folderOf(target) !== from) targets.add(folderOf(target));
      edges.set(from, targets);
    }
    expect(findCycles(edges)).toEqual([]);
  });

  it("has no import cycle between files", () => {
    const edges = new Map(imports.map((entry) => [entry.file, new Set(entry.files)]));
    expect(findCycles(edges)).toEqual([]);
  });
});

describe("findCycles", () => {
  it("names a three-file circle and leaves a chain alone", () => {
    const circle = new Map([
      ["a", new Set(["b"])],
      ["b", new Set(["c"])],
      ["c", new Set(["a"])],
      ["d", new Set(["a"])],
    ]);
    expect(findCycles(circle)).toEqual([["a", "b", "c"]]);
    expect(
      findCycles(
        new Map([
          ["a", new Set(["b"])],
          ["b", new Set<string>()],
        ]),
      ),
    ).toEqual([]);
  });
});
