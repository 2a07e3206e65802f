// Prompt files: sections become chat messages, placeholders fill in one pass, the hash follows the file.
import { describe, expect, it } from "vitest";
import { loadPrompt, parsePrompt, renderPrompt } from "../../src/summaries/prompt-template.ts";

const PROMPTS = new URL("../../prompts", import.meta.url).pathname;

describe("prompt templates", () => {
  it("splits # system / # user sections into messages and drops maintainer comments", () => {
    const template = parsePrompt(
      "t",
      "<!-- for maintainers -->\n# system\nBe brief.\n\n# user\nTitle: {{title}}\n",
    );
    expect(template.messages).toEqual([
      { role: "system", content: "Be brief." },
      { role: "user", content: "Title: {{title}}" },
    ]);
  });

  it("treats a file without headings as one user message", () => {
    expect(parsePrompt("t", "Summarize {{title}}.").messages).toEqual([
      { role: "user", content: "Summarize {{title}}." },
    ]);
  });

  it("fills placeholders once, so a value containing {{…}} stays literal", () => {
    const template = parsePrompt("t", "# user\n{{title}} / {{ abstract }}");
    const [message] = renderPrompt(template, { title: "T {{abstract}}", abstract: "A" });
    expect(message?.content).toBe("T {{abstract}} / A");
  });

  it("throws when a placeholder has no value", () => {
    const template = parsePrompt("t", "# user\n{{title}} {{abstract}}");
    expect(() => renderPrompt(template, { title: "x" })).toThrow(/\{\{abstract\}\}/);
  });

  it("hashes the exact file, so any edit changes the hash", () => {
    expect(parsePrompt("t", "# user\nA").hash).not.toBe(parsePrompt("t", "# user\nA ").hash);
    expect(parsePrompt("t", "# user\nA").hash).toBe(parsePrompt("t", "# user\nA").hash);
  });

  it("loads prompts/summary.md with the title and abstract inside the <paper> delimiter", async () => {
    const template = await loadPrompt("summary", PROMPTS);
    const messages = renderPrompt(template, { title: "TITLE", abstract: "ABSTRACT" });
    expect(messages.map((message) => message.role)).toEqual(["system", "user"]);
    expect(messages[0]?.content).toMatch(/JSON/);
    expect(messages[1]?.content).toMatch(/<paper>[\s\S]*TITLE[\s\S]*ABSTRACT[\s\S]*<\/paper>/);
  });

  it("fails with a configuration error naming the file when it is missing", async () => {
    await expect(loadPrompt("nope", PROMPTS)).rejects.toMatchObject({
      code: "bad_config",
      message: expect.stringContaining("nope.md"),
    });
  });
});
