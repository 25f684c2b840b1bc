/**
 * `quiz`: a question bank from the documents, written as Kahoot .xlsx, a Google Forms Apps Script
 * (.gs), Moodle GIFT, DOCX (sheet and answer key) or JSON — several at once — or printed. One set
 * per seed: it is made once, within the tightest target's limits, and every file holds it. Reads
 * the index and never changes it: without an index it says to ingest first instead of ingesting.
 */
import { accessSync, constants, existsSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import type { Command } from "commander";
import { loadConfig } from "../config/env.js";
import { Engine } from "../engine/engine.js";
import { IndexMissingError } from "../index/store.js";
import { createLogger } from "../log.js";
import { quizWriterFromConfig } from "../quiz/llm.js";
import {
  EXPORT_FORMATS,
  exportQuiz,
  formatForFile,
  generateQuiz,
  KAHOOT_TIMES,
  LETTERS,
  MAX_COUNT,
  questionText,
  quizTitle,
  type ExportFormat,
  type FactType,
  type FitReport,
  type QuizKind,
  type QuizQuestion,
} from "../quiz/index.js";
import { DIFFICULTIES, KAHOOT_LIMITS, QUIZ_KINDS, TELEGRAM_LIMITS, type Difficulty } from "../quiz/types.js";

const FACT_NAMES: Record<FactType | "written", string> = {
  duration: "thời hạn",
  date: "ngày tháng",
  percent: "tỷ lệ",
  money: "số tiền",
  count: "số lượng",
  level: "mức xếp loại",
  body: "cơ quan chịu trách nhiệm",
  "list-item": "danh sách",
  consequence: "hệ quả của một quy định (tình huống)",
  written: "do LLM soạn",
};

interface QuizCliOptions {
  doc?: string[];
  topic?: string;
  part?: string;
  count: string;
  kinds: string;
  seed?: string;
  out?: string[];
  time: string;
  index?: string;
  difficulty?: string;
  perPart?: boolean;
  limits?: string;
}

function fail(message: string): never {
  throw new Error(message);
}

/** Checked before any work, so a bad path fails at once and nothing is half-written. */
function checkWritable(file: string): void {
  const abs = path.resolve(file);
  try {
    if (existsSync(abs)) {
      if (statSync(abs).isDirectory()) fail(`${file} là một thư mục, không phải tệp.`);
      accessSync(abs, constants.W_OK);
    } else {
      const dir = path.dirname(abs);
      if (!existsSync(dir)) fail(`Thư mục ${dir} không tồn tại.`);
      accessSync(dir, constants.W_OK);
    }
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code) fail(`Không ghi được vào ${file} (${(e as NodeJS.ErrnoException).code}).`);
    throw e;
  }
}

function parseKinds(list: string): QuizKind[] {
  const kinds = list.split(",").map((k) => k.trim()).filter(Boolean);
  for (const k of kinds) if (!(QUIZ_KINDS as string[]).includes(k)) fail(`--kinds: "${k}" không hợp lệ; dùng ${QUIZ_KINDS.join(", ")}.`);
  return kinds as QuizKind[];
}

function summary(questions: QuizQuestion[], asked: number, title: string, seed: string, fit: FitReport): string[] {
  const count = (pred: (q: QuizQuestion) => boolean) => questions.filter(pred).length;
  const mcq = questions.filter((q) => q.kind !== "truefalse");
  const facts = Object.entries(FACT_NAMES)
    .map(([k, name]) => [name, count((q) => q.fact === k)] as const)
    .filter(([, n]) => n)
    .map(([name, n]) => `${name} ${n}`);
  const lines = [
    `${title}: ${questions.length} câu (${count((q) => q.kind === "mcq")} trắc nghiệm 4 lựa chọn, ${count((q) => q.kind === "not")} câu «không thuộc», ${count((q) => q.kind === "truefalse")} đúng/sai, ${count((q) => q.kind === "scenario")} tình huống; mức dễ ${count((q) => q.level === "de")}, vừa ${count((q) => q.level === "vua")}, khó ${count((q) => q.level === "kho")}).`,
    `Đáp án đúng ở vị trí: ${LETTERS.map((l, i) => `${l} ${mcq.filter((q) => q.correct === i).length}`).join(" · ")}.`,
    `Dữ kiện được hỏi: ${facts.join(", ")}.`,
    `Seed ${seed} — dùng --seed ${seed} để tạo lại đúng bộ này (mọi tệp ghi cùng lúc chứa cùng một bộ).`,
    `Giới hạn độ dài: ${fit.rephrased} câu được viết gọn (chữ viết tắt, tên ngắn của văn bản, bỏ phần trong ngoặc), ${fit.skipped} câu văn bỏ qua vì vẫn quá dài hoặc phương án không còn phân biệt — không cắt câu nào.`,
  ];
  if (questions.length < asked) lines.push(`Chỉ tạo được ${questions.length}/${asked} câu: phạm vi đã chọn không đủ dữ kiện khác nhau để hỏi thêm mà vẫn chắc chắn đúng.`);
  return lines;
}

