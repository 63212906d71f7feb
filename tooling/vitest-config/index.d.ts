import type { UserConfig } from "vitest/config";
/** The one vitest config every package re-exports, optionally extended with its own options. */
export function toolwrightVitestConfig(overrides?: UserConfig): UserConfig;
declare const config: UserConfig;
export default config;
