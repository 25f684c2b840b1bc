/**
 * Exports read back — DOCX through mammoth, both CSV flavours through a CSV parser, JSON — and the
 * `quiz` command: clear errors before touching anything, files written by extension, a summary.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdir, mkdtemp, readFile, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { Command } from "commander";
import mammoth from "mammoth";
import { registerQuiz } from "../src/cli/quiz.js";
import { Engine } from "../src/engine/engine.js";
import { ingest } from "../src/ingest/ingest.js";
import { citationLabel } from "../src/model/citation.js";
import { exportQuiz, generateQuiz, KAHOOT_LIMITS, type QuizQuestion } from "../src/quiz/index.js";
import { REPO_ROOT } from "./helpers/shared.js";
import { checkQuiz } from "./quiz-check.js";

/** The header rows of Kahoot's spreadsheet template and of the Google Forms import this project documents. */
const KAHOOT_TEMPLATE = ["Question", "Answer 1", "Answer 2", "Answer 3", "Answer 4", "Time limit (sec)", "Correct answer(s)"];
const FORMS_TEMPLATE = ["Question", "Type", "Option 1", "Option 2", "Option 3", "Option 4", "Correct answer", "Points", "Feedback"];

const FIXTURES = path.join(REPO_ROOT, "test/fixtures/quiz");
let dir = "";
let index = "";
let engine: Engine;
let quiz: QuizQuestion[];

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), "hvb-quiz-export-"));
  index = path.join(dir, "index");
  await ingest({ from: FIXTURES, indexDir: index, embedder: null });
  engine = Engine.open({ indexDir: index });
  quiz = await generateQuiz(engine, { docIds: ["qd-999-test", "hd-998-test"], count: 12, seed: 9 });
  vi.stubEnv("EMBEDDER", "none");
  vi.stubEnv("LLM_MODEL", "");
});
afterEach(() => vi.restoreAllMocks());
afterAll(async () => {
  vi.unstubAllEnvs();
  if (dir) await rm(dir, { recursive: true, force: true });
});

