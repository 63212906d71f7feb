declare module "oidc-provider/lib/adapters/memory_adapter.js" {
  import type { Adapter, AdapterPayload } from "oidc-provider";
  export default class MemoryAdapter implements Adapter {
    constructor(model: string);
    upsert(id: string, payload: AdapterPayload, expiresIn?: number): Promise<void>;
    find(id: string): Promise<AdapterPayload | undefined>;
    findByUserCode(userCode: string): Promise<AdapterPayload | undefined>;
    findByUid(uid: string): Promise<AdapterPayload | undefined>;
    consume(id: string): Promise<void>;
    destroy(id: string): Promise<void>;
    revokeByGrantId(grantId: string): Promise<void>;
  }
}
