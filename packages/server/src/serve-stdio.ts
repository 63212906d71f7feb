import type { Readable, Writable } from "node:stream";
import { connectStdio } from "./protocol/stdio.js";
import { serverError } from "./server-error.js";
import type { ToolwrightServerOptions } from "./server-options.js";
import { createToolwrightServer } from "./toolwright-server.js";
import { fullView } from "./visibility/tool-view.js";

/** stdio options: the key comes from the environment, not from requests. */
export interface ServeStdioOptions extends ToolwrightServerOptions {
  /** The caller's API key; default `process.env.TOOLWRIGHT_API_KEY`. */
  apiKey?: string;
  input?: Readable;
  output?: Writable;
}

/**
 * Serves the catalog over stdio for one caller (the key in `TOOLWRIGHT_API_KEY`). The key is
 * resolved once at start, so a bad key fails loudly before the client sends anything.
 */
export async function serveStdio(options: ServeStdioOptions): Promise<{ closed: Promise<void> }> {
  const toolwright = createToolwrightServer(options);
  const key = options.apiKey ?? process.env.TOOLWRIGHT_API_KEY;
  const resolution = await toolwright.resolveCaller(key || undefined);
  if (!resolution.ok) {
    throw serverError(
      "invalid_config",
      `${resolution.message}${resolution.reason === "missing" ? " Set TOOLWRIGHT_API_KEY." : ""}`,
      { key: "TOOLWRIGHT_API_KEY" },
    );
  }
  const session = { caller: resolution.caller, view: fullView(options.view) };
  return connectStdio(() => toolwright.createMcpServer(session), options.input, options.output);
}
