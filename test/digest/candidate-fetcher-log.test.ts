// What an operator reads when a paper source fails: one short line for an unreachable source, the stack for a bug.
import { Writable } from "node:stream";
import { describe, expect, it } from "vitest";
import { createCandidateFetcher } from "../../src/digest/candidate-fetcher.ts";
import { createLogger } from "../../src/logger.ts";
import { SourceError } from "../../src/papers/sources/http-get.ts";

/** The warn lines a fetch over a Hugging Face stand-in that throws `error` writes. */
async function warningsFor(error: Error): Promise<string[]> {
  const lines: string[] = [];
  const sink = new Writable({
    write(chunk, _encoding, done) {
      lines.push(...String(chunk).trim().split("\n"));
      done();
    },
  });
  const fetcher = createCandidateFetcher({
    hf: {
      async allDailyPapers() {
        throw error;
      },
    },
    logger: createLogger("warn", sink),
  });
  expect((await fetcher.fetch(["hf"], "2026-03-17")).unreachable).toEqual(["hf"]);
  return lines;
}

describe("a failing paper source in the log", () => {
  it("is one short line with its code and reason when the source could not be reached", async () => {
    const network = new TypeError("fetch failed", {
      cause: new Error("getaddrinfo ENOTFOUND huggingface.co"),
    });
    const [line, ...rest] = await warningsFor(
      new SourceError("source_unreachable", "Hugging Face could not be reached.", { cause: network }),
    );
    expect(rest).toEqual([]);
    const entry = JSON.parse(line ?? "{}");
    expect(entry).toMatchObject({ source: "hf" });
    expect(entry.err).toMatchObject({
      type: "SourceError",
      code: "source_unreachable",
      cause: "fetch failed",
    });
    expect(entry.err.message).toContain("Hugging Face could not be reached.");
    expect(line).not.toContain("stack");
    expect(line?.length).toBeLessThan(400);
  });

  it("keeps the stack of anything else, which is a bug to find", async () => {
    const [line] = await warningsFor(new RangeError("Invalid time value"));
    const entry = JSON.parse(line ?? "{}");
    expect(entry.err).toMatchObject({ type: "RangeError", message: "Invalid time value" });
    expect(entry.err.stack).toContain("RangeError: Invalid time value");
  });
});
