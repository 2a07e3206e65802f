// `/papers follow|unfollow` and `/papers digest repeats …` parsed; nothing to follow, or a wrong word, says what to type.
import { describe, expect, it } from "vitest";
import { parsePapersCommand } from "../../../src/slack/commands/parse-papers-command.ts";

describe("parsing /papers follow and unfollow", () => {
  it("reads one name, quoted or not, typographic quotes and a surname-first comma included", () => {
    expect(parsePapersCommand('follow "Jane Doe"')).toEqual({
      kind: "follow",
      action: "add",
      name: "Jane Doe",
    });
    expect(parsePapersCommand("FOLLOW “Doe, Jane”")).toEqual({
      kind: "follow",
      action: "add",
      name: "Doe, Jane",
    });
    expect(parsePapersCommand("unfollow J. Doe")).toEqual({
      kind: "follow",
      action: "remove",
      name: "J. Doe",
    });
    expect(parsePapersCommand("follow")).toEqual({ kind: "follow", action: "list" });
  });

  it("says whom to name when the name is empty", () => {
    expect(parsePapersCommand('follow ""')).toMatchObject({ kind: "invalid", reason: /Say whom to follow/ });
    expect(parsePapersCommand("unfollow")).toMatchObject({ kind: "invalid", reason: /Say whom to unfollow/ });
    expect(parsePapersCommand(`follow ${"x".repeat(120)}`)).toMatchObject({ kind: "invalid" });
  });
});

describe("parsing /papers digest repeats", () => {
  it("reads never and new-versions, and names both for anything else", () => {
    expect(parsePapersCommand("digest repeats new-versions")).toEqual({
      kind: "digest",
      action: "repeats",
      repeats: "new-versions",
    });
    expect(parsePapersCommand("digest REPEATS never")).toEqual({
      kind: "digest",
      action: "repeats",
      repeats: "never",
    });
    expect(parsePapersCommand("digest repeats sometimes")).toMatchObject({
      kind: "invalid",
      reason: /repeats never.*repeats new-versions/,
    });
  });
});
