// The reliability suite (`npm run test:reliability`): real bot processes under load and failures; not part of `npm test`.
import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/reliability/**/*.test.ts"],
    environment: "node",
    // One file at a time: each starts bot processes and measures their memory, which parallel files would skew.
    fileParallelism: false,
    testTimeout: 240_000,
    hookTimeout: 120_000,
    pool: "forks",
  },
});
