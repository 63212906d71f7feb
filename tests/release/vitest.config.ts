import { toolwrightVitestConfig } from "@toolwright/vitest-config";

// The slow suites build, pack and deploy the repo; they run under `pnpm test:release`, not `pnpm test`.
const slowSuites = [
  "test/pack.test.ts",
  "test/production-start.test.ts",
  "test/serve-image.test.ts",
  "test/journey.test.ts",
  "test/start.test.ts",
];
const slow = process.env.TOOLWRIGHT_RELEASE_SLOW === "1";

const config = toolwrightVitestConfig({
  test: slow
    ? { testTimeout: 300_000, hookTimeout: 300_000, fileParallelism: false }
    : { exclude: ["**/node_modules/**", ...slowSuites] },
});
// Set after merging, because merging concatenates lists and the slow run must include only the slow suites.
if (slow && config.test) config.test.include = slowSuites;

export default config;
