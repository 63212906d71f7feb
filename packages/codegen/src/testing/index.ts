export {
  describeToolSchemaSnapshots,
  orphanedSnapshotFiles,
  type ToolSchemaSnapshotOptions,
} from "./describe-tool-schema-snapshots.js";
