import type { CallerInfo } from "../catalog/tool-context.js";

/**
 * Evaluates feature flags for a caller. `undefined` (or a throw) means the flag cannot be
 * evaluated: `enable` tools are then hidden and `disable` tools shown.
 */
export interface FlagProvider {
  isEnabled(key: string, caller: CallerInfo): Promise<boolean | undefined>;
}
