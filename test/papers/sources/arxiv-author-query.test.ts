// The arXiv author search for followed authors: one `au:` term per name, nothing a name can turn into an operator.
import { describe, expect, it } from "vitest";
import { buildArxivAuthorQuery } from "../../../src/papers/sources/arxiv-author-query.ts";

describe("the arXiv author query", () => {
  it("asks for surname and first initial, accents folded, multi-word surnames joined as arXiv writes them", () => {
    expect(buildArxivAuthorQuery(["Jane Doe", "Leal-Taixé, Laura", "Anton van den Hengel", "J. Doe"])).toBe(
      "au:doe_j OR au:leal_taixe_l OR au:hengel_a",
    );
  });

  it("leaves out names it cannot search and characters that would change the query", () => {
    expect(buildArxivAuthorQuery(["Hinton", ""])).toBe("");
    expect(buildArxivAuthorQuery(['Jane) OR all:"x" Doe'])).toBe("au:doe_j");
    expect(buildArxivAuthorQuery(["Ada Lovelace AND ti:x"])).toBe("au:tix_a");
  });
});
