import { readFile } from "node:fs/promises";
import { describe, expect, it } from "vitest";
import * as cli from "../src/cli/index.js";
import * as server from "../src/index.js";

describe("published surface", () => {
  it("pins the export map", async () => {
    const manifest = JSON.parse(await readFile(new URL("../package.json", import.meta.url), "utf8"));
    expect(Object.keys(manifest.exports)).toEqual([".", "./cli", "./package.json"]);
    expect(Object.keys(manifest.publishConfig.exports)).toEqual([".", "./cli", "./package.json"]);
    expect(manifest.bin).toEqual({ "toolwright-serve": "./bin/toolwright-serve.js" });
  });

  it("pins the runtime exports", () => {
    expect(Object.keys(server).sort()).toEqual([
      "LocalFlagsSchema",
      "callerIdentity",
      "compactToolUnwrapper",
      "createCatalog",
      "createHttpApp",
      "createListCache",
      "createMemoryListCache",
      "createMemoryStateStore",
      "createRedisStateStore",
      "createStateStore",
      "createToolwrightServer",
      "defineTool",
      "fullView",
      "hashKey",
      "localFlagProvider",
      "parseFlagList",
      "postHogFlagProvider",
      "readFlagFile",
      "serveHttp",
      "serveStdio",
      "viewFromRequest",
      "withAuthFailureLimit",
      "withCallerCache",
      "withNegativeCache",
    ]);
    expect(Object.keys(cli)).toEqual(["runServeCli"]);
  });
});
