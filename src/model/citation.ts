/**
 * A citation is data: which document, which unit (as a path of typed labels), the quoted words.
 * Channels render it; `citationLabel` is the one place that spells a path in Vietnamese, so
 * "điểm a khoản 2 Điều 5" reads the same in the CLI, Telegram, Zalo and exports.
 */
import { UNIT_WORD, type DocStatus, type UnitType } from "./document.js";

export interface CitationDoc {
  id: string;
  number?: string;
  kind: string;
  title: string;
  status: DocStatus;
  replacedBy?: string;
}

export interface PathStep {
  type: UnitType;
  label: string;
  heading?: string;
}

export interface Citation {
  doc: CitationDoc;
  /** From the outermost unit to the cited one (grouping levels such as Chương included). */
  path: PathStep[];
  /** Index of the cited unit in its document, to fetch its full text ("Nguyên văn"). */
  unit: number;
  /** Stable unit id, e.g. "dieu-5/khoan-2/diem-a". */
  unitId: string;
  /** Verbatim words of the cited unit (a substring of its text). */
  quote: string;
  /**
   * The sentence that opens the list the unit belongs to ("Bộ Quốc phòng có trách nhiệm:"), verbatim
   * from the enclosing unit named in `path`: an item means nothing without it.
   */
  leadIn?: string;
  score: number;
  /** The words were read by OCR from a low-confidence scanned page: check them against the original. */
  lowConfidence?: boolean;
}

/** Unit words as citations write them: "Điều" and "Chương" capitalised, as legal texts do ("khoản 2 Điều 5"). */
const NAMES: Record<UnitType, string> = { ...UNIT_WORD, chuong: "Chương", dieu: "Điều" };

/** Levels that a legal citation names; Chương and legal Mục only group articles. */
function citedSteps(path: PathStep[]): PathStep[] {
  const hasArticle = path.some((s) => s.type === "dieu");
  return hasArticle ? path.filter((s) => ["dieu", "khoan", "diem", "doan"].includes(s.type)) : path;
}

/**
 * "điểm a khoản 2 Điều 5", "mục 2", "phần II, mục 3", "đoạn 4". A paragraph inside a unit (written
 * after its items) is named inside it, innermost first, as laws cite one: "đoạn 2 khoản 1 Điều 23",
 * "đoạn 2 mục 3", "đoạn 2 mục 3 phần II".
 */
export function unitLabel(path: PathStep[]): string {
  const steps = citedSteps(path);
  if (steps.some((s) => s.type === "dieu") || (steps.length > 1 && steps[steps.length - 1].type === "doan")) {
    return [...steps].reverse().map((s) => `${NAMES[s.type]} ${s.label}`).join(" ");
  }
  return steps.map((s) => (s.type === "preamble" ? NAMES.preamble : `${NAMES[s.type]} ${s.label}`)).join(", ");
}

/** "Nghị định 73/2023/NĐ-CP" or, without a number, the kind and title. */
export function docLabel(doc: CitationDoc): string {
  if (doc.number) return `${doc.kind} ${doc.number}`;
  // A title that already starts with the kind ("Hướng dẫn sử dụng…") is not prefixed again.
  return doc.title.toLowerCase().startsWith(doc.kind.toLowerCase()) ? doc.title : `${doc.kind} ${doc.title}`.trim();
}

/** "điểm a khoản 2 Điều 5 — Nghị định 73/2023/NĐ-CP". */
export function citationLabel(c: Pick<Citation, "doc" | "path">): string {
  const unit = unitLabel(c.path);
  return unit ? `${unit} — ${docLabel(c.doc)}` : docLabel(c.doc);
}

/** Upper-case first letter, for a label that starts a line. */
export function capitalize(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
