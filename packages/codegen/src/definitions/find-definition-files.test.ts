import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { fixtureProject } from "../../test/support.js";
import { findDefinitionFiles } from "./load-definitions.js";

describe("findDefinitionFiles", () => {
  let project: ReturnType<typeof fixtureProject>;
  beforeEach(() => {
    project = fixtureProject();
  });
  afterEach(() => project.cleanup());

  it("finds a plain path as the glob library would (absolute, once), without globbing", async () => {
    const { dir } = project;
    const expected = [join(dir, "mcp", "pets.yaml")];
    expect(await findDefinitionFiles(["mcp/pets.yaml"], dir)).toEqual(expected);
    expect(await findDefinitionFiles(["mcp/pets.y?ml"], dir)).toEqual(expected);
    expect(
      await findDefinitionFiles(["mcp/pets.yaml", "./mcp/pets.yaml", join(dir, "mcp/pets.yaml")], dir),
    ).toEqual(expected);
  });

  it("mixes plain paths and globs, sorted by path", async () => {
    const { dir } = project;
    const both = [join(dir, "mcp", "nodes.yaml"), join(dir, "mcp", "pets.yaml")];
    expect(await findDefinitionFiles(["mcp/*.yaml"], dir)).toEqual(both);
    expect(await findDefinitionFiles(["mcp/pets.yaml", "mcp/nodes.yaml"], dir)).toEqual(both);
  });

  it("treats a dot directory the way the glob library does", async () => {
    const { dir } = project;
    mkdirSync(join(dir, ".hidden"));
    writeFileSync(join(dir, ".hidden", "tools.yaml"), "tools: {}\n");
    expect(await findDefinitionFiles([".hidden/tools.yaml"], dir)).toEqual([
      join(dir, ".hidden", "tools.yaml"),
    ]);
  });

  it.each([
    ["a missing file", ["mcp/missing.yaml"]],
    ["a directory", ["mcp"]],
    ["a glob that matches nothing", ["mcp/*.json"]],
  ])("fails on %s, naming the patterns", async (_case, patterns) => {
    await expect(findDefinitionFiles(patterns, project.dir)).rejects.toThrow(
      `no definition files match '${patterns[0]}'`,
    );
  });
});
