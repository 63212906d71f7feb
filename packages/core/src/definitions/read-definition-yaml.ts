import { createRequire } from "node:module";
import type { Event } from "js-yaml";
import type { DefinitionYaml } from "./definition-yaml.js";
import { readBlockYaml } from "./read-block-yaml.js";

type JsYaml = typeof import("js-yaml");
let jsYamlLibrary: JsYaml | undefined;

/** js-yaml, loaded only for files the block reader hands on (most large files never need it). */
function jsYaml(): JsYaml {
  jsYamlLibrary ??= createRequire(import.meta.url)("js-yaml") as JsYaml;
  return jsYamlLibrary;
}

export type { DefinitionYaml } from "./definition-yaml.js";

/**
 * Reads a definition file with js-yaml's event parser (YAML 1.2 core schema, duplicate keys
 * rejected), which is several times faster than a full document model on files with thousands of
 * tools. Returns null when the text is not one well-formed document or a tool key has no plain
 * position: the caller then uses the full parser, which also words every error.
 *
 * Plain block YAML (what scaffold writes) is read first by a line reader, several times faster
 * again than the event parser on a fresh process; it hands everything else to the event parser.
 */
export function readDefinitionYaml(source: string): DefinitionYaml | null {
  return readBlockYaml(source) ?? readEventYaml(source);
}

/** The js-yaml event route: any one-document YAML without aliases. */
function readEventYaml(source: string): DefinitionYaml | null {
  const { constructFromEvents, EVENT_ID, parseEvents } = jsYaml();
  let events: Event[];
  let documents: unknown[];
  try {
    events = parseEvents(source, {});
    documents = constructFromEvents(events, { source });
  } catch {
    return null;
  }
  // Aliases go the slow way: the full parser caps their expansion (alias bombs) and words its errors.
  if (documents.length !== 1 || events.some((event) => event.type === EVENT_ID.ALIAS)) return null;
  const data = documents[0];
  const offsets = toolKeyOffsets(events, source);
  const tools = (data as { tools?: unknown } | null)?.tools;
  if (!offsets || typeof tools !== "object" || tools === null || Array.isArray(tools)) {
    return { data, toolLines: {} };
  }
  const toolLines = linesOf(source, offsets);
  // Every tool needs its line (messages and `source.line` use it); a key the scan could not place goes the slow way.
  if (Object.keys(tools).some((name) => toolLines[name] === undefined)) return null;
  return { data, toolLines };
}

interface Frame {
  mapping: boolean;
  children: number;
  /** True for the value of the root mapping's `tools` key. */
  tools: boolean;
}

/** Offsets of the keys of the root mapping's `tools` mapping, by decoded key; null when there is none. */
function toolKeyOffsets(events: readonly Event[], source: string): Map<string, number> | null {
  const { EVENT_ID, getScalarValue } = jsYaml();
  const stack: Frame[] = [];
  const offsets = new Map<string, number>();
  let found = false;
  let toolsValueNext = false;
  for (const event of events) {
    if (event.type === EVENT_ID.POP) {
      stack.pop();
      continue;
    }
    if (event.type === EVENT_ID.DOCUMENT) {
      stack.push({ mapping: false, children: 0, tools: false });
      continue;
    }
    const parent = stack.at(-1);
    const isKey = parent?.mapping === true && parent.children % 2 === 0;
    if (parent) parent.children++;
    const isToolsValue = toolsValueNext;
    toolsValueNext = false;
    const rootLevel = stack.length === 2;
    if (event.type === EVENT_ID.SCALAR) {
      if (isKey && rootLevel && getScalarValue(source, event) === "tools") toolsValueNext = true;
      if (isKey && parent?.tools) offsets.set(getScalarValue(source, event), event.valueStart);
    } else if (event.type === EVENT_ID.MAPPING || event.type === EVENT_ID.SEQUENCE) {
      const mapping = event.type === EVENT_ID.MAPPING;
      if (isToolsValue && mapping) found = true;
      stack.push({ mapping, children: 0, tools: isToolsValue && mapping });
    }
  }
  return found ? offsets : null;
}

/** The 1-based line of each offset, counting newlines once over the text. */
function linesOf(source: string, offsets: ReadonlyMap<string, number>): Record<string, number> {
  const ordered = [...offsets].sort((left, right) => left[1] - right[1]);
  const lines: Record<string, number> = {};
  let line = 1;
  let position = 0;
  for (const [name, offset] of ordered) {
    for (; position < offset; position++) if (source.charCodeAt(position) === 10) line++;
    lines[name] = line;
  }
  return lines;
}
