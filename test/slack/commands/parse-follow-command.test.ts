// `/papers follow|unfollow` and `/papers digest repeats …` parsed; nothing to follow, or a wrong word, says what to type.
import { describe, expect, it } from "vitest";
import { type PapersRequest, parsePapersCommand } from "../../../src/slack/commands/parse-papers-command.ts";

describe("parsing /papers follow and unfollow", () => {
  it.each<[string, PapersRequest]>([
    ['follow "Jane Doe"', { kind: "follow", action: "add", name: "Jane Doe" }],
    ["FOLLOW “Doe, Jane”", { kind: "follow", action: "add", name: "Doe, Jane" }],
    ["unfollow J. Doe", { kind: "follow", action: "remove", name: "J. Doe" }],
    ["follow", { kind: "follow", action: "list" }],
  ])(
    "reads one name, quoted or not, typographic quotes and a surname-first comma included: `%s`",
    (text, parsed) => {
      expect(parsePapersCommand(text)).toEqual(parsed);
    },
  );

  it("says whom to name when the name is empty", () => {
    expect(parsePapersCommand('follow ""')).toMatchObject({ kind: "invalid", reason: /Say whom to follow/ });
    expect(parsePapersCommand("unfollow")).toMatchObject({ kind: "invalid", reason: /Say whom to unfollow/ });
    expect(parsePapersCommand(`follow ${"x".repeat(120)}`)).toMatchObject({ kind: "invalid" });
  });
});

describe("parsing /papers digest repeats", () => {
  it.each<[string, PapersRequest]>([
    ["digest repeats new-versions", { kind: "digest", action: "repeats", repeats: "new-versions" }],
    ["digest REPEATS never", { kind: "digest", action: "repeats", repeats: "never" }],
  ])("reads never and new-versions: `%s`", (text, parsed) => {
    expect(parsePapersCommand(text)).toEqual(parsed);
  });

  it("names both choices for anything else", () => {
    expect(parsePapersCommand("digest repeats sometimes")).toMatchObject({
      kind: "invalid",
      reason: /repeats never.*repeats new-versions/,
    });
  });
});
