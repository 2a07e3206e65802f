// Child process for the restart test: a fresh process summarizing against the same SQLite store and LLM.

import { runSummarizeCommand } from "../../src/cli/summarize-command.ts";
import { silentLogger } from "../../src/logger.ts";
import { createStateStore } from "../../src/state/state-store.ts";
import { createOpenAiLlmClient } from "../../src/summaries/openai-llm-client.ts";
import { createSummarizer } from "../../src/summaries/summarizer.ts";
import { seedPapers } from "./seed-papers.ts";

const [storeUrl = "", promptsDir = "", baseURL = "", ref = "", model = "gpt-4o-mini"] = process.argv.slice(2);
const logger = silentLogger();
const store = await createStateStore({ url: storeUrl });
const llm = createOpenAiLlmClient({ apiKey: "sk-test", baseURL, model, logger });
const summarizer = createSummarizer({ llm, store, promptsDir, model, logger, timeoutMs: 5_000 });
const output = await runSummarizeCommand({
  ref,
  json: true,
  deps: {
    summarizer,
    lookupPaper: async (id) => {
      const paper = seedPapers().find((candidate) => candidate.id === id);
      return paper ? { paper, unreachable: [] } : { unreachable: [] };
    },
  },
});
process.stdout.write(output);
await store.close();
