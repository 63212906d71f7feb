import { z } from "zod";
import { paginated } from "./common.js";
import { component } from "./registry.js";

/** A member of the project's team (alerts email their subscribed users). */
const UserSchema = component(
  "User",
  z.object({ id: z.int(), email: z.string(), name: z.string() }),
  "A team member; use the id in an alert's subscribed_users.",
);
export type User = z.infer<typeof UserSchema>;
export const UserListSchema = paginated("PaginatedUserList", UserSchema);
