import { fileURLToPath } from "node:url";
import { describeToolSchemaSnapshots } from "@toolwright/codegen/testing";

// Each generated tool's input schema must equal its reviewed file in src/generated/tool-schemas/
// (`pnpm snapshots:update` rewrites them); a file with no tool behind it fails.
describeToolSchemaSnapshots({
  definitions: fileURLToPath(new URL("../src/generated/tool-definitions.json", import.meta.url)),
  schemasDir: fileURLToPath(new URL("../src/generated/tool-schemas", import.meta.url)),
  title: "demo catalog tool schemas",
});
