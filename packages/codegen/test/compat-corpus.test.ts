import { formatDefinitionIssue, isToolwrightError, parseToolDefinitions } from "@toolwright/core";
import { describe, expect, it } from "vitest";
import { type CodegenOptions, resolveOptions } from "../src/config/codegen-config.js";
import { prepareRun } from "../src/generate.js";
import { definitionWarningFinding, lintCatalog } from "../src/lint/lint-catalog.js";
import { FIXTURES } from "./support.js";

/** An output's text: outputs are rendered lazily, chunk by chunk, when they are large. */
function outputText(content: string | (() => Iterable<string>) | undefined): string {
  if (content === undefined) return "{}";
  return typeof content === "string" ? content : [...content()].join("");
}

const CORPUS = `${FIXTURES}compat/`;

async function corpusOptions(overrides: Partial<CodegenOptions> = {}): Promise<CodegenOptions> {
  return {
    ...(await resolveOptions({ config: `${CORPUS}toolwright.config.json` }, process.cwd())),
    ...overrides,
  };
}

/** The message a run over one failing fixture throws. */
async function failure(fixture: string): Promise<string> {
  try {
    await prepareRun(await corpusOptions({ definitions: [`failing/${fixture}`] }));
  } catch (error) {
    if (isToolwrightError(error)) return error.message;
    throw error;
  }
  throw new Error(`expected failing/${fixture} to be rejected`);
}

