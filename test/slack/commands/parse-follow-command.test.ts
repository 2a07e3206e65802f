// `/papers follow|unfollow` text becomes a follow request, quotes optional; nothing to follow says what to type.
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
