// Diagnosis behind the reliability suite's memory figures: the bot's memory after each step of the suite's traffic,
// split into the main V8 heap, glibc's malloc arenas, other anonymous memory and mapped files.
//   node --import tsx test/reliability/support/memory-steps.ts [steps=12] [requests per step=1000]
//   RELIABILITY_BOT_ENV='{"PAPERBOY_SEARCH_WORKERS":"0"}' (or '{"MALLOC_ARENA_MAX":"2"}') … to compare.
import { readFileSync } from "node:fs";
import { startSlackStandIn } from "../../../src/playground/slack-stand-in.ts";
import { SETTLED, startBotProcess } from "./bot-process.ts";
import { waitForQuiet } from "./report.ts";
import { seededDataDir } from "./seeded-data-dir.ts";
import { mixedRequest, seededRandom, sendAll } from "./traffic.ts";

const MB = 1024 * 1024;

/** Resident MB of a process's mappings by kind (/proc/<pid>/smaps). */
function residentByKind(pid: number): Record<"brk" | "arenas" | "otherAnon" | "files", number> {
  const kb = { brk: 0, arenas: 0, otherAnon: 0, files: 0 };
  for (const block of readFileSync(`/proc/${pid}/smaps`, "utf8").split(/\n(?=[0-9a-f]+-[0-9a-f]+ )/)) {
    const head = /^([0-9a-f]+)-[0-9a-f]+ \S+ \S+ \S+ (\d+)[ \t]*(.*)$/.exec(block.split("\n")[0] ?? "");
    const rss = Number(/^Rss:\s+(\d+)/m.exec(block)?.[1] ?? 0);
    if (!head) continue;
    const [, start = "0", inode, name = ""] = head;
    if (name === "[heap]") kb.brk += rss;
    else if (inode !== "0") kb.files += rss;
    // A thread's malloc arena is a heap glibc reserves at a 64 MB boundary (HEAP_MAX_SIZE on 64-bit).
    else if (BigInt(`0x${start}`) % BigInt(64 * MB) === 0n) kb.arenas += rss;
    else kb.otherAnon += rss;
  }
  return {
    brk: kb.brk / 1024,
    arenas: kb.arenas / 1024,
    otherAnon: kb.otherAnon / 1024,
    files: kb.files / 1024,
  };
}

const steps = Number(process.argv[2] ?? 12);
const perStep = Number(process.argv[3] ?? 1_000);
const standIn = await startSlackStandIn();
const data = await seededDataDir();
const bot = await startBotProcess(standIn, {
  PAPERBOY_DATA_DIR: data.dir,
  PAPERBOY_STORE_URL: "memory://reliability-memory-steps",
  ...(JSON.parse(process.env.RELIABILITY_BOT_ENV ?? "{}") as Record<string, string>),
});
const random = seededRandom(20261202);
const cell = (n: number) => n.toFixed(1).padStart(8);
console.log(
  ["requests", "RSS", "at once", "heap", "reserved", "brk", "arenas", "other anon", "files"]
    .map((name) => name.padStart(8))
    .join(" "),
);
try {
  for (let step = 0; step <= steps; step++) {
    if (step > 0) {
      const first = (step - 1) * perStep;
      const next = (i: number) => mixedRequest(standIn, random, data.paperIds, first + i);
      await sendAll(bot.eventsUrl, perStep, next, 20);
      await waitForQuiet(standIn);
    }
    const usage = await bot.memoryAfterGc(SETTLED);
    const parts = residentByKind(bot.pid);
    const row = [usage.rss, usage.rssAtOnce ?? 0, usage.heapUsed, usage.heapTotal].map((bytes) => bytes / MB);
    console.log(
      [String(step * perStep).padStart(8), ...[...row, ...Object.values(parts)].map(cell)].join(" "),
    );
  }
} finally {
  await bot.stop();
  await standIn.close();
}
