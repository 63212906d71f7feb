import { REDACTED } from "@toolwright/core/internal";
import { describe, expect, it } from "vitest";
import { createStreamLogger } from "./stream-logger.js";

function capture() {
  const lines: string[] = [];
  return { lines, logger: createStreamLogger({ write: (text: string) => lines.push(text) }) };
}

describe("createStreamLogger", () => {
  it("redacts credentials quoted by an error's message", () => {
    const { lines, logger } = capture();
    logger.error(
      "hand-written tool 'x' threw",
      new Error("request failed: Authorization: Bearer tw_live8f3K2j4h5gQ9 was refused"),
    );
    expect(lines).toEqual([
      `[toolwright] hand-written tool 'x' threw: request failed: Authorization: Bearer ${REDACTED} was refused\n`,
    ]);
  });

  it("redacts warnings too and keeps ordinary text readable", () => {
    const { lines, logger } = capture();
    logger.warn("the key tw_live8f3K2j4h5g is revoked");
    logger.error("tools/call 'list-workflows' failed unexpectedly", "not an Error");
    expect(lines).toEqual([
      `[toolwright] the key ${REDACTED} is revoked\n`,
      "[toolwright] tools/call 'list-workflows' failed unexpectedly\n",
    ]);
  });
});
