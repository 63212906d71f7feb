export { type DemoStack, type DemoStackOptions, startDemoStack } from "./demo-stack.js";
export { callTool, connectClient, resultJson, resultText } from "./mcp-client.js";
export { type OAuthStack, type OAuthStackOptions, startOAuthStack } from "./oauth-stack.js";
