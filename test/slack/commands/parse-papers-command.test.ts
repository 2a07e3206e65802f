import { describe, expect, it } from "vitest";
import { parsePapersCommand } from "../../../src/slack/commands/parse-papers-command.ts";

describe("parsePapersCommand", () => {
  it("treats an empty command and help as a request for usage", () => {
    expect(parsePapersCommand("")).toEqual({ kind: "help" });
    expect(parsePapersCommand("   ")).toEqual({ kind: "help" });
    expect(parsePapersCommand("help")).toEqual({ kind: "help" });
  });

  it("searches for plain words, keeping what the person typed", () => {
    expect(parsePapersCommand("regularization")).toEqual({ kind: "search", query: "regularization" });
    expect(parsePapersCommand('  "diffusion models" AND (video) ')).toEqual({
      kind: "search",
      query: '"diffusion models" AND (video)',
    });
  });

  it("reads an arXiv id or a pasted link as that paper", () => {
    expect(parsePapersCommand("2302.06675")).toEqual({ kind: "paper", id: "2302.06675" });
    expect(parsePapersCommand("<https://huggingface.co/papers/2302.06675>")).toEqual({
      kind: "paper",
      id: "2302.06675",
    });
  });

  it("reads similar with an id or link, and explains when the paper is missing", () => {
    expect(parsePapersCommand("similar https://arxiv.org/abs/2302.06675v3")).toEqual({
      kind: "similar",
      id: "2302.06675",
    });
    expect(parsePapersCommand("similar")).toMatchObject({
      kind: "invalid",
      reason: expect.stringContaining("/papers similar"),
    });
    expect(parsePapersCommand("similar diffusion")).toMatchObject({ kind: "invalid" });
  });

  it("reads discuss with an id, and explains when the id is missing", () => {
    expect(parsePapersCommand("discuss arXiv:2302.06675v2")).toEqual({ kind: "discuss", id: "2302.06675" });
    expect(parsePapersCommand("discuss")).toMatchObject({ kind: "invalid" });
  });

  it("reads the channel settings commands", () => {
    expect(parsePapersCommand("schedule 09:00 Europe/Berlin weekdays")).toEqual({
      kind: "schedule",
      args: "09:00 Europe/Berlin weekdays",
    });
    expect(parsePapersCommand("topics add diffusion, large language models")).toEqual({
      kind: "topics",
      action: "add",
      words: ["diffusion", "large language models"],
    });
    expect(parsePapersCommand("exclude add medical")).toEqual({
      kind: "exclude",
      action: "add",
      words: ["medical"],
    });
    expect(parsePapersCommand("digest preview")).toEqual({ kind: "digest", action: "preview" });
    expect(parsePapersCommand("settings")).toEqual({ kind: "settings" });
    expect(parsePapersCommand("digest sometimes")).toMatchObject({ kind: "invalid" });
  });

  it.each([
    ["x".repeat(20_000), /20,000 characters/],
    ["diffusion\u0000models", /control characters/],
    ["<!channel> look at this", /@channel/],
    ["<@U123> hi", /Mentions/],
    ["?!... ---", /nothing to search for/],
  ])("rejects bad input %# with a clear reason", (input, reason) => {
    const request = parsePapersCommand(input);
    expect(request.kind).toBe("invalid");
    expect(request.kind === "invalid" && request.reason).toMatch(reason);
  });

  it("lets injection-looking text through as an ordinary search", () => {
    expect(parsePapersCommand("'; DROP TABLE papers; --")).toEqual({
      kind: "search",
      query: "'; DROP TABLE papers; --",
    });
  });
});
