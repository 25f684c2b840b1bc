/**
 * Kahoot's spreadsheet template (Create → Add question → Import spreadsheet), written with
 * exceljs: title and instructions on top, the header on row 8 — an unnamed number column, then
 * Question (max 120 characters), Answer 1–4 (max 75), Time limit (5, 10, 20, 30, 60, 90, 120 or
 * 240 seconds), Correct answer(s) (option numbers) — and one question per row from row 9. A
 * true/false question is two answers, "Đúng" and "Sai". Limits are checked, never met by cutting:
 * generate with KAHOOT_LIMITS (the CLI always does).
 */
import ExcelJS from "exceljs";
import { KAHOOT_LIMITS, type QuizQuestion } from "./types.js";

/** Time limits Kahoot accepts, in seconds. */
export const KAHOOT_TIMES = [5, 10, 20, 30, 60, 90, 120, 240];
export const KAHOOT_HEADER_ROW = 8;
export const KAHOOT_HEADER = [
  "",
  "Question - max 120 characters",
  "Answer 1 - max 75 characters",
  "Answer 2 - max 75 characters",
  "Answer 3 - max 75 characters",
  "Answer 4 - max 75 characters",
  "Time limit (sec) – 5, 10, 20, 30, 60, 90, 120, or 240 secs",
  "Correct answer(s) - choose at least one",
];

export class ExportLimitError extends Error {}

export async function quizXlsx(questions: QuizQuestion[], opts: { title: string; timeLimit?: number }): Promise<Buffer> {
  const time = opts.timeLimit ?? 30;
  if (!KAHOOT_TIMES.includes(time)) throw new ExportLimitError(`Kahoot chỉ nhận thời gian ${KAHOOT_TIMES.join(", ")} giây`);
  questions.forEach((q, i) => {
    if (q.stem.length > KAHOOT_LIMITS.stem) throw new ExportLimitError(`Câu ${i + 1} dài ${q.stem.length} ký tự, Kahoot nhận tối đa ${KAHOOT_LIMITS.stem}: hãy tạo bộ câu hỏi với giới hạn của Kahoot.`);
    for (const o of q.options) if (o.length > KAHOOT_LIMITS.option) throw new ExportLimitError(`Câu ${i + 1} có phương án dài ${o.length} ký tự, Kahoot nhận tối đa ${KAHOOT_LIMITS.option}.`);
  });
  const wb = new ExcelJS.Workbook();
  wb.creator = "Hỏi Văn Bản";
  const ws = wb.addWorksheet("Sheet1");
  ws.getCell("B2").value = opts.title;
  ws.getCell("B2").font = { bold: true, size: 14 };
  ws.getCell("B3").value = "Kahoot: Tạo kahoot → Thêm câu hỏi → Nhập bảng tính (Import spreadsheet) → chọn tệp này.";
  ws.getRow(KAHOOT_HEADER_ROW).values = KAHOOT_HEADER;
  ws.getRow(KAHOOT_HEADER_ROW).font = { bold: true };
  questions.forEach((q, i) => {
    const answers = [0, 1, 2, 3].map((k) => q.options[k] ?? "");
    ws.getRow(KAHOOT_HEADER_ROW + 1 + i).values = [i + 1, q.stem, ...answers, time, q.correct + 1];
  });
  ws.getColumn(2).width = 60;
  for (const c of [3, 4, 5, 6]) ws.getColumn(c).width = 35;
  return Buffer.from(await wb.xlsx.writeBuffer());
}
