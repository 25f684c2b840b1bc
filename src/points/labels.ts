/** Words shared by every rendering of an outline (Markdown, DOCX, chat), so they all say the same. */
import { capitalize, citationLabel, type Citation } from "../model/citation.js";
import { asSentence } from "./statement.js";
import type { TalkingPoint, TalkingPoints } from "./types.js";

export const CLOSING_HEADING = "Nhiệm vụ, lời kêu gọi";

/** "Khoản 1 Điều 3 — Quy định 97-QĐ/TEST": the citation label, from the one place that spells it. */
export function sourceLabel(c: Citation): string {
  return capitalize(citationLabel(c));
}

/** False when the quote is just the statement's sentence again ("ngan"): then it is not repeated. */
export function showsQuote(p: TalkingPoint): boolean {
  return asSentence(p.quote) !== p.statement;
}

/** Audience and how the wording was made. */
export function originLine(tp: TalkingPoints): string {
  const how = tp.mode === "llm" ? "lời văn do mô hình ngôn ngữ diễn đạt, mỗi ý đã kiểm tra trích dẫn" : "các ý dùng nguyên câu chữ của văn bản";
  return `Đối tượng: ${tp.audience}; ${how}.`;
}
