/**
 * The workspace's dependency rules, checked by `pnpm lint` (`pnpm run lint:deps`). Each workspace is a unit:
 * it reaches another only through that one's package name, declared in its own package.json.
 * @type {import('dependency-cruiser').IConfiguration}
 */
module.exports = {
  forbidden: [
    {
      name: "no-circular",
      severity: "error",
      comment: "An import circle: split the shared part into a module both sides import.",
      from: {},
      to: { circular: true },
    },
    {
      name: "no-relative-across-workspaces",
      severity: "error",
      comment:
        "A relative import that leaves its workspace: import the other workspace by its package name and declare it in package.json.",
      from: { path: "^(packages|apps|tooling|tests)/([^/]+)/" },
      to: { dependencyTypes: ["local"], pathNot: ["^$1/$2/"] },
    },
    {
      name: "no-relative-into-workspaces-from-root",
      severity: "error",
      comment: "Root scripts reach workspaces by package name, not by relative path.",
      from: { path: "^scripts/" },
      to: { dependencyTypes: ["local"], path: "^(packages|apps|tooling|tests)/" },
    },
    {
      name: "no-undeclared",
      severity: "error",
      comment: "An import of a package the importing workspace's package.json does not declare.",
      from: {},
      to: { dependencyTypes: ["npm-no-pkg", "npm-unknown"] },
    },
    {
      name: "no-unresolvable",
      severity: "error",
      comment: "An import that resolves to nothing.",
      from: {},
      to: { couldNotResolve: true },
    },
  ],
  options: {
    doNotFollow: { path: ["node_modules"] },
    exclude: {
      path: ["(^|/)dist/", "(^|/)\\.turbo/", "(^|/)coverage/", "\\.test-results/"],
    },
    combinedDependencies: false,
    tsPreCompilationDeps: true,
    enhancedResolveOptions: {
      exportsFields: ["exports"],
      conditionNames: ["@toolwright/source", "import", "types", "default", "node"],
      mainFields: ["module", "main", "types"],
      extensions: [".ts", ".mts", ".js", ".mjs", ".cjs", ".json"],
    },
    builtInModules: { add: ["bun:test"] },
  },
};