describe("the compatibility corpus (PostHog-shaped definition files)", () => {
  it("generates and lints with no errors, warning about each key it does not implement", async () => {
    const run = await prepareRun(await corpusOptions());
    const catalog = parseToolDefinitions(JSON.parse(outputText(run.files.get("tool-definitions.json"))));
    expect(catalog.tools.map((tool) => tool.name)).toEqual([
      "board-archive",
      "boards-list",
      "note-create",
      "note-delete",
      "note-get",
      "note-publish",
      "note-quick-create",
      "notes-export",
      "notes-export-legacy",
      "notes-list",
      "notes-search",
    ]);
    const findings = [...run.built.warnings.map(definitionWarningFinding), ...lintCatalog(catalog)];
    expect(findings.filter((finding) => finding.severity === "error")).toEqual([]);
    expect(run.built.warnings.map(formatDefinitionIssue)).toEqual([
      "mcp/notes.yaml:4: warning: key 'agent_note': 'agent_note' is not implemented by Toolwright (a note for another pipeline's agent prompts); it is ignored",
      "mcp/notes.yaml:40: warning: tool 'note-create': key 'validators': 'validators' is not implemented by Toolwright (custom input validators run by another pipeline's generated code); it is ignored",
      "mcp/notes.yaml:68: warning: tool 'note-publish': key 'agent_note': 'agent_note' is not implemented by Toolwright (a note for another pipeline's agent prompts); it is ignored",
      "mcp/notes.yaml:39: warning: tool 'note-create': key 'exclude_params.0': 'state' is not an input of the operation, so excluding it changes nothing; the operation has: title, body, priority, tags, meta",
    ]);
    expect(findings.filter((finding) => finding.rule === "TW013").map((finding) => finding.message)).toEqual([
      "ui_app 'ui://notebook/note-card.html' is carried in tool-definitions.json, but the server does not serve MCP Apps views yet; clients see the tool without it",
    ]);
  });

  it("hides project_id from every tool and binds it to the caller's project", async () => {
    const { catalog } = (await prepareRun(await corpusOptions())).built;
    for (const tool of catalog.tools) {
      expect(Object.keys(tool.inputSchema.properties ?? {}), tool.name).not.toContain("project_id");
      expect(tool.argumentRules?.context, tool.name).toEqual({ project_id: "project.id" });
    }
    expect(catalog.lookupContext).toEqual({ notes_retrieve: { project_id: "project.id" } });
  });

  it("gives each key its meaning in the catalog", async () => {
    const { catalog } = (await prepareRun(await corpusOptions())).built;
    const tool = (name: string) => catalog.tools.find((candidate) => candidate.name === name);
    expect(tool("note-get")?.inputSchema.properties?.id).toEqual({
      type: "integer",
      description: "The note's id. Send an integer.",
    });
    expect(tool("note-get")?.argumentRules?.casts).toEqual({ id: "string-int" });
    expect(tool("note-get")?.uiApp).toBe("ui://notebook/note-card.html");
    expect(tool("note-delete")?.binding).toMatchObject({
      method: "PATCH",
      operationId: "notes_partial_update",
    });
    expect(tool("note-delete")?.argumentRules?.constants).toEqual({ "soft_delete.deleted": true });
    expect(tool("note-delete")?.annotations.destructiveHint).toBe(true);
    expect(tool("board-archive")?.argumentRules?.constants).toEqual({ "soft_delete.archived": true });
    expect(Object.keys(tool("note-quick-create")?.inputSchema.properties ?? {})).toEqual(["title"]);
    expect(tool("note-create")?.inputSchema.properties?.meta).toEqual({
      type: "object",
      properties: { source: { type: "string" } },
    });
    expect(catalog.tools.filter((entry) => entry.mcpVersion === 2).map((entry) => entry.name)).toEqual([
      "board-archive",
      "boards-list",
      "note-quick-create",
      "notes-search",
    ]);
    expect(tool("notes-list")?.mcpVersion).toBe(1);
    expect(tool("note-update")).toBeUndefined();
    expect(tool("notes-export-legacy")?.featureFlag).toEqual({ key: "notes-export-v2", behavior: "disable" });
    expect(tool("boards-list")?.featureFlag).toEqual({ key: "boards-mcp", behavior: "enable" });
  });

  it("fails on warnings when warningsAsErrors is set, naming each one", async () => {
    let message = "";
    try {
      await prepareRun(await corpusOptions({ warningsAsErrors: true }));
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toMatch(/^4 problems in tool definitions:/);
    expect(message).toContain(
      "mcp/notes.yaml:40: tool 'note-create': key 'validators': 'validators' is not implemented by Toolwright",
    );
  });
});

describe("semantic checks at generate and lint: one failing fixture each", () => {
  it("a guard reading an argument the tool does not have", async () => {
    expect(await failure("guard-unknown-argument.yaml")).toBe(
      [
        "1 problem in tool definitions:",
        "  failing/guard-unknown-argument.yaml:16: tool 'note-publish': key 'guards.0.target.params.id': '{args.note_id}' reads an argument 'note_id' the tool does not have; it has: id, project_id",
      ].join("\n"),
    );
  });

  it("a guard lookup passing a parameter the target operation does not take", async () => {
    expect(await failure("guard-unknown-parameter.yaml")).toBe(
      [
        "2 problems in tool definitions:",
        "  failing/guard-unknown-parameter.yaml:16: tool 'note-publish': key 'guards.0.target.params.note': 'notes_retrieve' has no parameter 'note'; it takes: id, project_id",
        "  failing/guard-unknown-parameter.yaml:15: tool 'note-publish': key 'guards.0.target.params': 'notes_retrieve' needs its path parameter 'id' in params",
      ].join("\n"),
    );
  });

  it("a guard checking a field the target's response does not have", async () => {
    expect(await failure("guard-unknown-field.yaml")).toBe(
      [
        "1 problem in tool definitions:",
        "  failing/guard-unknown-field.yaml:17: tool 'note-publish': key 'guards.0.field': 'status' is not in the response of 'notes_retrieve', so the guard would refuse every call; the response has: board, body, created_at, deleted, id, internal_rev, priority, state, title",
      ].join("\n"),
    );
  });

  it("a guard naming an operation the spec does not have", async () => {
    expect(await failure("guard-unknown-operation.yaml")).toBe(
      [
        "1 problem in tool definitions:",
        "  failing/guard-unknown-operation.yaml:14: tool 'note-publish': key 'guards.0.target.operation': guard lookup 'notes_fetch' cannot be used: the spec has no such operation",
      ].join("\n"),
    );
  });

  it("a list tool's response exclude that matches nothing in an item", async () => {
    expect(await failure("response-exclude-star.yaml")).toBe(
      [
        "1 problem in tool definitions:",
        "  failing/response-exclude-star.yaml:9: tool 'notes-list': key 'response.exclude.0': '*.internal_rev' matches nothing in each item of the response of 'notes_list', so it would do nothing; on a list tool paths already apply to each item: write 'internal_rev'; it has: board, body, created_at, deleted, id, internal_rev, priority, state, title",
      ].join("\n"),
    );
  });

  it("enrich_url placeholders that are neither result fields nor arguments", async () => {
    expect(await failure("enrich-url-placeholders.yaml")).toBe(
      [
        "2 problems in tool definitions:",
        "  failing/enrich-url-placeholders.yaml:7: tool 'note-get': key 'enrich_url': '{slug}' is not in the response of 'notes_retrieve', so every link would be broken; it has: board, body, created_at, deleted, id, internal_rev, priority, state, title",
        "  failing/enrich-url-placeholders.yaml:7: tool 'note-get': key 'enrich_url': '{params.board}' reads an argument 'board' the tool does not have; it has: id, project_id",
      ].join("\n"),
    );
  });

  it("an input_schema the spec's components do not have", async () => {
    expect(await failure("input-schema-unknown.yaml")).toBe(
      [
        "1 problem in tool definitions:",
        "  failing/input-schema-unknown.yaml:7: tool 'note-quick-create': key 'input_schema': 'NoteQuick' is not a schema in components.schemas; the spec has: Board, Note, NoteCreate, NoteQuickCreate, PatchedNote",
      ].join("\n"),
    );
  });

  it("soft_delete on an operation that is not a DELETE", async () => {
    expect(await failure("soft-delete-no-update.yaml")).toBe(
      [
        "1 problem in tool definitions:",
        "  failing/soft-delete-no-update.yaml:7: tool 'note-publish-undo': key 'soft_delete': soft_delete is for DELETE operations; 'notes_publish_create' is POST",
      ].join("\n"),
    );
  });

  it("a soft delete whose body field the update does not take", async () => {
    expect(await failure("soft-delete-unknown-field.yaml")).toBe(
      [
        "1 problem in tool definitions:",
        "  failing/soft-delete-unknown-field.yaml:7: tool 'board-archive': key 'soft_delete': the update 'boards_partial_update' takes no body field 'hidden', so the soft delete would not archive anything; it takes: archived, name",
      ].join("\n"),
    );
  });

  it("tool names in descriptions: plain and backticked names caught, ordinary hyphenated words not", async () => {
    const run = await prepareRun(await corpusOptions({ definitions: ["failing/mentions.yaml"] }));
    const mentions = lintCatalog(run.built.catalog).filter((finding) => finding.rule === "TW008");
    expect(mentions.map((finding) => `${finding.file}:${finding.line}: ${finding.message}`)).toEqual([
      "failing/mentions.yaml:5: description mentions 'note-remove', which is not a tool; rename it or remove the mention",
      "failing/mentions.yaml:5: description mentions 'notes-archive', which is not a tool; rename it or remove the mention",
    ]);
  });
});

describe("the CLI over the corpus", () => {
  it("lint reports definition warnings as TW014 and passes; --warnings-as-errors fails naming them", async () => {
    const { captureIo } = await import("./support.js");
    const { runCli } = await import("../src/cli/main.js");
    const io = captureIo(CORPUS);
    expect(await runCli(["lint", "--config", "toolwright.config.json"], io)).toBe(0);
    expect(io.out()).toContain(
      "mcp/notes.yaml:40: tool 'note-create': warning TW014 definition-warning: 'validators' is not implemented by Toolwright",
    );
    expect(io.out()).toContain("0 error(s), 6 warning(s) in 11 tools");
    const strict = captureIo(CORPUS);
    // Problems found (not a usage error): exit 1, as for any lint failure.
    expect(await runCli(["lint", "--config", "toolwright.config.json", "--warnings-as-errors"], strict)).toBe(
      1,
    );
    expect(strict.err()).toContain("4 problems in tool definitions:");
  });
});
