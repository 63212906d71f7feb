import { describe, expect, it } from "vitest";
import type { RecordedRequest } from "../src/recording-upstream.js";
import { RequestChecker } from "../src/request-check.js";

// The failure classes the suite exists to catch, each as the wire request a faulty encoder sent.
function documentWithCallsAndLogs() {
  return {
    openapi: "3.0.3",
    info: { title: "t", version: "1" },
    paths: {
      "/Calls.json": {
        post: {
          operationId: "CreateCall",
          requestBody: {
            content: {
              "application/x-www-form-urlencoded": {
                schema: {
                  type: "object",
                  required: ["To", "From"],
                  properties: {
                    To: { type: "string" },
                    From: { type: "string" },
                    StatusCallbackEvent: { type: "array", items: { type: "string" } },
                  },
                },
              },
            },
          },
          responses: { "200": { description: "ok" } },
        },
      },
      "/#X-Amz-Target=Logs_20140328.AssociateKmsKey": {
        post: {
          operationId: "AssociateKmsKey",
          parameters: [
            {
              name: "X-Amz-Target",
              in: "header",
              required: true,
              schema: { type: "string", enum: ["Logs_20140328.AssociateKmsKey"] },
            },
          ],
          requestBody: {
            required: true,
            content: {
              "application/json": {
                schema: { type: "object", properties: { kmsKeyId: { type: "string" } } },
              },
            },
          },
          responses: { "200": { description: "ok" } },
        },
      },
    },
  };
}

const form = (body: string): RecordedRequest => ({
  method: "POST",
  target: "/Calls.json",
  headers: { "content-type": "application/x-www-form-urlencoded" },
  body: Buffer.from(body),
});

describe("RequestChecker", () => {
  it("accepts a faithful form request, arrays repeated by name", async () => {
    const checker = await RequestChecker.create(documentWithCallsAndLogs());
    expect(
      await checker.check(
        form("To=%2B1&From=%2B2&StatusCallbackEvent=a&StatusCallbackEvent=b"),
        "CreateCall",
      ),
    ).toEqual([]);
  });

  it("flags required form fields left out and arrays sent with indexes", async () => {
    const checker = await RequestChecker.create(documentWithCallsAndLogs());
    const missing = await checker.check(form("StatusCallbackEvent=a"), "CreateCall");
    expect(missing.join("\n")).toMatch(/must have required property 'To'/);
    const indexed = await checker.check(form("To=1&From=2&StatusCallbackEvent%5B0%5D=a"), "CreateCall");
    expect(indexed).toContain("undocumented body field 'StatusCallbackEvent[0]'");
  });

  it("flags a path template's fragment sent as %23 and a required header left out", async () => {
    const checker = await RequestChecker.create(documentWithCallsAndLogs());
    const json = { "content-type": "application/json" };
    const faithful: RecordedRequest = {
      method: "POST",
      target: "/",
      headers: { ...json, "x-amz-target": "Logs_20140328.AssociateKmsKey" },
      body: Buffer.from("{}"),
    };
    expect(await checker.check(faithful, "AssociateKmsKey")).toEqual([]);
    const problems = await checker.check(
      { ...faithful, target: "/%23X-Amz-Target=Logs_20140328.AssociateKmsKey", headers: json },
      "AssociateKmsKey",
    );
    expect(problems.some((problem) => problem.startsWith("path /%23X-Amz-Target"))).toBe(true);
    expect(problems.join("\n")).toMatch(/x-amz-target/i);
  });

  it("flags a missing required body and a content type the operation does not accept", async () => {
    const checker = await RequestChecker.create(documentWithCallsAndLogs());
    const base: RecordedRequest = {
      method: "POST",
      target: "/",
      headers: { "x-amz-target": "Logs_20140328.AssociateKmsKey" },
      body: Buffer.alloc(0),
    };
    expect(await checker.check(base, "AssociateKmsKey")).toContain("the required request body is missing");
    const wrongType = await checker.check(
      { ...base, headers: { ...base.headers, "content-type": "text/plain" }, body: Buffer.from("x") },
      "AssociateKmsKey",
    );
    expect(wrongType.join("\n")).toMatch(/content type 'text\/plain' is not one the operation accepts/);
  });
});
