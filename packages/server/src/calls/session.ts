import type { Caller } from "../callers/caller.js";
import type { ToolView } from "../visibility/tool-view.js";

/** One caller's connection: who they are and how they narrowed their tools. */
export interface Session {
  caller: Caller;
  view: ToolView;
}
