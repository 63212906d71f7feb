import { readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { serveCommand } from "../src/cli/commands/serve-command.js";
import { runCli } from "../src/cli/main.js";
import { captureIo, fixtureProject } from "./support.js";

let project: ReturnType<typeof fixtureProject>;
beforeEach(() => {
  project = fixtureProject();
  writeFileSync(
    join(project.dir, "toolwright.config.json"),
    JSON.stringify({ spec: "specs/pets-3.0.yaml", definitions: ["mcp/pets.yaml"], out: "out" }),
  );
});
afterEach(() => project.cleanup());

const run = async (...argv: string[]) => {
  const io = captureIo(project.dir);
  const code = await runCli(argv, io);
  return { code, out: io.out(), err: io.err() };
};

/** `toolwright scaffold` over the pets fixture spec into `out`, with more flags. */
const scaffoldPets = (out: string, ...flags: string[]) =>
  run("scaffold", "--spec", "specs/pets-3.0.yaml", "--out", out, ...flags);

describe("toolwright CLI", () => {
  it("generate then check: 0, and check fails with 1 listing the stale file after an edit", async () => {
    expect((await run("generate")).code).toBe(0);
    expect(await run("check")).toMatchObject({ code: 0, out: "generated files are up to date\n" });
    writeFileSync(join(project.dir, "out/tool-schemas/pet-get.json"), "{}\n");
    const stale = await run("check");
    expect(stale.code).toBe(1);
    expect(stale.out).toContain("stale: tool-schemas/pet-get.json (changed)");
  });

  it("names the spec file and every dangling $ref with where it is used (exit 1), and writes nothing", async () => {
    const spec = join(project.dir, "specs/pets-3.0.yaml");
    const text = readFileSync(spec, "utf8");
    expect(text.split('"#/components/schemas/NewPet"').length).toBeGreaterThan(1);
    writeFileSync(
      spec,
      text
        .replace('"#/components/schemas/NewPet"', '"#/components/schemas/Gone"')
        .replace('"#/components/schemas/Owner"', '"#/components/schemas/AlsoGone"'),
    );
    const result = await run("generate");
    expect(result.code).toBe(1);
    expect(result.err).toContain("specs/pets-3.0.yaml");
    expect(result.err).toMatch(/2 dangling reference\(s\)/);
    expect(result.err).toMatch(/'#\/components\/schemas\/Gone' \(used at #\/paths\/~1[^)]+\) does not exist/);
    expect(result.err).toMatch(/'#\/components\/schemas\/AlsoGone' \(used at #\/[^)]+\) does not exist/);
    expect(() => readFileSync(join(project.dir, "out/tool-definitions.json"))).toThrow();
  });

  it("check names the file and tool of an orphaned operation", async () => {
    await run("generate");
    const file = join(project.dir, "mcp/pets.yaml");
    writeFileSync(file, readFileSync(file, "utf8").replace("operation: exportRaw", "operation: exportGone"));
    const result = await run("check");
    expect(result.code).toBe(1);
    expect(result.out).toMatch(
      /orphaned: mcp\/pets\.yaml:\d+: tool 'pet-export': operation 'exportGone' is not in the spec/,
    );
  });

  it("flags override the config file", async () => {
    const result = await run("generate", "--out", "elsewhere");
    expect(result.code).toBe(0);
    expect(result.out).toContain(join(project.dir, "elsewhere"));
  });

  it("rejects unknown config keys naming the file and key (exit 1: an invalid input)", async () => {
    writeFileSync(
      join(project.dir, "toolwright.config.json"),
      JSON.stringify({ spec: "s", definitions: ["d"], out: "o", outDir: "x" }),
    );
    const result = await run("generate");
    expect(result.code).toBe(1);
    expect(result.err).toMatch(/toolwright\.config\.json: key 'outDir': unknown key/);
  });

  it("exits 2 on usage errors and unknown commands, and prints help for every command", async () => {
    expect((await run("generate", "--bogus")).code).toBe(2);
    expect((await run("frobnicate")).code).toBe(2);
    for (const command of ["generate", "check", "scaffold", "sync", "lint", "inspect"]) {
      const result = await run(command, "--help");
      expect(result.code).toBe(0);
      expect(result.out).toContain(`Usage: toolwright ${command}`);
    }
  });

  it("scaffold writes disabled tools, names operations without operationId, and refuses to overwrite", async () => {
    const result = await scaffoldPets("mcp/scaffold.yaml", "--feature", "pets");
    expect(result.code).toBe(0);
    const scaffolded = parse(readFileSync(join(project.dir, "mcp/scaffold.yaml"), "utf8"));
    expect(scaffolded.feature).toBe("pets");
    expect(scaffolded.tools["post-categories"]).toMatchObject({
      operation: "POST /categories",
      enabled: false,
    });
    expect(scaffolded.tools["export-raw"].disabled_reason).toContain("image/png");
    // Nobody decided the write tool's annotations: none are written, and the tool says so.
    expect(scaffolded.tools["create-pet"].annotations).toBeUndefined();
    expect(scaffolded.tools["create-pet"].disabled_reason).toMatch(/decide its annotations/);
    expect((await scaffoldPets("mcp/scaffold.yaml")).code).toBe(2);
  });

  it("scaffold --enabled output generates cleanly (the unsendable operation stays disabled)", async () => {
    writeFileSync(
      join(project.dir, "toolwright.config.json"),
      JSON.stringify({ spec: "specs/pets-3.0.yaml", definitions: ["mcp/all.yaml"], out: "out" }),
    );
    expect(
      (await scaffoldPets("mcp/all.yaml", "--enabled", "--assume-annotations", "--feature", "pets")).code,
    ).toBe(0);
    const generated = await run("generate");
    expect(generated.err).toBe("");
    expect(generated.out).toMatch(/^generated 11 tools/);
  });

  it("scaffold --generate writes the definitions and their outputs in one run, which check then accepts", async () => {
    const scaffolded = await scaffoldPets(
      "mcp/all.yaml",
      "--enabled",
      "--assume-annotations",
      "--generate",
      "generated-all",
      "--upstream",
      "https://pets.example.com",
    );
    expect(scaffolded).toMatchObject({ code: 0, err: "" });
    expect(scaffolded.out).toMatch(
      /^scaffolded 12 tools into mcp\/all\.yaml, feature '\w+' \(1 disabled: [^)]*\)\ngenerated 11 tools into generated-all: /,
    );
    const definitions = JSON.parse(
      readFileSync(join(project.dir, "generated-all/tool-definitions.json"), "utf8"),
    );
    expect(definitions.upstream).toBe("https://pets.example.com");
    expect(definitions.tools).toHaveLength(11);
    const checkFlags = [
      "--spec",
      "specs/pets-3.0.yaml",
      "--definitions",
      "mcp/all.yaml",
      "--out",
      "generated-all",
    ];
    expect(await run("check", ...checkFlags, "--upstream", "https://pets.example.com")).toMatchObject({
      code: 0,
    });
    // --upstream only means something with --generate.
    expect((await scaffoldPets("mcp/x.yaml", "--upstream", "https://x.test")).code).toBe(2);
  });

  it("sync adds new operations as disabled tools, keeps every other byte, and --fix cuts out gone ones", async () => {
    const file = join(project.dir, "mcp/pets.yaml");
    // Hand-written text sync must keep as written: folded block text, a comment, odd spacing.
    const goneEntry = [
      "  pet-get:",
      "    operation: fetchPet # renamed upstream",
      "    description: >-",
      "      Get one pet by id.",
      "      Use pet-list to find ids.",
      "",
    ].join("\n");
    const edited = readFileSync(file, "utf8")
      .replace(
        "    list: true\n",
        "    list: true\n    description: >-\n      Lists pets, newest first,\n      twenty at a time.\n\n",
      )
      .replace(
        "  pet-get:\n    operation: getPet\n    description: Get one pet by id. Use pet-list to find ids.\n",
        goneEntry,
      );
    expect(edited).toContain(goneEntry);
    writeFileSync(file, edited);
    const first = await run("sync");
    expect(first.code).toBe(1);
    expect(first.out).toMatch(/gone: mcp\/pets\.yaml:\d+: tool 'pet-get': operation 'fetchPet'/);
    expect(first.out).toContain("added: mcp/pets.yaml: tool 'get-pet' (operation 'getPet', disabled)");
    const afterFirst = readFileSync(file, "utf8");
    // The new tool is appended after the last entry, with the entries' indentation; nothing else moves.
    expect(afterFirst.startsWith(edited)).toBe(true);
    expect(afterFirst.slice(edited.length)).toMatch(
      /^ {2}get-pet:\n {4}operation: getPet\n {4}enabled: false\n/,
    );
    expect(parse(afterFirst).tools["get-pet"]).toMatchObject({ operation: "getPet", enabled: false });
    expect((await run("sync", "--fix")).code).toBe(0);
    // --fix removes exactly the gone tool's lines.
    expect(readFileSync(file, "utf8")).toBe(afterFirst.replace(goneEntry, ""));
    expect(await run("sync")).toMatchObject({ code: 0, out: "definitions are in sync with the spec\n" });
  });

  it("sync keeps a CRLF file's line endings", async () => {
    const file = join(project.dir, "mcp/pets.yaml");
    const crlf = readFileSync(file, "utf8")
      .replace("operation: getPet", "operation: fetchPet")
      .replace(/\n/g, "\r\n");
    writeFileSync(file, crlf);
    expect((await run("sync", "--fix")).code).toBe(0);
    const after = readFileSync(file, "utf8");
    expect(after).toContain("  get-pet:\r\n    operation: getPet\r\n");
    expect(after).not.toContain("pet-get:");
    expect(after.replace(/\r\n/g, "")).not.toContain("\n");
  });

  it("sync rewrites a flow tools map through the YAML document, keeping its tools", async () => {
    const file = join(project.dir, "mcp/pets.yaml");
    writeFileSync(
      file,
      "# flow style\ncategory: Pets\nfeature: pets\nurl_prefix: /pets\ntools: { pet-list: { operation: listPets, list: true } }\n",
    );
    expect(await run("sync")).toMatchObject({ code: 0, out: expect.stringContaining("tool 'get-pet'") });
    const after = readFileSync(file, "utf8");
    expect(after).toContain("# flow style");
    const tools = parse(after).tools;
    expect(tools["pet-list"]).toEqual({ operation: "listPets", list: true });
    expect(tools["get-pet"]).toMatchObject({ operation: "getPet", enabled: false });
  });

  it("lint reports rule ids with file and tool; errors exit 1", async () => {
    const clean = await run("lint");
    expect(clean.code).toBe(0);
    expect(clean.out).toContain("0 error(s)");
    const file = join(project.dir, "mcp/pets.yaml");
    writeFileSync(
      file,
      readFileSync(file, "utf8").replace("Use pet-list to find ids.", "Use `pet-find` to find ids."),
    );
    const mention = await run("lint", "--strict", "--max-total-bytes", "100");
    expect(mention.code).toBe(1);
    expect(mention.out).toMatch(
      /mcp\/pets\.yaml:\d+: tool 'pet-get': warning TW008 unknown-tool-mention: description mentions 'pet-find'/,
    );
    expect(mention.out).toContain("warning TW010 total-bytes");
  });

  it("inspect --json gives bytes and estimated tokens per tool and in total", async () => {
    const result = await run("inspect", "--json");
    expect(result.code).toBe(0);
    const report = JSON.parse(result.out);
    expect(report.tools).toHaveLength(10);
    expect(report.tokenEstimate).toBe("bytes / 4");
    const first = report.tools[0];
    expect(first.tokens).toBe(Math.ceil(first.bytes / 4));
    expect(report.totalBytes).toBeGreaterThan(
      report.tools.reduce((sum: number, tool: { bytes: number }) => sum + tool.bytes, 0),
    );
  });

  it("serve explains how to install the server when it is missing", async () => {
    const io = captureIo(project.dir);
    const code = await serveCommand([], io, "@toolwright/server-not-installed/cli");
    const result = { code, err: io.err() };
    expect(result.code).toBe(1);
    expect(result.err).toBe("toolwright serve needs @toolwright/server: npm install @toolwright/server\n");
  });
});

describe("CLI manners", () => {
  it("--version prints the package version and exits 0", async () => {
    const { version } = JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8"));
    for (const flag of ["--version", "-v"])
      expect(await run(flag)).toMatchObject({ code: 0, out: `${version}\n` });
  });

  it("a missing spec file is a sentence naming the file, exit 1", async () => {
    const result = await run("generate", "--spec", "specs/nope.yaml");
    expect(result.code).toBe(1);
    expect(result.err).toMatch(/cannot read the OpenAPI spec \S*specs\/nope\.yaml: the file does not exist/);
    expect(result.err).not.toContain("ENOENT");
  });

  it("missing flags without a config file are a usage error (exit 2); a missing definition file is not", async () => {
    rmSync(join(project.dir, "toolwright.config.json"));
    expect((await run("generate")).code).toBe(2);
    const missing = await run(
      "generate",
      "--spec",
      "specs/pets-3.0.yaml",
      "--definitions",
      "mcp/nope.yaml",
      "--out",
      "o",
    );
    expect(missing.code).toBe(1);
    expect(missing.err).toContain("no definition files match");
  });

  it("generate, check, sync and scaffold report as JSON with --json", async () => {
    const generated = await run("generate", "--json");
    expect(generated.code).toBe(0);
    const report = JSON.parse(generated.out);
    expect(report.tools).toBeGreaterThan(0);
    expect(report.written.length).toBeGreaterThan(0);
    const checked = JSON.parse((await run("check", "--json")).out);
    expect(checked).toEqual({ upToDate: true, stale: [], orphans: [] });
    writeFileSync(join(project.dir, "out/tool-schemas/pet-get.json"), "{}\n");
    const stale = await run("check", "--json");
    expect(stale.code).toBe(1);
    expect(JSON.parse(stale.out).stale).toEqual([{ path: "tool-schemas/pet-get.json", reason: "changed" }]);
    const synced = await run("sync", "--json");
    expect(JSON.parse(synced.out)).toMatchObject({ gone: [], removed: false });
    const scaffolded = await scaffoldPets("mcp/new.yaml", "--json");
    expect(scaffolded.code).toBe(0);
    expect(JSON.parse(scaffolded.out)).toMatchObject({ feature: "pet_store", tools: 12 });
  });

  it("lint names every write tool whose annotations nobody decided (TW012)", async () => {
    await scaffoldPets("mcp/new.yaml", "--feature", "pets_new");
    writeFileSync(
      join(project.dir, "toolwright.config.json"),
      JSON.stringify({ spec: "specs/pets-3.0.yaml", definitions: ["mcp/*.yaml"], out: "out" }),
    );
    const result = await run("lint", "--json");
    const undecided = (JSON.parse(result.out) as Array<{ rule: string; tool: string; file: string }>).filter(
      (finding) => finding.rule === "TW012",
    );
    const fresh = undecided
      .filter((finding) => finding.file === "mcp/new.yaml")
      .map((finding) => finding.tool);
    expect(fresh).toContain("create-pet");
    expect(fresh).not.toContain("list-pets");
  });
});
