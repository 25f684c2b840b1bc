/**
 * `npm run points`: bad options fail clearly without touching the index; a good run prints the
 * outline and writes DOCX and Markdown. Run in-process (one spawn checks the wiring in main.ts).
 */
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { Command } from "commander";
import mammoth from "mammoth";
import { registerPoints } from "../src/cli/points.js";
import { ingest } from "../src/ingest/ingest.js";
import { REPO_ROOT } from "./helpers/shared.js";

const FIXTURES = path.join(REPO_ROOT, "test/fixtures/points");
let dir = "";

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), "hvb-points-cli-"));
  vi.stubEnv("EMBEDDER", "none");
  vi.stubEnv("CORPUS_DIR", FIXTURES);
});
afterEach(() => {
  process.exitCode = undefined;
  vi.restoreAllMocks();
});
afterAll(async () => {
  vi.unstubAllEnvs();
  await rm(dir, { recursive: true, force: true });
});

/** Runs `points …` in-process; returns what it printed and its exit code. */
async function points(...args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  vi.spyOn(console, "log").mockImplementation((s: string) => void out.push(s));
  vi.spyOn(console, "error").mockImplementation((s: string) => void err.push(s));
  const program = new Command().exitOverride();
  registerPoints(program);
  await program.parseAsync(["points", ...args], { from: "user" });
  return { stdout: out.join("\n"), stderr: err.join("\n"), status: process.exitCode ?? 0 };
}

describe("points command", () => {
  it("rejects bad options before opening (or building) the index", async () => {
    const index = path.join(dir, "never-built");
    const cases: Array<[string[], RegExp]> = [
      [["--count", "9"], /Số ý phải là số nguyên từ 3 đến 7.*count must be 3–7/],
      [["--count", "ba"], /Số ý phải là số nguyên/],
      [["--audience", "sinh viên"], /Đối tượng «sinh viên» không hợp lệ.*unknown audience/],
      [["--length", "rất dài"], /Độ dài «rất dài» không hợp lệ/],
      [["--docx", path.join(dir, "no-such-dir", "out.docx")], /Không ghi được tệp .*không tồn tại.*cannot write/],
      [["--md", dir], /đây là một thư mục/],
    ];
    for (const [args, message] of cases) {
      const r = await points("trách nhiệm của người đứng đầu", "--index", index, ...args);
      expect(r.status, args.join(" ")).toBe(2);
      expect(r.stderr).toMatch(message);
      process.exitCode = undefined;
    }
    expect((await points("  ", "--index", index)).stderr).toMatch(/Chủ đề trống/);
    expect(existsSync(index)).toBe(false);
  });

  it("prints the outline and writes DOCX and Markdown", async () => {
    const index = path.join(dir, "index");
    await ingest({ from: FIXTURES, indexDir: index, embedder: null });
    const docx = path.join(dir, "dan-y.docx");
    const md = path.join(dir, "dan-y.md");
    const r = await points("trách nhiệm của người đứng đầu", "--audience", "can bo lanh dao", "--count", "4", "--index", index, "--docx", docx, "--md", md);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^Đối với cán bộ lãnh đạo: 4 ý chính về trách nhiệm của người đứng đầu/);
    expect(r.stdout).toContain("(Nguồn: Khoản 1 Điều 3 — Quy định 97-QĐ/TEST)");
    expect((await mammoth.extractRawText({ path: docx })).value).toContain("Khoản 1 Điều 3 — Quy định 97-QĐ/TEST");
    expect(await readFile(md, "utf8")).toMatch(/^# Đối với cán bộ lãnh đạo: 4 ý chính/);
  });

  it("is registered in the main CLI (npm run points)", () => {
    const tsx = path.join(REPO_ROOT, "node_modules/tsx/dist/cli.mjs");
    const r = spawnSync(process.execPath, [tsx, "src/cli/main.ts", "points", "x", "--count", "1"], { cwd: REPO_ROOT, encoding: "utf8" });
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/^Lỗi: Số ý phải là số nguyên từ 3 đến 7/);
  });
});
