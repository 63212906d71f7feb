import type { ReplayStore } from "@toolwright/core";
import type { StateStore } from "./state-store.js";

/**
 * Single-use confirmation tokens through the state store: an atomic set-if-absent per token id that
 * lives as long as the token. With Redis, a token redeemed on one replica is refused on every other.
 * A store that cannot be reached rejects the claim, and the confirmation flow refuses the call.
 */
export function stateReplayStore(store: StateStore, now: () => number = Date.now): ReplayStore {
  return {
    claim: (id, expiresAtMs) => store.setIfAbsent(`replay:${id}`, Math.max(1, expiresAtMs - now())),
  };
}
