export { type DemoStack, type DemoStackOptions, startDemoStack } from "./demo-stack.js";
export { callTool, connectClient, resultJson, resultText } from "./mcp-client.js";
