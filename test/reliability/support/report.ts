// Prints the reliability suite's figures, and waits for the bot's work to die down before measuring.
import type { SlackStandIn } from "../../../src/playground/slack-stand-in.ts";

/** Prints a titled block of `name: value` lines to stdout, where `npm run test:reliability` shows them. */
export function report(title: string, rows: Array<[string, string]>): void {
  const width = Math.max(...rows.map(([name]) => name.length));
  const lines = rows.map(([name, value]) => `  ${name.padEnd(width)}  ${value}`);
  process.stdout.write(`\n[reliability] ${title}\n${lines.join("\n")}\n`);
}

/** Resolves once the stand-in saw no new Slack call or response for `quietMs` (the bot finished its work). */
export async function waitForQuiet(standIn: SlackStandIn, quietMs = 1_500, maxMs = 120_000): Promise<void> {
  const activity = () => standIn.stats().calls + standIn.responses().length;
  const deadline = Date.now() + maxMs;
  let last = activity();
  let lastChange = Date.now();
  while (Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 250));
    const now = activity();
    if (now !== last) {
      last = now;
      lastChange = Date.now();
    } else if (Date.now() - lastChange >= quietMs) {
      return;
    }
  }
}
