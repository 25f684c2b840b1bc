/** One entry point for exports, for the CLI and for sending the file in chat. */
import { quizDocx } from "./export-docx.js";
import { quizGift } from "./export-gift.js";
import { quizGs } from "./export-gs.js";
import { quizJson } from "./export-json.js";
import { quizXlsx } from "./export-xlsx.js";
import type { QuizQuestion } from "./types.js";

/** docx: question sheet and key; json: every field; xlsx: Kahoot; gs: Google Forms (Apps Script); gift: Moodle. */
export const EXPORT_FORMATS = ["docx", "json", "xlsx", "gs", "gift"] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export interface QuizMeta {
  /** Heading of the question sheet: "Bộ câu hỏi — Luật 24/2008/QH12". */
  title: string;
  generatedAt?: Date;
  /** Kahoot: seconds per question (5, 10, 20, 30, 60, 90, 120 or 240). */
  timeLimit?: number;
  /** The seed the set was made with, recorded in the JSON. */
  seed?: string;
}

export interface ExportedQuiz {
  data: Buffer;
  extension: ExportFormat;
  mime: string;
}

const MIME: Record<ExportFormat, string> = {
  docx: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
  json: "application/json",
  xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
  gs: "application/javascript",
  gift: "text/plain; charset=utf-8",
};

export async function exportQuiz(questions: QuizQuestion[], format: ExportFormat, meta: QuizMeta): Promise<ExportedQuiz> {
  const data = await (async () => {
    switch (format) {
      case "docx":
        return quizDocx(questions, meta);
      case "json":
        return quizJson(questions, meta);
      case "xlsx":
        return quizXlsx(questions, meta);
      case "gs":
        return quizGs(questions, meta);
      case "gift":
        return quizGift(questions, meta);
    }
  })();
  return { data, extension: format, mime: MIME[format] };
}

/** The format a file name asks for, by its extension. */
export function formatForFile(file: string): ExportFormat | undefined {
  const ext = file.toLowerCase().match(/\.([a-z]+)$/)?.[1];
  return (EXPORT_FORMATS as readonly string[]).includes(ext ?? "") ? (ext as ExportFormat) : undefined;
}
