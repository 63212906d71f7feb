import { readFile } from "node:fs/promises";
import { describe, expect, it } from "vitest";
import * as analytics from "../src/index.js";

const packageJson = JSON.parse(await readFile(new URL("../package.json", import.meta.url), "utf8"));

describe("@toolwright/analytics package", () => {
  it("pins its export map keys and stamps its own version", () => {
    expect(Object.keys(packageJson.exports)).toEqual([".", "./package.json"]);
    expect(Object.keys(packageJson.publishConfig.exports)).toEqual([".", "./package.json"]);
    expect(analytics.LIBRARY_VERSION).toBe(packageJson.version);
    expect(packageJson.bin["toolwright-analytics"]).toBe("./bin/toolwright-analytics.js");
  });

  it("keeps the MCP SDKs optional peers, not dependencies", () => {
    expect(Object.keys(packageJson.dependencies)).not.toContain("@modelcontextprotocol/sdk");
    expect(packageJson.peerDependenciesMeta["@modelcontextprotocol/sdk"].optional).toBe(true);
    expect(packageJson.peerDependenciesMeta["@modelcontextprotocol/server"].optional).toBe(true);
  });

  it("exports the public API", () => {
    for (const name of [
      "instrument",
      "createRecorder",
      "createPostHogSink",
      "createJsonlFileSink",
      "createMemorySink",
      "createFunctionSink",
      "redactString",
      "sanitize",
      "uuidv7",
      "summarizeEvents",
      "renderHtmlReport",
    ]) {
      expect(typeof (analytics as Record<string, unknown>)[name], name).toBe("function");
    }
  });
});
