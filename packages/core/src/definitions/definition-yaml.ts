/** A definition file's YAML data and the 1-based line of each tool's key (what every YAML reader returns). */
export interface DefinitionYaml {
  data: unknown;
  toolLines: Record<string, number>;
}
