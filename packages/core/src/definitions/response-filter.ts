import * as z from "zod";
import { DotPathSchema } from "../json/dot-path.js";

/** How a tool's response is shaped: keep only `include` paths or drop `exclude` paths (per item on list tools). */
export const ResponseFilterSchema = z
  .strictObject({
    include: z.array(DotPathSchema).min(1).optional(),
    exclude: z.array(DotPathSchema).min(1).optional(),
    strip_nulls: z.boolean().default(false),
  })
  .refine((filter) => !(filter.include && filter.exclude), {
    error: "response takes 'include' or 'exclude', not both",
  });
export type ResponseFilter = z.infer<typeof ResponseFilterSchema>;
