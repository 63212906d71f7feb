/// <reference path="./memory-adapter.d.ts" />
// oidc-provider's own in-memory adapter (no export map, so its module path), extended below.
import MemoryAdapter from "oidc-provider/lib/adapters/memory_adapter.js";

/**
 * Storage for the demo AS: oidc-provider's in-memory adapter, except that a client a person signs in
 * to keeps no `scope` list. An agent's client registers with the scopes of its first request; kept, that list
 * would forbid every later step-up. Consent (and the user's own rights) decide what is granted instead.
 */
export class DemoAdapter extends MemoryAdapter {
  override async upsert(id: string, payload: Record<string, unknown>, expiresIn?: number): Promise<void> {
    const grants = Array.isArray(payload.grant_types) ? payload.grant_types : [];
    // Machine clients keep their list: nobody consents for them.
    if ((this as unknown as { model: string }).model === "Client" && !grants.includes("client_credentials")) {
      const { scope: _registered, ...rest } = payload;
      return super.upsert(id, rest, expiresIn);
    }
    return super.upsert(id, payload, expiresIn);
  }
}
