import { describe, expect, it } from "vitest";
import { nextEventLoopTurn } from "../../src/slack/event-loop-turn.ts";

describe("nextEventLoopTurn", () => {
  it("lets I/O callbacks run between queued callers instead of after all of them", async () => {
    const order: string[] = [];
    const callers = [1, 2, 3].map((n) =>
      nextEventLoopTurn().then(() => {
        order.push(`work ${n}`);
        // An I/O-like callback queued by each piece of work must run before the next caller's work.
        setImmediate(() => order.push(`io after ${n}`));
      }),
    );
    await Promise.all(callers);
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(order).toEqual(["work 1", "io after 1", "work 2", "io after 2", "work 3", "io after 3"]);
  });
});
