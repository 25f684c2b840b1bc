import { defineConfig } from "vitest/config";
import SummaryReporter from "./test/helpers/summary-reporter.js";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // Native addons (hnswlib, better-sqlite3) are safest in forked processes.
    pool: "forks",
    reporters: ["default", new SummaryReporter()],
  },
});
