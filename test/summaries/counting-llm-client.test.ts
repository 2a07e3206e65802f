import { describe, expect, it } from "vitest";
import { countingLlmClient } from "../../src/summaries/counting-llm-client.ts";

describe("countingLlmClient", () => {
  it("adds up tokens over every call and counts failures", async () => {
    let fail = false;
    const client = countingLlmClient({
      complete: async () => {
        if (fail) throw new Error("down");
        return { text: "{}", usage: { promptTokens: 100, completionTokens: 20 } };
      },
    });
    await client.complete([{ role: "user", content: "a" }]);
    await client.complete([{ role: "user", content: "b" }]);
    fail = true;
    await expect(client.complete([{ role: "user", content: "c" }])).rejects.toThrow("down");
    expect(client.totals()).toEqual({ calls: 3, failures: 1, promptTokens: 200, completionTokens: 40 });
  });
});
