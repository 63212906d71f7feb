import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { generate } from "../src/generate.js";
import { loadSpec } from "../src/spec/load-spec.js";

const dir = mkdtempSync(join(tmpdir(), "tw-load-spec-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("loadSpec", () => {
  it("bundles external references and keeps the shared schema shared", async () => {
    writeFileSync(
      join(dir, "api.yaml"),
      [
        "openapi: 3.1.0",
        "info: { title: Split, version: '1' }",
        "paths:",
        "  /pets:",
        "    post:",
        "      operationId: createPet",
        "      summary: Create a pet",
        "      requestBody:",
        "        required: true",
        "        content:",
        "          application/json:",
        "            schema: { $ref: './schemas.yaml#/Pet' }",
      ].join("\n"),
    );
    writeFileSync(
      join(dir, "schemas.yaml"),
      "Pet:\n  type: object\n  required: [name]\n  properties:\n    name: { type: string }\n    friend: { $ref: '#/Pet' }\n",
    );
    writeFileSync(
      join(dir, "pets.yaml"),
      "category: Pets\nfeature: pets\nurl_prefix: /pets\ntools:\n  pet-create:\n    operation: createPet\n    annotations: { readOnly: false, destructive: false, idempotent: false, openWorld: false }\n",
    );
    const result = await generate({
      baseDir: dir,
      configFile: null,
      spec: join(dir, "api.yaml"),
      definitions: ["pets.yaml"],
      out: join(dir, "out"),
      upstream: null,
    });
    const schema = result.run.built.catalog.tools[0]?.inputSchema;
    expect(Object.keys(schema?.properties ?? {})).toEqual(["name", "friend"]);
    const friend = schema?.properties?.friend as { $ref: string };
    const defName = friend.$ref.replace("#/$defs/", "");
    const defs = (schema?.$defs ?? {}) as Record<string, { properties: { friend: unknown } }>;
    expect(defs[defName]?.properties.friend).toEqual(friend);
  });

  it("converts Swagger 2.0 to OpenAPI 3.0, body parameters and form data included", async () => {
    writeFileSync(
      join(dir, "swagger.json"),
      JSON.stringify({
        swagger: "2.0",
        info: { title: "Pets", version: "1" },
        host: "api.example.com",
        basePath: "/v1",
        paths: {
          "/pets": {
            post: {
              operationId: "createPet",
              consumes: ["application/x-www-form-urlencoded"],
              parameters: [
                { name: "name", in: "formData", type: "string", required: true },
                {
                  name: "tags",
                  in: "formData",
                  type: "array",
                  items: { type: "string" },
                  collectionFormat: "multi",
                },
              ],
              responses: { "200": { description: "ok" } },
            },
          },
        },
      }),
    );
    const spec = await loadSpec(join(dir, "swagger.json"));
    expect(spec.document.openapi).toMatch(/^3\.0\./);
    expect(spec.openapi30).toBe(true);
    const post = spec.document.paths?.["/pets"]?.post as {
      requestBody: { content: Record<string, { schema: unknown }> };
    };
    const body = post.requestBody.content["application/x-www-form-urlencoded"]?.schema;
    expect(body).toMatchObject({ required: ["name"], properties: { tags: { type: "array" } } });
  });

  it("rejects other versions and broken files with the file named", async () => {
    writeFileSync(
      join(dir, "old.json"),
      JSON.stringify({ swagger: "1.2", info: { title: "x", version: "1" } }),
    );
    await expect(loadSpec(join(dir, "old.json"))).rejects.toThrow(
      /old\.json is not an OpenAPI 3\.0 or 3\.1 \(or Swagger 2\.0\) document/,
    );
    writeFileSync(join(dir, "broken.json"), "{ not json");
    await expect(loadSpec(join(dir, "broken.json"))).rejects.toThrow(
      /cannot load OpenAPI spec .*broken\.json/,
    );
  });
});
