/**
 * Layers look down, never up (docs/architecture.md). `npm test` runs this check
 * (test/layers.test.ts; alone: `npm run deps`): an import from a layer into one above it fails,
 * naming both files.
 * Layers, top to bottom; folders in one layer may import each other, but not in a circle.
 */
const LAYERS = [
  ["src/cli", "src/channels", "src/app\\.ts"], // entry points: commands, chat platforms, wiring
  ["src/admin"], // uploads and admin commands, plugged into the conversation
  ["src/chat"], // the conversation every channel shares, and its command table
  ["src/points", "src/quiz"], // features built on the engine
  ["src/render"], // an engine result as blocks
  ["src/engine", "src/ingest"], // the read side (questions) and the write side (building an index)
  ["src/llm", "src/answer"], // optional model wording and verification; quotes from sentences
  ["src/retrieve"], // query rules: document names, unit references, definitions
  ["src/index"], // lexical and vector indexes, index versions on disk
  ["src/structure"], // a document's text as citable units
  ["src/access", "src/store", "src/text", "src/model", "src/config", "src/log\\.ts"], // ground
];

const path = (folders) => `^(${folders.join("|")})(/|$)`;
const above = (i) => path(LAYERS.slice(0, i).flat());

/**
 * Known upward imports, each to be removed by the change named; nothing else may be added here.
 * (None today: the index takes the definition rule from the engine instead of importing it.)
 */
const EXCEPTIONS = [];

module.exports = {
  forbidden: [
    ...LAYERS.slice(1).map((layer, n) => ({
      name: `${layer[0].replace(/^src\//, "").replace(/\\/g, "")}-looks-up`,
      comment: `${layer.join(", ")} may not import a layer above it`,
      severity: "error",
      from: { path: path(layer), pathNot: EXCEPTIONS.map((e) => e.from) },
      to: { path: above(n + 1) },
    })),
    // A file with an exception is held to the same rule, but for its one named import.
    ...EXCEPTIONS.map((e, n) => ({
      name: `exception-${n + 1}-looks-up`,
      comment: "a documented exception covers only its own import",
      severity: "error",
      from: { path: e.from },
      to: { path: above(e.layer), pathNot: e.to },
    })),
    {
      name: "no-circular",
      comment: "files that import each other at run time (type-only imports are erased by tsc)",
      severity: "error",
      from: { path: "^src/" },
      to: { circular: true, viaOnly: { dependencyTypesNot: ["type-only"] } },
    },
  ],
  options: {
    doNotFollow: { path: "node_modules" },
    tsConfig: { fileName: "tsconfig.json" },
    tsPreCompilationDeps: true,
    exclude: { path: "^(test|scripts)/" },
  },
};
