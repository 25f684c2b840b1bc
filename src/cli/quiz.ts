/**
 * `quiz`: a question bank from the documents, written as DOCX (sheet and answer key), CSV (Kahoot,
 * Google Forms) or JSON, or printed. Reads the index and never changes it: without an index it
 * says to ingest first instead of ingesting.
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
  exportQuiz,
  formatForFile,
  generateQuiz,
  KAHOOT_LIMITS,
  KAHOOT_TIMES,
  LETTERS,
  MAX_COUNT,
  questionText,
  quizTitle,
  TELEGRAM_LIMITS,
  type FactType,
  type QuizKind,
  type QuizQuestion,
} from "../quiz/index.js";

const FACT_NAMES: Record<FactType | "written", string> = {
  duration: "thời hạn",
  date: "ngày tháng",
  percent: "tỷ lệ",
  money: "số tiền",
  count: "số lượng",
  level: "mức xếp loại",
  body: "cơ quan chịu trách nhiệm",
  "list-item": "danh sách",
  written: "do LLM soạn",
};

interface QuizCliOptions {
  doc?: string[];
  topic?: string;
  part?: string;
  count: string;
  kinds: string;
  seed?: string;
  out?: string;
  format?: string;
  time: string;
  index?: string;
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
  for (const k of kinds) if (k !== "mcq" && k !== "truefalse") fail(`--kinds: "${k}" không hợp lệ; dùng mcq, truefalse.`);
  return kinds as QuizKind[];
}

function summary(questions: QuizQuestion[], asked: number, title: string, seed: string): string[] {
  const count = (pred: (q: QuizQuestion) => boolean) => questions.filter(pred).length;
  const mcq = questions.filter((q) => q.kind === "mcq");
  const facts = Object.entries(FACT_NAMES)
    .map(([k, name]) => [name, count((q) => q.fact === k)] as const)
    .filter(([, n]) => n)
    .map(([name, n]) => `${name} ${n}`);
  const lines = [
    `${title}: ${questions.length} câu (${mcq.length} trắc nghiệm 4 lựa chọn, ${questions.length - mcq.length} đúng/sai).`,
    `Đáp án đúng ở vị trí: ${LETTERS.map((l, i) => `${l} ${mcq.filter((q) => q.correct === i).length}`).join(" · ")}.`,
    `Dữ kiện được hỏi: ${facts.join(", ")}.`,
    `Seed ${seed} — dùng --seed ${seed} để tạo lại đúng bộ này.`,
  ];
  if (questions.length < asked) lines.push(`Chỉ tạo được ${questions.length}/${asked} câu: phạm vi đã chọn không đủ dữ kiện khác nhau để hỏi thêm mà vẫn chắc chắn đúng.`);
  return lines;
}

export function registerQuiz(program: Command): void {
  program
    .command("quiz")
    .description("Tạo bộ câu hỏi trắc nghiệm từ văn bản: DOCX (đề + đáp án có trích dẫn), CSV (Kahoot, Google Forms), JSON")
    .option("--doc <id...>", "mã văn bản (một hoặc nhiều); không nêu: mọi văn bản đã nạp")
    .option("--topic <text>", "chủ đề: chỉ hỏi các điều, mục nói về chủ đề này")
    .option("--part <unitId>", "một phần của văn bản đã nêu ở --doc, ví dụ chuong-ii, dieu-5")
    .option("--count <n>", `số câu (1–${MAX_COUNT})`, "10")
    .option("--kinds <list>", "loại câu: mcq, truefalse (cách nhau bằng dấu phẩy)", "mcq,truefalse")
    .option("--seed <seed>", "hạt ngẫu nhiên, để tạo lại đúng một bộ câu hỏi")
    .option("--out <file>", "tệp kết quả .docx, .csv hoặc .json (không nêu: in ra màn hình)")
    .option("--format <kahoot|forms>", "kiểu CSV: kahoot (mặc định) hoặc forms (Google Forms)")
    .option("--time <sec>", `Kahoot: số giây mỗi câu (${KAHOOT_TIMES.join(", ")})`, "30")
    .option("--index <dir>", "thư mục chỉ mục")
    .action(async (opts: QuizCliOptions) => {
      if (!/^\d+$/.test(opts.count) || Number(opts.count) < 1 || Number(opts.count) > MAX_COUNT) fail(`--count phải là số nguyên từ 1 đến ${MAX_COUNT}.`);
      const count = Number(opts.count);
      const kinds = parseKinds(opts.kinds);
      if (opts.format && opts.format !== "kahoot" && opts.format !== "forms") fail(`--format: "${opts.format}" không hợp lệ; dùng kahoot hoặc forms.`);
      const format = opts.out ? formatForFile(opts.out, opts.format as "kahoot" | "forms" | undefined) : undefined;
      if (opts.out && !format) fail(`--out: phần mở rộng phải là .docx, .csv hoặc .json (${opts.out}).`);
      if (opts.format && !opts.out?.toLowerCase().endsWith(".csv")) fail("--format chỉ dùng với tệp .csv.");
      const time = Number(opts.time);
      if (format === "kahoot" && !KAHOOT_TIMES.includes(time)) fail(`--time: Kahoot chỉ nhận ${KAHOOT_TIMES.join(", ")} giây.`);
      if (opts.out) checkWritable(opts.out);

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
      const req = { docIds: opts.doc?.flatMap((d) => d.split(",")).filter(Boolean), topic: opts.topic, part: opts.part };
      // With an LLM configured, questions read more naturally; each still passes the same checks.
      const writer = quizWriterFromConfig(config, createLogger(config.LOG_LEVEL));
      const questions = await generateQuiz(engine, { ...req, count, kinds, seed, writer, limits: format === "kahoot" ? KAHOOT_LIMITS : TELEGRAM_LIMITS });
      if (!questions.length) fail("Không tạo được câu hỏi nào: phạm vi đã chọn không có dữ kiện (thời hạn, số liệu, cơ quan, danh sách…) để hỏi.");
      const title = quizTitle(engine, req);

      if (opts.out && format) {
        const file = await exportQuiz(questions, format, { title, timeLimit: time });
        try {
          writeFileSync(opts.out, file.data);
        } catch (e) {
          fail(`Không ghi được ${opts.out}: ${(e as Error).message}`);
        }
      } else {
        questions.forEach((q, i) => console.log(`${questionText(q, i, questions.length)}\n→ ${q.explanation.replace(/\n/g, " | ")}\n`));
      }
      const lines = summary(questions, count, title, seed);
      if (opts.out) lines.push(`Đã ghi ${opts.out}.`);
      console.error(lines.join("\n"));
    });
}