/** RFC 4180: quoted fields may hold commas, doubled quotes and line breaks. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') (field += '"', i++);
      else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ",") (row.push(field), (field = ""));
    else if (ch === "\r" && text[i + 1] === "\n") (row.push(field), rows.push(row), (row = []), (field = ""), i++);
    else field += ch;
  }
  return rows;
}

describe("quiz exports, read back", () => {
  it("DOCX: the question sheet, then the answer key with citations", async () => {
    const file = await exportQuiz(quiz, "docx", { title: "Bộ câu hỏi thử" });
    expect(file.extension).toBe("docx");
    const text = (await mammoth.extractRawText({ buffer: file.data })).value;
    const key = text.indexOf("Đáp án và trích dẫn");
    expect(text.indexOf("Phần câu hỏi")).toBeLessThan(key);
    expect(text.startsWith("Bộ câu hỏi thử")).toBe(true);
    const sheet = text.slice(0, key);
    const answers = text.slice(key);
    quiz.forEach((q, i) => {
      expect(sheet).toContain(`Câu ${i + 1}. ${q.stem}`);
      for (const [j, o] of q.options.entries()) expect(sheet).toContain(`${"ABCD"[j]}. ${o}`);
      expect(answers).toContain(`Câu ${i + 1}: ${"ABCD"[q.correct]} — ${q.options[q.correct]}`);
      expect(answers).toContain(`Nguồn: ${citationLabel(q.citation)}`);
      expect(answers).toContain(`Trích: «${q.quote}»`);
    });
    // The sheet gives no answer away.
    expect(sheet).not.toMatch(/Nguồn:|Trích:/);
  });

  it("CSV for Kahoot: UTF-8 with BOM, the template's columns, 1-based correct answer", async () => {
    const kahoot = await generateQuiz(engine, { docIds: ["qd-999-test", "hd-998-test"], count: 8, seed: 9, limits: KAHOOT_LIMITS });
    checkQuiz(engine, kahoot, KAHOOT_LIMITS);
    const file = await exportQuiz(kahoot, "kahoot", { title: "x", timeLimit: 20 });
    expect([...file.data.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = file.data.toString("utf8").slice(1);
    expect(text.endsWith("\r\n")).toBe(true);
    const [header, ...rows] = parseCsv(text);
    expect(header).toEqual(KAHOOT_TEMPLATE);
    expect(rows).toHaveLength(kahoot.length);
    rows.forEach((r, i) => {
      const q = kahoot[i];
      expect(r).toEqual([q.stem, q.options[0], q.options[1], q.options[2] ?? "", q.options[3] ?? "", "20", String(q.correct + 1)]);
      expect(r[0].length).toBeLessThanOrEqual(120);
      for (const o of r.slice(1, 5)) expect(o.length).toBeLessThanOrEqual(75);
    });
    await expect(exportQuiz(kahoot, "kahoot", { title: "x", timeLimit: 25 })).rejects.toThrow(/Kahoot chỉ nhận/);
  });

  it("CSV for Google Forms: answer as text, points, feedback with the citation", async () => {
    const file = await exportQuiz(quiz, "forms", { title: "x" });
    const [header, ...rows] = parseCsv(file.data.toString("utf8").replace(/^\ufeff/, ""));
    expect(header).toEqual(FORMS_TEMPLATE);
    rows.forEach((r, i) => {
      const q = quiz[i];
      expect(r.slice(0, 7)).toEqual([q.stem, "Multiple choice", q.options[0], q.options[1], q.options[2] ?? "", q.options[3] ?? "", q.options[q.correct]]);
      expect(r[7]).toBe("1");
      expect(r[8]).toContain(citationLabel(q.citation));
    });
  });

  it("JSON: every question with its citation, parsed back equal", async () => {
    const file = await exportQuiz(quiz, "json", { title: "Bộ câu hỏi thử", generatedAt: new Date("2031-01-02T03:04:05Z") });
    const doc = JSON.parse(file.data.toString("utf8"));
    expect(doc).toMatchObject({ format: "hoivanban-quiz", version: 1, title: "Bộ câu hỏi thử", generatedAt: "2031-01-02T03:04:05.000Z" });
    expect(doc.questions.map(({ number, correctLetter, source, ...q }: Record<string, unknown>) => q)).toEqual(quiz);
    expect(doc.questions[0]).toMatchObject({ number: 1, correctLetter: "ABCD"[quiz[0].correct], source: citationLabel(quiz[0].citation) });
  });
});

describe("quiz command", () => {
  /** Runs `quiz …` in-process; returns what it printed, or throws its error. */
  async function run(...args: string[]) {
    const out: string[] = [];
    const err: string[] = [];
    vi.spyOn(console, "log").mockImplementation((s: string) => void out.push(s));
    vi.spyOn(console, "error").mockImplementation((s: string) => void err.push(s));
    const program = new Command().exitOverride();
    registerQuiz(program);
    await program.parseAsync(["quiz", ...args], { from: "user" });
    return { stdout: out.join("\n"), stderr: err.join("\n") };
  }

  it("fails clearly on bad options, before opening the index or writing anything", async () => {
    const never = path.join(dir, "never-built");
    const cases: Array<[string[], RegExp]> = [
      [["--count", "0"], /--count phải là số nguyên từ 1 đến 200/],
      [["--count", "hai"], /--count phải là số nguyên/],
      [["--kinds", "essay"], /--kinds: "essay" không hợp lệ/],
      [["--out", path.join(dir, "x.pdf")], /phần mở rộng phải là \.docx, \.csv hoặc \.json/],
      [["--out", path.join(dir, "x.docx"), "--format", "forms"], /--format chỉ dùng với tệp \.csv/],
      [["--out", path.join(dir, "x.csv"), "--format", "quizizz"], /--format: "quizizz" không hợp lệ/],
      [["--out", path.join(dir, "x.csv"), "--time", "25"], /Kahoot chỉ nhận/],
      [["--out", path.join(dir, "no-such-dir", "x.docx")], /Thư mục .* không tồn tại/],
      [["--out", path.join(dir, "a-folder.docx")], /là một thư mục/],
    ];
    await mkdir(path.join(dir, "a-folder.docx"));
    for (const [args, message] of cases) await expect(run("--doc", "qd-999-test", "--index", never, ...args), args.join(" ")).rejects.toThrow(message);
    await expect(run("--doc", "qd-999-test", "--index", never)).rejects.toThrow(/Chưa có chỉ mục .* npm run ingest/);
    expect(existsSync(never)).toBe(false);
    await expect(run("--doc", "khong-co", "--index", index)).rejects.toThrow(/Không có văn bản mã "khong-co"/);
  });

  it("writes DOCX, CSV and JSON by extension and prints a summary", async () => {
    const out = path.join(dir, "out");
    await mkdir(out);
    const docx = await run("--doc", "qd-999-test", "--count", "6", "--seed", "7", "--index", index, "--out", path.join(out, "bo-cau-hoi.docx"));
    expect(docx.stderr).toMatch(/^Bộ câu hỏi — Quy định 999-QĐ\/TEST: 6 câu \(\d+ trắc nghiệm 4 lựa chọn, \d+ đúng\/sai\)\./);
    expect(docx.stderr).toMatch(/Đáp án đúng ở vị trí: A \d · B \d · C \d · D \d\./);
    expect(docx.stderr).toMatch(/Seed 7 — dùng --seed 7/);
    expect((await mammoth.extractRawText({ path: path.join(out, "bo-cau-hoi.docx") })).value).toContain("Đáp án và trích dẫn");
    await run("--doc", "qd-999-test", "--count", "6", "--seed", "7", "--index", index, "--out", path.join(out, "forms.csv"), "--format", "forms");
    expect(parseCsv((await readFile(path.join(out, "forms.csv"), "utf8")).replace(/^\ufeff/, ""))[0]).toEqual(FORMS_TEMPLATE);
    await run("--doc", "qd-999-test", "--count", "6", "--seed", "7", "--index", index, "--out", path.join(out, "q.json"));
    const json = JSON.parse(await readFile(path.join(out, "q.json"), "utf8"));
    expect(json.questions).toHaveLength(6);
    // The same seed gives the same questions whatever the format.
    const again = await generateQuiz(engine, { docIds: ["qd-999-test"], count: 6, seed: "7" });
    expect(json.questions.map((q: QuizQuestion) => q.id)).toEqual(again.map((q) => q.id));
  });

  it("prints the questions without --out, and says when the scope has fewer than asked", async () => {
    const r = await run("--doc", "ct-997-test", "--count", "50", "--seed", "1", "--index", index);
    expect(r.stdout).toMatch(/^Câu 1\/\d+: /);
    expect(r.stderr).toMatch(/Chỉ tạo được \d+\/50 câu/);
  });

  it("is registered in the main CLI (npm run quiz)", () => {
    const tsx = path.join(REPO_ROOT, "node_modules/tsx/dist/cli.mjs");
    const r = spawnSync(process.execPath, [tsx, "src/cli/main.ts", "quiz", "--doc", "qd-999-test", "--count", "2", "--seed", "1", "--index", index], {
      cwd: REPO_ROOT,
      encoding: "utf8",
      env: { ...process.env, EMBEDDER: "none", LLM_MODEL: "" },
    });
    expect(r.stderr).toMatch(/2 câu/);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^Câu 1\/2: Theo Quy định 999-QĐ\/TEST/);
  });
});
