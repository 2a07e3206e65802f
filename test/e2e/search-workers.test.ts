// End to end: once the bot's search worker is ready, `/papers` searches run there and answer as they did inline.
import { describe, expect, it } from "vitest";
import { useTestBot } from "../support/bot-harness.ts";
import { eventually, firstResponse, paperIdsIn } from "../support/e2e-helpers.ts";

describe("/papers on a search worker", () => {
  const threaded = useTestBot({ transport: "http", env: { PAPERBOY_SEARCH_WORKERS: "1" } });
  const inline = useTestBot({ transport: "http", env: { PAPERBOY_SEARCH_WORKERS: "0" } });

  it("answers from the thread, with the same papers as a bot that searches on its main thread", async () => {
    const index = threaded.bot.services.index;
    await eventually(async () => index.searchWorkersReady() === 1, 20_000, "the search worker");
    const before = index.searchesOnWorkers();

    const sent = await threaded.standIn.sendSlashCommand({ text: "regularization" });
    const onThread = paperIdsIn(await firstResponse(threaded.standIn, sent.responseUrlId));
    expect(index.searchesOnWorkers()).toBe(before + 1);

    const control = await inline.standIn.sendSlashCommand({ text: "regularization" });
    const onMain = paperIdsIn(await firstResponse(inline.standIn, control.responseUrlId));
    expect(inline.bot.services.index.searchesOnWorkers()).toBe(0);
    expect(onThread).toHaveLength(5);
    expect(onThread).toEqual(onMain);
    expect(threaded.standIn.rejected()).toEqual([]);
  });

  it("reports its threads on /metrics", async () => {
    const { bot } = threaded;
    await eventually(async () => bot.services.index.searchWorkersReady() === 1, 20_000, "the search worker");
    const metrics = await (await fetch(`${bot.url}/metrics`)).text();
    expect(metrics).toMatch(/^paperboy_search_threads_ready 1$/m);
    expect(metrics).toMatch(/^paperboy_searches_on_threads \d+$/m);
  });
});
