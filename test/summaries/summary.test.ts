// Parsing the model's JSON answer: tolerant of fences, strict about shape, and length-limited.
import { describe, expect, it } from "vitest";
import { parseModelAnswer, trimWords } from "../../src/summaries/summary.ts";

const ANSWER = { tldr: "A short sentence.", problem: "P.", method: "M.", result: "R." };

describe("parseModelAnswer", () => {
  it("reads the JSON object, also inside a ```json fence", () => {
    const expected = { tldr: "A short sentence.", bullets: { problem: "P.", method: "M.", result: "R." } };
    expect(parseModelAnswer(JSON.stringify(ANSWER))).toEqual(expected);
    expect(parseModelAnswer(`\`\`\`json\n${JSON.stringify(ANSWER)}\n\`\`\``)).toEqual(expected);
  });

  it("rejects prose, broken JSON, missing fields and empty strings", () => {
    expect(parseModelAnswer("Sure! Here is the summary.")).toBeUndefined();
    expect(parseModelAnswer('{"tldr": "x",')).toBeUndefined();
    expect(parseModelAnswer(JSON.stringify({ ...ANSWER, method: undefined }))).toBeUndefined();
    expect(parseModelAnswer(JSON.stringify({ ...ANSWER, result: "  " }))).toBeUndefined();
    expect(parseModelAnswer(JSON.stringify({ ...ANSWER, tldr: "<!channel>" }))).toMatchObject({
      tldr: "channel",
    });
  });

  it("cuts a TL;DR that is too long to 35 words", () => {
    const long = Array.from({ length: 50 }, (_, i) => `w${i}`).join(" ");
    const tldr = parseModelAnswer(JSON.stringify({ ...ANSWER, tldr: long }))?.tldr ?? "";
    expect(tldr.split(" ")).toHaveLength(35);
    expect(tldr.endsWith("w34…")).toBe(true);
  });
});

describe("trimWords", () => {
  it("leaves short text alone and marks a cut", () => {
    expect(trimWords("one two  three", 5)).toBe("one two three");
    expect(trimWords("one two, three", 2)).toBe("one two…");
  });
});
