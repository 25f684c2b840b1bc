/**
 * Exports read back — DOCX through mammoth, the Kahoot .xlsx through exceljs, the Google Forms
 * Apps Script parsed by acorn and run against a fake FormApp that keeps Apps Script's documented
 * surface, Moodle GIFT through a small grammar, JSON — and the `quiz` command: clear errors before
 * touching anything, several files from one run holding one set, a summary.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdir, mkdtemp, readFile, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import vm from "node:vm";
import { parse as parseJs } from "acorn";
import { Command } from "commander";
import ExcelJS from "exceljs";
import mammoth from "mammoth";
import { registerQuiz } from "../src/cli/quiz.js";
import { Engine } from "../src/engine/engine.js";
import { ingest } from "../src/ingest/ingest.js";
import { citationLabel } from "../src/model/citation.js";
import { exportQuiz, generateQuiz, KAHOOT_LIMITS, type QuizQuestion } from "../src/quiz/index.js";
import { KAHOOT_HEADER, KAHOOT_HEADER_ROW } from "../src/quiz/export-xlsx.js";
import { REPO_ROOT } from "./helpers/shared.js";
import { checkQuiz } from "./quiz-check.js";

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
  quiz = await generateQuiz(engine, { docIds: ["qd-999-test", "hd-998-test", "ct-997-test"], count: 12, seed: 9, limits: KAHOOT_LIMITS });
  vi.stubEnv("EMBEDDER", "none");
  vi.stubEnv("LLM_MODEL", "");
});
afterEach(() => vi.restoreAllMocks());
afterAll(async () => {
  vi.unstubAllEnvs();
  if (dir) await rm(dir, { recursive: true, force: true });
});

/** Rows of the first sheet as cell texts (1-based columns dropped to 0-based). */
async function readSheet(data: Buffer): Promise<{ name: string; rows: Map<number, string[]> }> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(data as unknown as ArrayBuffer);
  const ws = wb.worksheets[0];
  const rows = new Map<number, string[]>();
  ws.eachRow((row, n) => {
    const cells: string[] = [];
    for (let c = 1; c <= 8; c++) cells.push(row.getCell(c).value === null ? "" : String(row.getCell(c).value));
    rows.set(n, cells);
  });
  return { name: ws.name, rows };
}

/**
 * Google Apps Script's FormApp, as documented, recording what a script builds: create → Form with
 * setIsQuiz, setDescription, addMultipleChoiceItem, getEditUrl, getPublishedUrl; items with
 * setTitle, setRequired, setPoints, createChoice(value, isCorrect), setChoices, feedback setters.
 */
function fakeFormApp() {
  const forms: Array<{ title: string; quiz: boolean; description: string; items: Array<Record<string, unknown>> }> = [];
  const FormApp = {
    create(title: string) {
      const form = { title, quiz: false, description: "", items: [] as Array<Record<string, unknown>> };
      forms.push(form);
      const api = {
        setIsQuiz: (v: boolean) => ((form.quiz = v), api),
        setDescription: (v: string) => ((form.description = v), api),
        getEditUrl: () => "https://docs.google.com/forms/d/x/edit",
        getPublishedUrl: () => "https://docs.google.com/forms/d/e/x/viewform",
        addMultipleChoiceItem() {
          const item: Record<string, unknown> = {};
          form.items.push(item);
          const it = {
            setTitle: (v: string) => ((item.title = v), it),
            setRequired: (v: boolean) => ((item.required = v), it),
            setPoints: (v: number) => ((item.points = v), it),
            createChoice: (value: string, isCorrect: boolean) => ({ value, isCorrect }),
            setChoices: (v: unknown[]) => ((item.choices = v), it),
            setFeedbackForCorrect: (v: { text: string }) => ((item.right = v.text), it),
            setFeedbackForIncorrect: (v: { text: string }) => ((item.wrong = v.text), it),
          };
          return it;
        },
      };
      return api;
    },
    createFeedback() {
      let text = "";
      const b = { setText: (v: string) => ((text = v), b), build: () => ({ text }) };
      return b;
    },
  };
  return { FormApp, forms };
}

