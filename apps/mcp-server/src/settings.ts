import { z } from "zod";

const list = z
  .string()
  .transform((value) =>
    value
      .split(",")
      .map((item) => item.trim())
      .filter(Boolean),
  )
  .optional();

/** Every setting of the demo MCP server, read from the environment (documented in the README). */
export const SettingsSchema = z.object({
  TOOLWRIGHT_HOST: z.string().default("127.0.0.1"),
  TOOLWRIGHT_PORT: z.coerce.number().int().min(0).max(65_535).default(3333),
  TOOLWRIGHT_UPSTREAM: z.url().default("http://127.0.0.1:4010"),
  TOOLWRIGHT_APP_URL: z.url().optional(),
  TOOLWRIGHT_PUBLIC_URL: z.url().optional(),
  TOOLWRIGHT_ALLOWED_ORIGINS: list,
  TOOLWRIGHT_CONFIRM_SECRET: z
    .string()
    .min(32, { error: "TOOLWRIGHT_CONFIRM_SECRET must be at least 32 characters" })
    .optional(),
  TOOLWRIGHT_MODE: z.enum(["full", "compact"]).default("full"),
  TOOLWRIGHT_EVENTS_FILE: z.string().default(".data/events.jsonl"),
  TOOLWRIGHT_ANALYTICS: z.enum(["jsonl", "posthog", "off"]).default("jsonl"),
  POSTHOG_API_KEY: z.string().optional(),
  POSTHOG_HOST: z.url().default("https://us.i.posthog.com"),
  TOOLWRIGHT_API_KEY: z.string().optional(),
  TOOLWRIGHT_WAIT_FOR_UPSTREAM: z.stringbool().default(false),
  TOOLWRIGHT_FLAGS_PROVIDER: z.enum(["local", "posthog"]).default("local"),
  TOOLWRIGHT_FLAGS: z.string().optional(),
  TOOLWRIGHT_FLAGS_FILE: z.string().optional(),
  POSTHOG_PERSONAL_API_KEY: z.string().optional(),
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
