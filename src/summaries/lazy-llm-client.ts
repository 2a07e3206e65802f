// An LlmClient that builds the real one (and loads the openai SDK behind it) at its first call, so a command or a
// start-up that never asks the LLM anything does not pay the SDK's load time.
import type { LlmClient } from "./llm-client.ts";

export function lazyLlmClient(load: () => Promise<LlmClient>): LlmClient {
  let client: Promise<LlmClient> | undefined;
  return {
    async complete(messages, options) {
      // A failed load is not kept: the next call tries again.
      client ??= load().catch((error: unknown) => {
        client = undefined;
        throw error;
      });
      return (await client).complete(messages, options);
    },
  };
}
