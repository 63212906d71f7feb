import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { resolveOptions } from "../src/config/codegen-config.js";
import { check } from "../src/generate.js";
import { FIXTURES } from "./support.js";

describe("checked-in fixture output", () => {
  it("is what generate produces today (run `toolwright generate --config src/__fixtures__/toolwright.config.json`)", async () => {
    const options = await resolveOptions({ config: join(FIXTURES, "toolwright.config.json") }, process.cwd());
    expect(await check(options)).toEqual({ stale: [], orphans: [] });
  });
});
