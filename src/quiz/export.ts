/** One entry point for exports, for the CLI and for sending the file in chat. */
import { quizCsv, type CsvFlavor } from "./export-csv.js";
import { quizDocx } from "./export-docx.js";
import { quizJson } from "./export-json.js";
import type { QuizQuestion } from "./types.js";

export type ExportFormat = "docx" | "json" | CsvFlavor;

export interface QuizMeta {
  /** Heading of the question sheet: "Bộ câu hỏi — Luật 24/2008/QH12". */
  title: string;
  generatedAt?: Date;
  /** Kahoot: seconds per question (5, 10, 20, 30, 60, 90, 120 or 240). */
  timeLimit?: number;
}

export interface ExportedQuiz {
  data: Buffer;
  extension: "docx" | "json" | "csv";
  mime: string;
}

export async function exportQuiz(questions: QuizQuestion[], format: ExportFormat, meta: QuizMeta): Promise<ExportedQuiz> {
  switch (format) {
    case "docx":
      return { data: await quizDocx(questions, meta), extension: "docx", mime: "application/vnd.openxmlformats-officedocument.wordprocessingml.document" };
    case "json":
      return { data: quizJson(questions, meta), extension: "json", mime: "application/json" };
    default:
      return { data: quizCsv(questions, format, { timeLimit: meta.timeLimit }), extension: "csv", mime: "text/csv; charset=utf-8" };
  }
}

/** The format a file name asks for: .docx, .json, or .csv (Kahoot unless `flavor` says Google Forms). */
export function formatForFile(file: string, flavor?: CsvFlavor): ExportFormat | undefined {
  const ext = file.toLowerCase().match(/\.([a-z]+)$/)?.[1];
  if (ext === "csv") return flavor ?? "kahoot";
  return ext === "docx" || ext === "json" ? ext : undefined;
}
