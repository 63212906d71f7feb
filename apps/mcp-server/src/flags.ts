import {
  type FlagProvider,
  localFlagProvider,
  parseFlagList,
  postHogFlagProvider,
  readFlagFile,
} from "@toolwright/server";
import type { Settings } from "./settings.js";

/**
 * The demo's feature flags: PostHog when `TOOLWRIGHT_FLAGS_PROVIDER=posthog`, else a local table
 * from `TOOLWRIGHT_FLAGS_FILE` and `TOOLWRIGHT_FLAGS` (the list wins), so `pnpm start` needs nothing external.
 */
export function demoFlags(settings: Settings): FlagProvider {
  if (settings.TOOLWRIGHT_FLAGS_PROVIDER === "posthog") {
    if (!settings.POSTHOG_API_KEY) {
      throw new Error("TOOLWRIGHT_FLAGS_PROVIDER=posthog needs POSTHOG_API_KEY (the project API key)");
    }
    return postHogFlagProvider({
      apiKey: settings.POSTHOG_API_KEY,
      host: settings.POSTHOG_HOST,
      ...(settings.POSTHOG_PERSONAL_API_KEY ? { personalApiKey: settings.POSTHOG_PERSONAL_API_KEY } : {}),
    });
  }
  const fromFile = settings.TOOLWRIGHT_FLAGS_FILE ? readFlagFile(settings.TOOLWRIGHT_FLAGS_FILE) : {};
  return localFlagProvider({ ...fromFile, ...parseFlagList(settings.TOOLWRIGHT_FLAGS ?? "") });
}
