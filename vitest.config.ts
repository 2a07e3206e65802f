// Test runner settings: node environment, generous timeouts for tests that start local stand-in servers.
import { configDefaults, defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // The reliability suite runs on its own (`npm run test:reliability`, vitest.reliability.config.ts).
    exclude: [...configDefaults.exclude, "test/reliability/**"],
    environment: "node",
    testTimeout: 20_000,
    hookTimeout: 30_000,
    pool: "forks",
  },
});