/** GIFT, as Moodle reads it: questions split by blank lines, "::title::[format]text {answers}". */
function parseGift(text: string) {
  const unescape = (s: string) => s.replace(/\\([~=#{}:\\])/g, "$1");
  const blocks = text.split(/\n\s*\n/).map((b) => b.trim()).filter((b) => b && !b.startsWith("//") && !b.startsWith("$CATEGORY"));
  return blocks.map((b) => {
    const m = b.match(/^::((?:\\.|[^:\\])*)::\[plain\]((?:\\.|[^{\\])*)\{((?:\\.|[^}\\])*)\}$/s);
    expect(m, b).not.toBeNull();
    const [, title, stem, body] = m!;
    const [answers, feedback] = body.split(/(?<!\\)####/);
    const tf = answers.trim().match(/^(TRUE|FALSE|T|F)$/);
    const options = tf ? [] : [...answers.matchAll(/([=~])((?:\\.|[^=~\\])*)/g)].map((x) => ({ right: x[1] === "=", text: unescape(x[2].trim()) }));
    return { title: unescape(title), stem: unescape(stem.trim()), tf: tf?.[1], options, feedback: unescape(feedback ?? "").trim() };
  });
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

  it("Kahoot .xlsx: the template's header on row 8, one question per row, 1-based key, within 120/75", async () => {
    checkQuiz(engine, quiz, KAHOOT_LIMITS);
    expect(new Set(quiz.map((q) => q.kind)).size, "several kinds").toBeGreaterThan(1);
    const file = await exportQuiz(quiz, "xlsx", { title: "Bộ câu hỏi thử", timeLimit: 20 });
    expect(file.extension).toBe("xlsx");
    const { name, rows } = await readSheet(file.data);
    expect(name).toBe("Sheet1");
    expect(rows.get(KAHOOT_HEADER_ROW)).toEqual(KAHOOT_HEADER);
    quiz.forEach((q, i) => {
      const r = rows.get(KAHOOT_HEADER_ROW + 1 + i)!;
      expect(r).toEqual([String(i + 1), q.stem, q.options[0], q.options[1], q.options[2] ?? "", q.options[3] ?? "", "20", String(q.correct + 1)]);
      expect(r[1].length).toBeLessThanOrEqual(120);
      for (const o of r.slice(2, 6)) expect(o.length).toBeLessThanOrEqual(75);
    });
    expect(rows.has(KAHOOT_HEADER_ROW + 1 + quiz.length)).toBe(false);
    await expect(exportQuiz(quiz, "xlsx", { title: "x", timeLimit: 25 })).rejects.toThrow(/Kahoot chỉ nhận/);
    // A set made for Telegram's longer limits is refused rather than cut.
    const long = { ...quiz[0], stem: `${quiz[0].stem} ${"x".repeat(130)}` };
    await expect(exportQuiz([long], "xlsx", { title: "x" })).rejects.toThrow(/tối đa 120/);
  });

  it("Google Forms .gs: parses as JavaScript and, run against FormApp, builds the quiz with keys, points and feedback", async () => {
    const file = await exportQuiz(quiz, "gs", { title: "Bộ câu hỏi «thử» \"1\"" });
    const source = file.data.toString("utf8");
    const ast = parseJs(source, { ecmaVersion: 5 }) as unknown as { body: Array<{ type: string; id?: { name: string } }> };
    expect(ast.body.some((n) => n.type === "FunctionDeclaration" && n.id?.name === "createQuiz")).toBe(true);
    const { FormApp, forms } = fakeFormApp();
    const logs: string[] = [];
    vm.runInNewContext(`${source}\ncreateQuiz();`, { FormApp, Logger: { log: (s: string) => logs.push(s) } });
    expect(forms).toHaveLength(1);
    expect(forms[0]).toMatchObject({ title: "Bộ câu hỏi «thử» \"1\"", quiz: true });
    expect(forms[0].items).toHaveLength(quiz.length);
    forms[0].items.forEach((item, i) => {
      const q = quiz[i];
      expect(item).toMatchObject({ title: q.stem, required: true, points: 1 });
      expect(item.choices).toEqual(q.options.map((value, j) => ({ value, isCorrect: j === q.correct })));
      expect(item.right).toContain(citationLabel(q.citation));
      expect(item.wrong).toContain(`Đáp án: ${q.options[q.correct]}`);
    });
    expect(logs.join("\n")).toMatch(/forms\/d\/x\/edit/);
  });

  it("Moodle GIFT: every question read back by the grammar, one right answer, feedback with the citation", async () => {
    const tricky = { ...quiz[0], stem: `${quiz[0].stem} {a} ~b =c #d: e\\f` };
    const file = await exportQuiz([tricky, ...quiz.slice(1)], "gift", { title: "Bộ câu hỏi thử" });
    const text = file.data.toString("utf8");
    expect(text).toMatch(/^\/\/ Bộ câu hỏi thử/);
    expect(text).toContain("$CATEGORY: $course$/Bộ câu hỏi thử");
    const read = parseGift(text);
    expect(read).toHaveLength(quiz.length);
    read.forEach((g, i) => {
      const q = i === 0 ? tricky : quiz[i];
      expect(g.title).toBe(`Câu ${i + 1}`);
      expect(g.stem).toBe(q.stem);
      if (q.kind === "truefalse") expect(g.tf).toBe(q.correct === 0 ? "TRUE" : "FALSE");
      else {
        expect(g.options.map((o) => o.text)).toEqual(q.options);
        expect(g.options.filter((o) => o.right).map((o) => o.text)).toEqual([q.options[q.correct]]);
      }
      expect(g.feedback).toContain(citationLabel(q.citation));
    });
  });

  it("JSON: every question with its citation, parsed back equal", async () => {
    const file = await exportQuiz(quiz, "json", { title: "Bộ câu hỏi thử", generatedAt: new Date("2031-01-02T03:04:05Z"), seed: "9" });
    const doc = JSON.parse(file.data.toString("utf8"));
    expect(doc).toMatchObject({ format: "hoivanban-quiz", version: 1, title: "Bộ câu hỏi thử", seed: "9", generatedAt: "2031-01-02T03:04:05.000Z" });
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
      [["--out", path.join(dir, "x.pdf")], /phần mở rộng phải là \.docx, \.json, \.xlsx, \.gs, \.gift/],
      [["--out", path.join(dir, "x.csv")], /phần mở rộng phải là/],
      [["--out", path.join(dir, "x.xlsx"), "--time", "25"], /Kahoot chỉ nhận/],
      [["--difficulty", "rat-kho"], /--difficulty: "rat-kho" không hợp lệ/],
      [["--limits", "zalo"], /--limits: "zalo" không hợp lệ/],
      [["--out", path.join(dir, "no-such-dir", "x.docx")], /Thư mục .* không tồn tại/],
      [["--out", path.join(dir, "a-folder.docx")], /là một thư mục/],
    ];
    await mkdir(path.join(dir, "a-folder.docx"));
    for (const [args, message] of cases) await expect(run("--doc", "qd-999-test", "--index", never, ...args), args.join(" ")).rejects.toThrow(message);
    await expect(run("--doc", "qd-999-test", "--index", never)).rejects.toThrow(/Chưa có chỉ mục .* npm run ingest/);
    expect(existsSync(never)).toBe(false);
    await expect(run("--doc", "khong-co", "--index", index)).rejects.toThrow(/Không có văn bản mã "khong-co"/);
  });

  it("writes every format of one run from one set, and the same seed gives it again", async () => {
    const out = path.join(dir, "out");
    await mkdir(out);
    const files = ["bo.docx", "bo.xlsx", "bo.gs", "bo.gift", "bo.json"].map((f) => path.join(out, f));
    const r = await run("--doc", "qd-999-test", "--count", "6", "--seed", "7", "--index", index, ...files.flatMap((f) => ["--out", f]));
    expect(r.stderr).toMatch(/^Bộ câu hỏi — Quy định 999-QĐ\/TEST: \d+ câu \(\d+ trắc nghiệm 4 lựa chọn, \d+ câu «không thuộc», \d+ đúng\/sai, \d+ tình huống; mức dễ \d+, vừa \d+, khó \d+\)\./);
    expect(r.stderr).toMatch(/Đáp án đúng ở vị trí: A \d · B \d · C \d · D \d\./);
    expect(r.stderr).toMatch(/Seed 7 --limits kahoot — dùng --seed 7 --limits kahoot/);
    const json = JSON.parse(await readFile(files[4], "utf8"));
    const stems: string[] = json.questions.map((q: QuizQuestion) => q.stem);
    expect(stems.length).toBeGreaterThan(0);
    // The same questions, in the same order, in every file.
    const sheet = await readSheet(await readFile(files[1]));
    expect(stems.map((_, i) => sheet.rows.get(KAHOOT_HEADER_ROW + 1 + i)![1])).toEqual(stems);
    expect(parseGift(await readFile(files[3], "utf8")).map((g) => g.stem)).toEqual(stems);
    const { FormApp, forms } = fakeFormApp();
    vm.runInNewContext(`${await readFile(files[2], "utf8")}\ncreateQuiz();`, { FormApp, Logger: { log: () => undefined } });
    expect(forms[0].items.map((i) => i.title)).toEqual(stems);
    const docx = (await mammoth.extractRawText({ path: files[0] })).value;
    stems.forEach((stem, i) => expect(docx).toContain(`Câu ${i + 1}. ${stem}`));
    // Another run with the same seed and limits, to another format, holds the same set.
    const again = path.join(out, "again.json");
    await run("--doc", "qd-999-test", "--count", "6", "--seed", "7", "--limits", "kahoot", "--index", index, "--out", again);
    expect(JSON.parse(await readFile(again, "utf8")).questions.map((q: QuizQuestion) => q.id)).toEqual(json.questions.map((q: QuizQuestion) => q.id));
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
