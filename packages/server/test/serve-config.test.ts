import { type ChildProcess, spawn } from "node:child_process";
import { once } from "node:events";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { UsageError } from "@toolwright/core/internal";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readServeConfig } from "../src/cli/read-serve-config.js";
import { SERVE_OPTIONS } from "../src/cli/serve-option-table.js";
import { testDefinitions } from "./support/catalog.js";
import { connectHttp } from "./support/client.js";
import { startUpstream, type Upstream } from "./support/upstream.js";

const packageRoot = fileURLToPath(new URL("..", import.meta.url));
const bin = join(packageRoot, "src", "cli", "bin.ts");
// The server runs in a folder of its own, where `--import tsx` would not resolve: name tsx's loader by path.
const tsxLoader = pathToFileURL(join(packageRoot, "node_modules/tsx/dist/loader.mjs")).href;

let upstream: Upstream;
let folder: string;

beforeAll(async () => {
  upstream = await startUpstream();
  folder = await mkdtemp(join(tmpdir(), "toolwright-serve-config-"));
  await writeFile(join(folder, "tool-definitions.json"), JSON.stringify(testDefinitions(upstream.url)));
  // TypeScript syntax (a type annotation, `satisfies`), loaded without a build step.
  await writeFile(
    join(folder, "toolwright.config.ts"),
    [
      "type Flags = Record<string, boolean>;",
      "const flags: Flags = { beta: true };",
      "export default {",
      '  spec: "openapi.json",',
      '  definitions: ["mcp/*.yaml"],',
      '  out: ".",',
      '  serve: { name: "notes-from-file", instructions: "Use the notes tools.", flags, port: 0 },',
      "} satisfies { spec: string; definitions: string[]; out: string; serve: object };",
      "",
    ].join("\n"),
  );
});

afterAll(async () => {
  await upstream.close();
  await rm(folder, { recursive: true, force: true });
});

describe("readServeConfig", () => {
  it("takes flags over environment variables over the config file", async () => {
    const file = join(folder, "toolwright.config.ts");
    expect((await readServeConfig({}, {}, file)).name).toBe("notes-from-file");
    expect((await readServeConfig({}, { TOOLWRIGHT_NAME: "from-env" }, file)).name).toBe("from-env");
    expect((await readServeConfig({ name: "from-flag" }, { TOOLWRIGHT_NAME: "from-env" }, file)).name).toBe(
      "from-flag",
    );
    const config = await readServeConfig({ flags: "a,b=off" }, { TOOLWRIGHT_PORT: "4444" }, file);
    expect(config).toMatchObject({ flags: { a: true, b: false }, port: 4444 });
    // Without serve.catalog, the file's `out` folder holds the catalog.
    expect(config.catalog).toBe(join(folder, "tool-definitions.json"));
  });

  it("names the variable or file key of a bad value, and treats a bad flag as a usage error", async () => {
    await expect(readServeConfig({}, { TOOLWRIGHT_PUBLIC_URL: "not a url" }, null)).rejects.toThrow(
      /TOOLWRIGHT_PUBLIC_URL: /,
    );
    await expect(readServeConfig({ analytics: "kafka" }, {}, null)).rejects.toBeInstanceOf(UsageError);
    const bad = join(folder, "bad.config.json");
    await writeFile(bad, JSON.stringify({ spec: "s", definitions: ["d"], out: "o", serve: { prot: 1 } }));
    await expect(readServeConfig({}, {}, bad)).rejects.toThrow(/key 'serve.prot': unknown key|prot/);
  });

  it("has one row per setting, each with a distinct flag and variable", () => {
    const flags = SERVE_OPTIONS.map((option) => option.flag);
    const variables = SERVE_OPTIONS.flatMap((option) => (option.env ? [option.env] : []));
    expect(new Set(flags).size).toBe(flags.length);
    expect(new Set(variables).size).toBe(variables.length);
  });
});

describe("toolwright-serve with a toolwright.config.ts and analytics from flags only", () => {
  it("serves the file's name, instructions and flags, and writes usage events to the JSONL file", async () => {
    const events = join(folder, "events.jsonl");
    const child: ChildProcess = spawn(
      process.execPath,
      [
        "--conditions=@toolwright/source",
        "--import",
        tsxLoader,
        bin,
        "--analytics",
        "jsonl",
        "--events-file",
        events,
      ],
      { cwd: folder, env: { ...process.env, TOOLWRIGHT_FLAGS: "" }, stdio: ["ignore", "pipe", "pipe"] },
    );
    let output = "";
    const url = await new Promise<string>((resolve, reject) => {
      child.stderr?.on("data", (chunk: Buffer) => {
        output += chunk.toString();
        const match = /at (http:\/\/\S+\/mcp)/.exec(output);
        if (match?.[1]) resolve(match[1]);
      });
      child.once("exit", () => reject(new Error(`exited early: ${output}`)));
    });
    expect(output).toContain(`usage events to ${events}`);
    const client = await connectHttp(url, "admin");
    expect(client.getServerVersion()?.name).toBe("notes-from-file");
    expect(client.getInstructions()).toBe("Use the notes tools.");
    expect((await client.listTools()).tools.length).toBeGreaterThan(0);
    await client.close();
    const exited = once(child, "exit");
    child.kill("SIGTERM");
    expect((await exited)[0]).toBe(0);
    const lines = (await readFile(events, "utf8"))
      .trim()
      .split("\n")
      .map((line) => JSON.parse(line));
    const names = lines.map((line) => line.event);
    expect(names).toContain("$mcp_tools_list");
    expect(JSON.stringify(lines)).not.toContain("Bearer admin");
  });
});
