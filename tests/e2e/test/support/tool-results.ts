import type { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { callTool, resultJson, resultText } from "@toolwright/testkit";
import { expect } from "vitest";

/** A page of a list tool's answer. */
export interface Page<T> {
  count: number;
  results: T[];
  next?: string;
}

/** One item of the demo API: any fields, always an id (and a link where the YAML adds one). */
export type Item = Record<string, unknown> & { id: number; url?: string };

/** Calls a tool that must succeed and parses its JSON text; otherwise the test fails with the tool's message. */
export async function succeeded<T = Item>(
  client: Client,
  name: string,
  args: Record<string, unknown> = {},
): Promise<T> {
  const result = await callTool(client, name, args);
  expect(result.isError, `${name}: ${resultText(result)}`).toBeFalsy();
  return resultJson<T>(result);
}

/** Calls a tool that must be refused (an isError result) and returns its message. */
export async function rejected(
  client: Client,
  name: string,
  args: Record<string, unknown> = {},
): Promise<string> {
  const result = await callTool(client, name, args);
  expect(result.isError, `${name} should be refused: ${resultText(result)}`).toBe(true);
  return resultText(result);
}
