/**
 * CSV exports, UTF-8 with a BOM (so Excel reads Vietnamese correctly), CRLF rows, RFC 4180 quoting.
 *
 * - "kahoot": the columns of Kahoot's spreadsheet template, in order — Question, Answer 1–4, Time
 *   limit (sec), Correct answer(s) (option numbers, 1-based). Kahoot imports the .xlsx template:
 *   open this CSV in Excel or Google Sheets and paste the rows under the template's header.
 *   Kahoot allows 120 characters per question and 75 per answer: generate with KAHOOT_LIMITS.
 * - "forms": one row per question for building a Google Forms quiz from a sheet (Form Builder-style
 *   add-ons, Apps Script): Question, Type, Option 1–4, Correct answer (its text), Points, Feedback
 *   (answer, citation and the document's words).
 */
import { citationLabel } from "../model/citation.js";
import type { QuizQuestion } from "./types.js";

export type CsvFlavor = "kahoot" | "forms";

/** Time limits Kahoot accepts, in seconds. */
export const KAHOOT_TIMES = [5, 10, 20, 30, 60, 90, 120, 240];

export const KAHOOT_HEADER = ["Question", "Answer 1", "Answer 2", "Answer 3", "Answer 4", "Time limit (sec)", "Correct answer(s)"];
export const FORMS_HEADER = ["Question", "Type", "Option 1", "Option 2", "Option 3", "Option 4", "Correct answer", "Points", "Feedback"];

function field(value: string | number): string {
  const s = String(value);
  return /[",\r\n]|^\s|\s$/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

function csv(rows: Array<Array<string | number>>): Buffer {
  return Buffer.from("\ufeff" + rows.map((r) => r.map(field).join(",")).join("\r\n") + "\r\n", "utf8");
}

const four = (options: string[]) => [0, 1, 2, 3].map((i) => options[i] ?? "");

export function quizCsv(questions: QuizQuestion[], flavor: CsvFlavor, opts: { timeLimit?: number } = {}): Buffer {
  if (flavor === "kahoot") {
    const time = opts.timeLimit ?? 30;
    if (!KAHOOT_TIMES.includes(time)) throw new Error(`Kahoot chỉ nhận thời gian ${KAHOOT_TIMES.join(", ")} giây`);
    return csv([KAHOOT_HEADER, ...questions.map((q) => [q.stem, ...four(q.options), time, q.correct + 1])]);
  }
  return csv([
    FORMS_HEADER,
    ...questions.map((q) => [q.stem, "Multiple choice", ...four(q.options), q.options[q.correct], 1, `Đáp án: ${q.options[q.correct]} — ${citationLabel(q.citation)}: «${q.quote}»`]),
  ]);
}