export function registerQuiz(program: Command): void {
  program
    .command("quiz")
    .description("Tạo bộ câu hỏi trắc nghiệm từ văn bản: Kahoot (.xlsx), Google Forms (.gs), Moodle (.gift), DOCX (đề + đáp án có trích dẫn), JSON")
    .option("--doc <id...>", "mã văn bản (một hoặc nhiều); không nêu: mọi văn bản đã nạp")
    .option("--topic <text>", "chủ đề: chỉ hỏi các điều, mục nói về chủ đề này")
    .option("--part <unitId>", "một phần của văn bản đã nêu ở --doc, ví dụ chuong-ii, dieu-5")
    .option("--count <n>", `số câu (1–${MAX_COUNT})`, "10")
    .option("--kinds <list>", "loại câu: mcq (chọn đáp án), not (chọn ý không thuộc), truefalse (đúng/sai), scenario (tình huống), cách nhau bằng dấu phẩy", QUIZ_KINDS.join(","))
    .option("--seed <seed>", "hạt ngẫu nhiên, để tạo lại đúng một bộ câu hỏi")
    .option("--out <file...>", `tệp kết quả, một hoặc nhiều: ${EXPORT_FORMATS.map((f) => `.${f}`).join(", ")} (không nêu: in ra màn hình)`)
    .option("--time <sec>", `Kahoot: số giây mỗi câu (${KAHOOT_TIMES.join(", ")})`, "30")
    .option("--difficulty <level>", "chỉ câu ở mức: de (dễ), vua (vừa), kho (khó)")
    .option("--per-part", "rải câu hỏi đều qua các chương, mục của văn bản")
    .option("--limits <kahoot|telegram>", "giới hạn độ dài câu hỏi (mặc định: kahoot khi có tệp .xlsx, còn lại telegram)")
    .option("--index <dir>", "thư mục chỉ mục")
    .action(async (opts: QuizCliOptions) => {
      if (!/^\d+$/.test(opts.count) || Number(opts.count) < 1 || Number(opts.count) > MAX_COUNT) fail(`--count phải là số nguyên từ 1 đến ${MAX_COUNT}.`);
      const count = Number(opts.count);
      const kinds = parseKinds(opts.kinds);
      if (opts.difficulty && !(DIFFICULTIES as string[]).includes(opts.difficulty)) fail(`--difficulty: "${opts.difficulty}" không hợp lệ; dùng ${DIFFICULTIES.join(", ")}.`);
      const outs = (opts.out ?? []).map((file) => {
        const format = formatForFile(file);
        if (!format) fail(`--out: phần mở rộng phải là ${EXPORT_FORMATS.map((f) => `.${f}`).join(", ")} (${file}).`);
        return { file, format: format as ExportFormat };
      });
      const time = Number(opts.time);
      if (outs.some((o) => o.format === "xlsx") && !KAHOOT_TIMES.includes(time)) fail(`--time: Kahoot chỉ nhận ${KAHOOT_TIMES.join(", ")} giây.`);
      for (const o of outs) checkWritable(o.file);
      if (opts.limits && opts.limits !== "kahoot" && opts.limits !== "telegram") fail(`--limits: "${opts.limits}" không hợp lệ; dùng kahoot hoặc telegram.`);
      // One set for every file of a run: the tightest target's limits (Kahoot: 120/75) when an .xlsx is among them.
      const profile = opts.limits ?? (outs.some((o) => o.format === "xlsx") ? "kahoot" : "telegram");

      const config = loadConfig({ ...process.env, ...(opts.index ? { INDEX_DIR: opts.index } : {}) });
      const indexDir = config.INDEX_DIR;
      let engine: Engine;
      try {
        engine = Engine.open({ indexDir });
      } catch (e) {
        if (e instanceof IndexMissingError) fail(`Chưa có chỉ mục trong ${indexDir}. Hãy nạp văn bản trước: npm run ingest`);
        throw e;
      }
      const seed = opts.seed ?? String(Math.floor(Math.random() * 1e6));
      const req = { docIds: opts.doc?.flatMap((d) => d.split(",")).filter(Boolean), topic: opts.topic, part: opts.part, perPart: opts.perPart };
      // With an LLM configured, questions read more naturally; each still passes the same checks.
      const writer = quizWriterFromConfig(config, createLogger(config.LOG_LEVEL));
      const difficulty = opts.difficulty as Difficulty | undefined;
      const fit: FitReport = { rephrased: 0, skipped: 0 };
      const questions = await generateQuiz(engine, { ...req, count, kinds, seed, writer, difficulty, limits: profile === "kahoot" ? KAHOOT_LIMITS : TELEGRAM_LIMITS, report: fit });
      if (!questions.length) fail("Không tạo được câu hỏi nào: phạm vi đã chọn không có dữ kiện (thời hạn, số liệu, cơ quan, danh sách…) để hỏi.");
      const title = quizTitle(engine, req, questions);

      if (outs.length) {
        for (const o of outs) {
          const file = await exportQuiz(questions, o.format, { title, timeLimit: time, seed: `${seed} (--limits ${profile})` });
          try {
            writeFileSync(o.file, file.data);
          } catch (e) {
            fail(`Không ghi được ${o.file}: ${(e as Error).message}`);
          }
        }
      } else {
        questions.forEach((q, i) => console.log(`${questionText(q, i, questions.length)}\n→ ${q.explanation.replace(/\n/g, " | ")}\n`));
      }
      const lines = summary(questions, count, title, `${seed} --limits ${profile}`, fit);
      if (outs.length) lines.push(`Đã ghi ${outs.map((o) => o.file).join(", ")} — cùng một bộ câu hỏi.`);
      console.error(lines.join("\n"));
    });
}
