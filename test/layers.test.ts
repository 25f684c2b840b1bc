/**
 * Layers look down, never up (.dependency-cruiser.cjs, docs/architecture.md): the source passes
 * the rules, and the same rules fail on a tree with an upward import or an import circle.
 */
import { afterAll, describe, expect, it } from "vitest";
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { cruise, type ICruiseResult, type IConfiguration } from "dependency-cruiser";
import extractDepcruiseConfig from "dependency-cruiser/config-utl/extract-depcruise-config";
import { tempDir } from "./helpers/files.js";
import { REPO_ROOT } from "./helpers/shared.js";

async function violations(baseDir: string): Promise<string[]> {
  const config: IConfiguration = await extractDepcruiseConfig(path.join(REPO_ROOT, ".dependency-cruiser.cjs"));
  const { output } = await cruise(["src"], { ...config.options, tsConfig: undefined, baseDir, ruleSet: config, validate: true });
  return (output as ICruiseResult).summary.violations.map((v) => `${v.rule.name}: ${v.from} → ${v.to}`);
}

const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

describe("layers", () => {
  it("the source imports only down (and the one documented exception)", async () => {
    expect(await violations(REPO_ROOT)).toEqual([]);
  });

  it("an import up a layer, or a circle, fails the check", async () => {
    const dir = tempDir("hvb-layers-");
    dirs.push(dir);
    const write = (file: string, text: string) => {
      mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
      writeFileSync(path.join(dir, file), text);
    };
    write("src/chat/texts.ts", 'export const hello = "xin chào";\n');
    write("src/engine/engine.ts", 'import { hello } from "../chat/texts.js";\nexport const x = hello;\n');
    write("src/text/a.ts", 'import { b } from "./b.js";\nexport const a = 1 + b;\n');
    write("src/text/b.ts", 'import { a } from "./a.js";\nexport const b = () => a;\n');
    const found = await violations(dir);
    expect(found).toContainEqual(expect.stringMatching(/looks-up: src\/engine\/engine\.ts → src\/chat\/texts\.ts$/));
    expect(found).toContainEqual(expect.stringMatching(/^no-circular: src\/text\/a\.ts → src\/text\/b\.ts$/));
  });
});
