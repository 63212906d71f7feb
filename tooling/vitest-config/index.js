import { defaultServerConditions } from "vite";
import { defineConfig, mergeConfig } from "vitest/config";

// Workspace packages resolve to their TypeScript sources in tests, so no build step is needed first.
const conditions = ["@toolwright/source", ...defaultServerConditions];

/** The one vitest config every package re-exports, optionally extended with its own options. */
export function toolwrightVitestConfig(overrides = {}) {
  return mergeConfig(
    defineConfig({
      resolve: { conditions },
      ssr: { resolve: { conditions, externalConditions: ["@toolwright/source"] } },
      test: {
        include: ["src/**/*.test.ts", "test/**/*.test.ts"],
        typecheck: { enabled: true, include: ["src/**/*.test-d.ts", "test/**/*.test-d.ts"] },
        // Generous: a timeout only fires on a hang, and a busy machine (2 cores shared by many
        // processes) can slow a correct test several-fold.
        testTimeout: 60_000,
        hookTimeout: 120_000,
        // The JSON report feeds the one-line summary that `pnpm test` prints across packages.
        reporters: ["default", "json"],
        outputFile: { json: ".test-results/vitest.json" },
      },
    }),
    overrides,
  );
}

export default toolwrightVitestConfig();
