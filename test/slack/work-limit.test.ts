// The bound on Slack requests worked on at once: slots, waiting for one, and being turned away.
import { describe, expect, it } from "vitest";
import { createWorkLimit } from "../../src/slack/work-limit.ts";

describe("createWorkLimit", () => {
  it("grants maxActive slots at once and hands a released slot to the oldest waiter", async () => {
    const limit = createWorkLimit({ maxActive: 2, waitMs: 5_000 });
    const first = await limit.enter();
    const second = await limit.enter();
    expect(first && second).toBeDefined();
    const order: string[] = [];
    const third = limit.enter().then((slot) => {
      order.push("third");
      return slot;
    });
    const fourth = limit.enter().then((slot) => {
      order.push("fourth");
      return slot;
    });
    expect(limit.waiting()).toBe(2);
    first?.release();
    first?.release(); // a second release of the same slot frees nothing more
    expect(await third).toBeDefined();
    expect(order).toEqual(["third"]);
    expect(limit.active()).toBe(2);
    second?.release();
    expect(await fourth).toBeDefined();
    expect(order).toEqual(["third", "fourth"]);
  });

  it("turns a request away once no slot was freed within waitMs, and frees its place in the line", async () => {
    const limit = createWorkLimit({ maxActive: 1, waitMs: 30 });
    const held = await limit.enter();
    expect(await limit.enter()).toBeUndefined();
    expect(limit.waiting()).toBe(0);
    held?.release();
    expect(limit.active()).toBe(0);
    expect(await limit.enter()).toBeDefined();
  });

  it("keeps at most maxActive requests waiting: however many arrive, the rest are turned away at once", async () => {
    const limit = createWorkLimit({ maxActive: 3, waitMs: 60_000 });
    const slots = await Promise.all([limit.enter(), limit.enter(), limit.enter()]);
    const flood = Array.from({ length: 1_000 }, () => limit.enter());
    expect(limit.active()).toBe(3);
    expect(limit.waiting()).toBe(3);
    const turnedAway = (await Promise.all(flood.slice(3))).filter((slot) => slot === undefined);
    expect(turnedAway).toHaveLength(997);
    for (const slot of slots) slot?.release();
    expect((await Promise.all(flood.slice(0, 3))).every((slot) => slot !== undefined)).toBe(true);
  });
});
