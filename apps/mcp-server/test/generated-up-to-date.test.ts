import { fileURLToPath } from "node:url";
import { type CliIo, runCli } from "@toolwright/codegen";
import { describe, expect, it } from "vitest";

const config = fileURLToPath(new URL("../toolwright.config.json", import.meta.url));

describe("generated demo catalog", () => {
  it("is up to date with the demo API's OpenAPI document and mcp/*.yaml (toolwright check)", async () => {
    const output: string[] = [];
    const io: CliIo = {
      cwd: process.cwd(),
      stdout: (text) => output.push(text),
      stderr: (text) => output.push(text),
      stderrIsTty: false,
    };
    const code = await runCli(["check", "--config", config], io);
    expect(
      output.join(""),
      "run `pnpm --filter @toolwright/mcp-server generate` and commit the result",
    ).not.toMatch(/stale|orphan/i);
    expect(code).toBe(0);
  });
});
