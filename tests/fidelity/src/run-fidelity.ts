import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import { buildCatalog, loadDefinitions, loadSpec, scaffold } from "@toolwright/codegen";
import type { CatalogTool } from "@toolwright/core";
import { createCatalog, serveHttp } from "@toolwright/server";
import { createGeneratorSync } from "json-schema-faker";
import { FIDELITY_SEED } from "./fidelity-specs.js";
import { type RecordedRequest, startRecordingUpstream } from "./recording-upstream.js";
import { RequestChecker } from "./request-check.js";

const FETCH_SCRIPT = new URL("../../../scripts/fetch-specs.mjs", import.meta.url).pathname;

/** What one spec's run found: how many tools were called, and what was wrong with each request. */
export interface SpecFidelity {
  id: string;
  tools: number;
  called: number;
  faithful: number;
  failures: Array<{ tool: string; operation: string; problems: string[] }>;
  /** Calls of tools that advertise an output schema. */
  withOutputSchema: number;
  /** Of those, answers (`{}` from the recording upstream) that matched it: structuredContent. */
  structured: number;
  /** And answers that did not: an isError result carrying the answer, never a thrown call. */
  driftAnswers: number;
}

/** Fetches the named specs into the repository's ignored `.cache/specs` (once) and returns their paths. */
export function fetchSpecs(ids: readonly string[]): Record<string, string> {
  return JSON.parse(execFileSync("node", [FETCH_SCRIPT, ...ids], { encoding: "utf8", timeout: 300_000 }));
}

/** A small seeded generator (mulberry32): the same seed picks the same sample on every machine. */
function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let value = Math.imul(state ^ (state >>> 15), 1 | state);
    value = (value + Math.imul(value ^ (value >>> 7), 61 | value)) ^ value;
    return ((value ^ (value >>> 14)) >>> 0) / 4_294_967_296;
  };
}

function sample<T>(items: readonly T[], size: number, seed: number): T[] {
  const random = seededRandom(seed);
  const shuffled = [...items];
  for (let index = shuffled.length - 1; index > 0; index--) {
    const other = Math.floor(random() * (index + 1));
    [shuffled[index], shuffled[other]] = [shuffled[other] as T, shuffled[index] as T];
  }
  return shuffled.slice(0, size);
}

/** Scaffolds every operation of the spec as an enabled tool and builds the catalog, as a user would. */
async function specCatalog(id: string, file: string, upstream: string, outputSchemas: boolean) {
  const spec = await loadSpec(file);
  const work = mkdtempSync(join(tmpdir(), `tw-fidelity-${id}-`));
  try {
    const feature = id.replace(/[^a-z0-9]+/g, "_");
    // Every operation is served, writes too: their annotations are the method's guess, as in the codegen bench.
    writeFileSync(
      join(work, "tools.yaml"),
      scaffold(spec, { enabled: true, assumeAnnotations: true, feature }).text,
    );
    const definitions = await loadDefinitions(["tools.yaml"], work);
    const built = await buildCatalog({ spec, definitions, upstream, outputSchemas });
    return { catalog: built.catalog, document: spec.document };
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

function argumentsFor(tool: CatalogTool, seed: number): Record<string, unknown> {
  const generator = createGeneratorSync({ seed, optionalsProbability: 0.5, maxItems: 3 });
  return generator.generate(tool.inputSchema as never) as Record<string, unknown>;
}

/** Generated arguments the server rejects (a generator limit, e.g. a `\p{L}` pattern) are made again. */
const ATTEMPTS = 8;

async function callWithGeneratedArguments(
  client: Client,
  tool: CatalogTool,
  seed: number,
  upstream: { take(): RecordedRequest[] },
) {
  for (let attempt = 0; ; attempt++) {
    const answer = await client.callTool({ name: tool.name, arguments: argumentsFor(tool, seed + attempt) });
    const requests = upstream.take();
    const rejected =
      answer.isError === true && requests.length === 0 && textOf(answer).startsWith("Invalid arguments");
    if (!rejected || attempt === ATTEMPTS - 1) return { answer, requests };
  }
}

function textOf(result: unknown): string {
  const content = (result as { content?: Array<{ text?: string }> }).content ?? [];
  return content.map((item) => item.text ?? "").join("\n");
}

/**
 * Serves the spec's generated catalog with @toolwright/server against a recording upstream, calls a
 * seeded sample of its tools through the MCP SDK client with arguments generated from each tool's
 * own input schema, and checks every recorded request against the tool's OpenAPI operation.
 */
export async function runSpecFidelity(
  id: string,
  file: string,
  sampleSize: number,
  outputSchemas = false,
): Promise<SpecFidelity> {
  const upstream = await startRecordingUpstream();
  const { catalog } = await specCatalog(id, file, upstream.url, outputSchemas);
  // The checker reads its own copy of the document: nothing codegen did to it can make a request pass.
  const checker = await RequestChecker.create(JSON.parse(readFileSync(file, "utf8")));
  const server = await serveHttp({
    catalog: createCatalog({ definitions: catalog }),
    port: 0,
    scopes: ["*"],
  });
  const client = new Client({ name: "toolwright-fidelity", version: "1.0.0" });
  await client.connect(new StreamableHTTPClientTransport(new URL(server.url)));
  // Listing makes the SDK client validate each result against the tool's output schema, as real clients do.
  if (outputSchemas) {
    await client.listTools();
    // Client and server share this process's event loop, and the SDK client compiles every output
    // schema synchronously after listing (seconds on GitHub), so the server's keep-alive timer and the
    // client's idle socket expire together and the next request may meet a reset socket. One ping
    // that may reconnect absorbs that; a second failure fails the run.
    await client.ping().catch(() => client.ping());
  }
  const result: SpecFidelity = {
    id,
    tools: catalog.tools.length,
    called: 0,
    faithful: 0,
    failures: [],
    withOutputSchema: 0,
    structured: 0,
    driftAnswers: 0,
  };
  try {
    for (const [index, tool] of sample(catalog.tools, sampleSize, FIDELITY_SEED).entries()) {
      const { answer, requests } = await callWithGeneratedArguments(
        client,
        tool,
        FIDELITY_SEED + index * ATTEMPTS,
        upstream,
      );
      result.called++;
      if (tool.outputSchema) {
        result.withOutputSchema++;
        if (answer.structuredContent !== undefined) result.structured++;
        else if (answer.isError && textOf(answer).startsWith("The upstream answered, but not in the shape"))
          result.driftAnswers++;
      }
      const problems =
        requests.length === 1 && requests[0]
          ? await checker.check(requests[0], tool.binding.operationId)
          : [
              `expected one upstream request, got ${requests.length}${answer.isError ? `: ${textOf(answer)}` : ""}`,
            ];
      if (problems.length === 0) result.faithful++;
      else result.failures.push({ tool: tool.name, operation: tool.binding.operationId, problems });
    }
  } finally {
    await client.close();
    await server.close();
    await upstream.close();
  }
  return result;
}
