import { z } from "zod";
import { OAUTH_SETTINGS } from "./oauth-settings.js";

const list = z
  .string()
  .transform((value) =>
    value
      .split(",")
      .map((item) => item.trim())
      .filter(Boolean),
  )
  .optional();

const count = z.coerce.number().int().min(0).optional();

/** Loopback bind addresses: only this machine can reach them, so the Host header is trustworthy enough. */
function isLoopback(host: string): boolean {
  return /^(?:localhost|::1|\[::1\]|127(?:\.\d{1,3}){3})$/i.test(host);
}

/** Every setting of the demo MCP server, read from the environment (documented in the README). */
export const SettingsSchema = z
  .object({
    TOOLWRIGHT_HOST: z.string().default("127.0.0.1"),
    TOOLWRIGHT_PORT: z.coerce.number().int().min(0).max(65_535).default(3333),
    TOOLWRIGHT_UPSTREAM: z.url().default("http://127.0.0.1:4010"),
    TOOLWRIGHT_APP_URL: z.url().optional(),
    TOOLWRIGHT_PUBLIC_URL: z.url().optional(),
    TOOLWRIGHT_ALLOWED_ORIGINS: list,
    TOOLWRIGHT_ALLOWED_HOSTS: list,
    TOOLWRIGHT_MAX_RESPONSE_BYTES: count,
    TOOLWRIGHT_UPSTREAM_TIMEOUT_MS: count,
    TOOLWRIGHT_MAX_CONNECTIONS_PER_CLIENT: count,
    TOOLWRIGHT_HEADERS_TIMEOUT_MS: count,
    TOOLWRIGHT_REQUEST_TIMEOUT_MS: count,
    TOOLWRIGHT_CONFIRM_SECRET: z
      .string()
      .min(32, { error: "TOOLWRIGHT_CONFIRM_SECRET must be at least 32 characters" })
      .optional(),
    TOOLWRIGHT_MODE: z.enum(["full", "compact"]).default("full"),
    /** The `mcp_version` tool set of connections that do not ask with `?version=`. */
    TOOLWRIGHT_TOOL_SET: z.enum(["1", "2"], { error: "TOOLWRIGHT_TOOL_SET must be 1 or 2" }).default("1"),
    TOOLWRIGHT_REDIS_URL: z
      .url({ protocol: /^rediss?$/, error: "TOOLWRIGHT_REDIS_URL must be a redis:// or rediss:// URL" })
      .optional(),
    TOOLWRIGHT_RATE_LIMIT_FAILURE: z.enum(["open", "closed"]).default("closed"),
    TOOLWRIGHT_CLIENT_ADDRESS_HEADER: z.string().min(1).optional(),
    TOOLWRIGHT_EVENTS_FILE: z.string().default(".data/events.jsonl"),
    TOOLWRIGHT_ANALYTICS: z.enum(["jsonl", "posthog", "off"]).default("jsonl"),
    /** Record tool results in `$mcp_response`; off by default, since results hold people's e-mails. */
    TOOLWRIGHT_ANALYTICS_RESPONSES: z.stringbool().default(false),
    /** Longest wait for queued analytics events at shutdown (SIGTERM/SIGINT), in milliseconds. */
    TOOLWRIGHT_ANALYTICS_SHUTDOWN_MS: z.coerce.number().int().min(0).default(5000),
    /** Size at which the JSONL events file is rotated, in bytes (0: never). */
    TOOLWRIGHT_EVENTS_MAX_BYTES: z.coerce
      .number()
      .int()
      .min(0)
      .default(10 * 1024 * 1024),
    POSTHOG_API_KEY: z.string().optional(),
    POSTHOG_HOST: z.url().default("https://us.i.posthog.com"),
    TOOLWRIGHT_API_KEY: z.string().optional(),
    TOOLWRIGHT_WAIT_FOR_UPSTREAM: z.stringbool().default(false),
    TOOLWRIGHT_FLAGS_PROVIDER: z.enum(["local", "posthog"]).default("local"),
    TOOLWRIGHT_FLAGS: z.string().optional(),
    TOOLWRIGHT_FLAGS_FILE: z.string().optional(),
    POSTHOG_PERSONAL_API_KEY: z.string().optional(),
    ...OAUTH_SETTINGS,
  })
  .superRefine((settings, context) => {
    if (
      isLoopback(settings.TOOLWRIGHT_HOST) ||
      settings.TOOLWRIGHT_PUBLIC_URL ||
      settings.TOOLWRIGHT_ALLOWED_HOSTS
    )
      return;
    context.addIssue({
      code: "custom",
      path: ["TOOLWRIGHT_PUBLIC_URL"],
      message: `required when TOOLWRIGHT_HOST (${settings.TOOLWRIGHT_HOST}) is not a loopback address: the URL clients use, e.g. https://mcp.example.com`,
    });
  });
export type Settings = z.infer<typeof SettingsSchema>;

/** Reads settings from an environment; a bad value fails with the variable's name and the problem. */
export function readSettings(environment: NodeJS.ProcessEnv = process.env): Settings {
  const parsed = SettingsSchema.safeParse(environment);
  if (!parsed.success) {
    const problems = parsed.error.issues
      .map((issue) => `  ${issue.path.join(".")}: ${issue.message}`)
      .join("\n");
    throw new Error(`invalid MCP server settings:\n${problems}`);
  }
  // Without TOOLWRIGHT_CONFIRM_SECRET the server signs confirmation tokens with a per-process key and says so.
  return parsed.data;
}
