// Fusing vector ranks into a search keeps BM25's own ranking for BM25's half.
import { describe, expect, it } from "vitest";
import type { PaperRow } from "../../src/papers/paper-row.ts";
import { fuseRankings } from "../../src/papers/similar-search.ts";

const ranked = (rowid: number, score: number) => ({ row: { rowid } as PaperRow, score });

describe("fuseRankings", () => {
  it("keeps a vector candidate that full-text search did not choose out of BM25's ranking", () => {
    // 7 came from the vectors only; rescored by BM25 it would outrank 1, the paper BM25 alone puts first.
    const candidates = [ranked(7, 9), ranked(1, 5), ranked(2, 3)];
    const fused = fuseRankings(candidates, [7], 0.3, new Set([1, 2]));
    expect(fused.map((r) => r.row.rowid)).toEqual([1, 2, 7]);
  });

  it("still lets a strong vector match lift a paper BM25 found", () => {
    const candidates = [ranked(1, 5), ranked(2, 4.9)];
    const fused = fuseRankings(candidates, [2], 1, new Set([1, 2]));
    expect(fused.map((r) => r.row.rowid)).toEqual([2, 1]);
  });

  it("reads only the vector candidates that reach the page, and ranks them as if read up front", () => {
    const candidates = [ranked(1, 5), ranked(2, 4)];
    const read: number[][] = [];
    const page = {
      end: 3,
      rowsOf: (rowids: number[]) => {
        read.push(rowids);
        return rowids.map((rowid) => ranked(rowid, 0));
      },
    };
    const fused = fuseRankings(candidates, [8, 9, 1, 7], 1, new Set([1, 2]), page);
    // 1 is first in both lists, 8 first among the vectors only, 2 second for BM25: 9 and 7 stay unread.
    expect(fused.map((r) => r.row.rowid).slice(0, 3)).toEqual([1, 8, 2]);
    expect(read).toEqual([[8]]);
    const upFront = [...candidates, ranked(8, 0), ranked(9, 0), ranked(7, 0)];
    expect(fused.slice(0, 3)).toEqual(fuseRankings(upFront, [8, 9, 1, 7], 1, new Set([1, 2])).slice(0, 3));
  });
});
