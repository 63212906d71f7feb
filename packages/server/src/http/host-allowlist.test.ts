import { describe, expect, it } from "vitest";
import { createHostCheck, isLoopbackAddress } from "./host-allowlist.js";

describe("Host allowlist", () => {
  it("answers loopback names on any port when there is no public URL", () => {
    const allowed = createHostCheck({});
    for (const host of ["127.0.0.1:3333", "localhost:3333", "LOCALHOST", "[::1]:80", "127.0.0.1"]) {
      expect(allowed(host), host).toBe(true);
    }
    for (const host of [
      "evil.example",
      "evil.example:3333",
      "localhost.evil.example",
      "127.0.0.1.nip.io",
      "localhost@evil.example",
      "localhost:3333/x",
      "",
      undefined,
    ]) {
      expect(allowed(host), String(host)).toBe(false);
    }
  });

  it("answers only the public URL's host when one is set", () => {
    const allowed = createHostCheck({ publicUrl: "https://mcp.example.com/" });
    expect(allowed("mcp.example.com")).toBe(true);
    expect(allowed("MCP.example.com")).toBe(true);
    expect(allowed("localhost:3333")).toBe(false);
    expect(allowed("evil.example")).toBe(false);
    const withPort = createHostCheck({ publicUrl: "https://mcp.example.com:8443" });
    expect(withPort("mcp.example.com:8443")).toBe(true);
    expect(withPort("mcp.example.com:9999")).toBe(false);
  });

  it("answers exactly the configured hosts, or any with '*'", () => {
    const allowed = createHostCheck({ allowedHosts: ["a.example", "b.example:8080"] });
    expect(allowed("a.example")).toBe(true);
    expect(allowed("a.example:1234")).toBe(true);
    expect(allowed("b.example:8080")).toBe(true);
    expect(allowed("b.example:8081")).toBe(false);
    expect(createHostCheck({ allowedHosts: ["*"] })("whatever.example")).toBe(true);
  });

  it("knows which bind addresses are loopback", () => {
    for (const address of ["127.0.0.1", "127.1.2.3", "::1", "[::1]", "localhost"]) {
      expect(isLoopbackAddress(address), address).toBe(true);
    }
    for (const address of ["0.0.0.0", "::", "192.168.1.10", "10.0.0.1", "example.com"]) {
      expect(isLoopbackAddress(address), address).toBe(false);
    }
  });
});
