import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestBot, type TestBot } from "../support/bot-harness.ts";

describe.each(["http", "socket"] as const)("/papers over %s", (transport) => {
  let t: TestBot;
  beforeAll(async () => {
    t = await startTestBot({ transport });
  });
  afterAll(async () => {
    await t?.close();
  });

  it("acks at once and answers a search with paper cards through response_url", async () => {
    const result = await t.standIn.sendSlashCommand({ text: "regularization" });
    expect(result.status).toBe(200);
    expect(result.ackMs).toBeLessThan(3_000);
    const [response] = await t.standIn.waitFor(() => {
      const r = t.standIn.responses(result.responseUrlId);
      return r.length > 0 ? r : undefined;
    }, 5_000);
    const body = JSON.stringify(response);
    expect(body).toContain("Results for");
    expect(body).toMatch(/Regulariz/);
    expect(body).toContain("paper_discuss");
    expect(t.standIn.rejected()).toEqual([]);
  });
});
