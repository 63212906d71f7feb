import { z } from "zod";
import { paginated, TimestampSchema } from "./common.js";
import { component } from "./registry.js";

/** A connection to another product; `sensitive_config` is never part of a response. */
export const IntegrationSchema = component(
  "Integration",
  z.object({
    id: z.int(),
    kind: z.string().meta({ description: "'slack' or 'github' (other kinds are not visible to API keys)." }),
    display_name: z.string(),
    config: z.record(z.string(), z.unknown()),
    created_at: TimestampSchema,
  }),
);
export type Integration = z.infer<typeof IntegrationSchema>;
export const IntegrationListSchema = paginated("PaginatedIntegrationList", IntegrationSchema);

/** A Slack channel of a Slack integration's workspace. */
const SlackChannelSchema = component(
  "SlackChannel",
  z.object({
    id: z.string().meta({ description: "Channel id; use it as a Slack destination's inputs.channel.value." }),
    name: z.string(),
    is_private: z.boolean(),
    is_member: z
      .boolean()
      .meta({ description: "Whether the app is in the channel (it can only post there if so)." }),
  }),
);
export type SlackChannel = z.infer<typeof SlackChannelSchema>;
export const SlackChannelListSchema = paginated("PaginatedSlackChannelList", SlackChannelSchema);
