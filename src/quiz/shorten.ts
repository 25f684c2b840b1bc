/**
 * Fitting a question to a target's limits by rephrasing, never by cutting: deterministic,
 * meaning-preserving shortenings tried in order — abbreviations the documents' readers know, the
 * document by its short kind ("QĐ 999-QĐ/TEST"), parentheticals dropped, "theo quy định của pháp
 * luật"-like tails dropped — each kept only if the text still needs it. Abbreviations are expanded
 * again by `comparable`, so every check (answer in the stem, distractor in the unit) sees the words.
 */
import { BLANK } from "./types.js";

/** Long form (Ủy/Uỷ both) → the abbreviation Party and State texts themselves use. */
export const ABBREVIATIONS: Array<[RegExp, string]> = [
  [/(?:Ủy|Uỷ|ủy|uỷ) ban nhân dân/gu, "UBND"],
  [/Hội đồng nhân dân/gu, "HĐND"],
  [/(?:Ủy|Uỷ) ban Kiểm tra/gu, "UBKT"],
  [/Mặt trận Tổ quốc(?= Việt Nam)/gu, "MTTQ"],
  [/cán bộ, công chức, viên chức/giu, "CBCCVC"],
  [/Ban Chấp hành/gu, "BCH"],
  [/Ban Thường vụ/gu, "BTV"],
  [/tổ chức cơ sở đảng/giu, "TCCS đảng"],
  [/xã hội chủ nghĩa/giu, "XHCN"],
];

/** The folded abbreviations and their folded long forms, for `comparable`. */
export const EXPANSIONS: Record<string, string> = {
  ubnd: "uy ban nhan dan",
  hdnd: "hoi dong nhan dan",
  ubkt: "uy ban kiem tra",
  mttq: "mat tran to quoc",
  cbccvc: "can bo cong chuc vien chuc",
  bch: "ban chap hanh",
  btv: "ban thuong vu",
  tccs: "to chuc co so",
  xhcn: "xa hoi chu nghia",
};

/** A document's kind as its readers abbreviate it before its number. */
const KINDS: Array<[string, string]> = [
  ["Nghị định", "NĐ"], ["Nghị quyết", "NQ"], ["Quyết định", "QĐ"], ["Quy định", "QĐ"], ["Chỉ thị", "CT"],
  ["Thông tư", "TT"], ["Hướng dẫn", "HD"], ["Kết luận", "KL"], ["Quy chế", "QC"], ["Văn bản hợp nhất", "VBHN"],
];

/**
 * Tails that add no rule of their own: the law applies anyway. Only at a phrase's end (before a
 * stop, a comma or "thì"): inside a longer phrase ("… pháp luật Việt Nam trước ngày …") they are not tails.
 */
const TAILS = /,?\s+theo (?:đúng )?quy định (?:của pháp luật(?: có liên quan| hiện hành)?|hiện hành|của (?:Luật|Bộ luật|Nghị định|Quy định|Điều lệ|Quy chế|Chỉ thị|Quyết định|Thông tư) này)(?=[.,;:?]|\s+thì\s|$)/gu;

function abbreviate(s: string): string {
  return ABBREVIATIONS.reduce((t, [re, short]) => t.replace(re, short), s);
}

/** "Theo Quy định 999-QĐ/TEST" → "Theo QĐ 999-QĐ/TEST": only a kind followed by its number. */
function shortDocument(s: string): string {
  return KINDS.reduce((t, [kind, short]) => t.replace(new RegExp(`(?<=\\bTheo (?:[^,]*? )?)${kind}(?= (?:số )?\\d)`, "gu"), short), s);
}

/** "(Cục Bản đồ Tổng tham mưu)" and the like, unless it holds the blank. */
function dropParentheticals(s: string): string {
  return s.replace(/\s*\(([^()]*)\)/gu, (m, inner: string) => (inner.includes(BLANK) ? m : ""));
}

function dropTails(s: string): string {
  return s.replace(TAILS, "");
}

/** The shortenings, each applied on top of the ones before it. */
const STEPS = [abbreviate, shortDocument, dropParentheticals, dropTails];

/** The text within `max` characters after the fewest steps, or undefined when all of them do not suffice. */
export function fitText(text: string, max: number): string | undefined {
  let t = text;
  if (t.length <= max) return t;
  for (const step of STEPS) {
    t = step(t).replace(/\s{2,}/gu, " ").trim();
    if (t.length <= max) return t;
  }
  return undefined;
}

/** The text with every shortening applied: what is left to clip when even that does not fit (display text only). */
export function shortest(text: string): string {
  return STEPS.reduce((t, step) => step(t).replace(/\s{2,}/gu, " ").trim(), text);
}

/** Can the text be brought within `max`? (For choosing distractors that will fit.) */
export function canFit(text: string, max: number): boolean {
  return fitText(text, max) !== undefined;
}
