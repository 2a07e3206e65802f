// lazyService: a service built on its first call, whose failed build is tried again by the next call.
import { describe, expect, it } from "vitest";
import { lazyService } from "../src/lazy-service.ts";

interface Counter {
  add(n: number): Promise<number>;
  total(): number;
}

function realCounter(): Counter {
  let sum = 0;
  return {
    async add(n) {
      sum += n;
      return sum;
    },
    total: () => sum,
  };
}

describe("lazyService", () => {
  it("builds the service once, on the first call, and forwards every call to it", async () => {
    let builds = 0;
    const counter = lazyService<Counter>(
      async () => {
        builds += 1;
        return realCounter();
      },
      { add: true },
      (loaded) => ({ total: () => loaded()?.total() ?? 0 }),
    );
    expect(builds).toBe(0);
    expect(counter.total()).toBe(0);
    expect(await Promise.all([counter.add(2), counter.add(3)])).toEqual([2, 5]);
    expect(counter.total()).toBe(5);
    expect(builds).toBe(1);
  });

  it("tries the build again on the next call after one failed", async () => {
    let attempts = 0;
    const counter = lazyService<Counter>(
      async () => {
        attempts += 1;
        if (attempts === 1) throw new Error("module not there yet");
        return realCounter();
      },
      { add: true },
      () => ({ total: () => 0 }),
    );
    await expect(counter.add(1)).rejects.toThrow("module not there yet");
    expect(await counter.add(4)).toBe(4);
    expect(attempts).toBe(2);
  });
});
