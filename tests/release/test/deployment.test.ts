// Fast checks on the deployment artefacts: the Dockerfile's shape, the build context, and that every setting
// the server reads from the environment is documented in docs/deploying.md.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { SettingsSchema } from "@toolwright/mcp-server/settings";
import { describe, expect, it } from "vitest";
import { dockerIgnoreMatcher, parseDockerfile } from "./support/dockerfile.js";
import { readManifest, repoRoot } from "./support/repo.js";

const stages = parseDockerfile("apps/mcp-server/Dockerfile");
const [build, runtime] = stages;
const deployingDoc = readFileSync(join(repoRoot, "docs/deploying.md"), "utf8");

describe("apps/mcp-server/Dockerfile", () => {
  it("has a build stage and a runtime stage on the same Node 20 base", () => {
    expect(stages.map((stage) => stage.name)).toEqual(["build", "runtime"]);
    expect(build?.base).toMatch(/^node:20[.-]/);
    expect(runtime?.base).toBe(build?.base);
  });

  it("builds with a frozen lockfile and turbo, then deploys production dependencies to /app", () => {
    const commands = build?.run.join("\n") ?? "";
    // The pnpm that packageManager pins, and a dependency layer built from the lockfile alone.
    expect(commands).toContain("corepack install");
    expect(commands).toMatch(/^pnpm fetch$/m);
    expect(commands).toMatch(/pnpm install --offline --frozen-lockfile/);
    expect(commands).toMatch(/turbo run build --filter "@toolwright\/mcp-server"/);
    expect(commands).toMatch(/pnpm --filter "@toolwright\/mcp-server" deploy --legacy --prod \/app$/m);
  });

  it("runs node dist/main.js (with its young-generation size) as the non-root node user, with a /healthz healthcheck", () => {
    expect(runtime?.user).toBe("node");
    expect(runtime?.workdir).toBe("/app");
    expect(runtime?.cmd).toEqual(["node", "--max-semi-space-size=32", "dist/main.js"]);
    // The same flags wherever the server is started for production.
    expect(readManifest("apps/mcp-server").scripts?.["start:prod"]).toBe(runtime?.cmd?.join(" "));
    expect(readManifest("apps/mcp-server").scripts?.build).toBe("tsc -p tsconfig.build.json");
    expect(runtime?.healthcheck?.cmd.join(" ")).toContain("/healthz");
    expect(runtime?.healthcheck?.options).toMatch(/--interval=\d+s --timeout=\d+s/);
    expect(runtime?.env).toMatchObject({ NODE_ENV: "production", TOOLWRIGHT_HOST: "0.0.0.0" });
  });

  it("shares its Node flags with the general image and with `pnpm start`", () => {
    const flags = runtime?.cmd?.slice(1, -1);
    expect(flags?.length).toBeGreaterThan(0);
    const general = parseDockerfile("packages/server/Dockerfile").at(-1);
    expect(general?.cmd?.slice(1, -1), "packages/server/Dockerfile CMD").toEqual(flags);
    const start = readFileSync(join(repoRoot, "scripts/start.mjs"), "utf8");
    const declared = /^const NODE_FLAGS = (\[.*\]);$/m.exec(start)?.[1];
    expect(declared, "scripts/start.mjs declares NODE_FLAGS on one line").toBeDefined();
    expect(JSON.parse(declared ?? "[]"), "scripts/start.mjs NODE_FLAGS").toEqual(flags);
  });

  it("only ever sets settings that the server reads", () => {
    const settings = Object.keys(SettingsSchema.shape);
    for (const name of Object.keys(runtime?.env ?? {}).filter((key) => key !== "NODE_ENV")) {
      expect(settings, name).toContain(name);
    }
  });
});

describe("the build context (.dockerignore)", () => {
  const ignored = dockerIgnoreMatcher(".dockerignore");
  it.each([
    ".git",
    "node_modules",
    "packages/core/node_modules",
    "apps/mcp-server/dist",
    ".data",
    "a/b/.turbo",
  ])("leaves out %s", (path) => {
    expect(ignored(path)).toBe(true);
  });
  it.each(["pnpm-lock.yaml", "packages/core/src", "apps/mcp-server/src/generated", "turbo.json"])(
    "keeps %s",
    (path) => {
      expect(ignored(path)).toBe(false);
    },
  );
});

describe("docs/deploying.md", () => {
  it.each(Object.keys(SettingsSchema.shape))("documents %s in the settings table", (name) => {
    expect(deployingDoc).toMatch(new RegExp(`^\\| \`${name}\` +\\|`, "m"));
  });

  it("documents every variable the image sets", () => {
    for (const name of Object.keys(runtime?.env ?? {})) expect(deployingDoc, name).toContain(`\`${name}\``);
  });
});
