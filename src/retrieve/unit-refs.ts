/**
 * Explicit unit references in a question: "khoản 2 điều 12", "dieu 5", "điểm a khoản 2 Điều 5",
 * "mục 3", "phần II", "chương 2", "đoạn 2 mục 3", "đoạn cuối mục 3". Numbers may be arabic or
 * roman; folded text is parsed.
 */
import { UNIT_WORD, type UnitType } from "../model/document.js";
import { foldDiacritics, searchForm } from "../text/normalize.js";
import { intToRoman } from "../structure/numbering.js";

export interface UnitRef {
  type: UnitType;
  /** Label as the parser writes it: digits for dieu/khoan/muc, a letter for diem, roman for phan/chuong. */
  label: string;
}

/** The label of "đoạn cuối" (the unit's last paragraph), resolved by `locateUnit`. */
export const LAST_PARAGRAPH = "cuối";

/** How each level's number is written after its word (folded), and whether it is a roman numeral. */
const NUMBERS: Array<{ type: UnitType; gap: string; label: string; roman?: boolean; not?: string }> = [
  { type: "dieu", gap: "\\s*", label: "\\d+[a-z]?" },
  { type: "khoan", gap: "\\s*", label: "\\d+" },
  { type: "diem", gap: "\\s+", label: "[a-z]" },
  { type: "muc", gap: "\\s*", label: "\\d+(?:\\.\\d+)?" },
  { type: "phan", gap: "\\s+", label: "\\d+|[ivxl]+", roman: true },
  { type: "chuong", gap: "\\s+", label: "\\d+|[ivxl]+", roman: true },
  // "giai đoạn 2" is a stage, not a paragraph
  { type: "doan", gap: "\\s+", label: "\\d+|cuoi", not: "giai " },
];

/** `word` is the accented keyword (UNIT_WORD): typed as is, or with no tone marks at all, it counts. */
const PATTERNS = NUMBERS.map(({ type, gap, label, roman, not }) => {
  const word = UNIT_WORD[type];
  return { type, word, roman, re: new RegExp(`${not ? `(?<!${not})` : ""}\\b(${foldDiacritics(word)})${gap}(${label})\\b`, "g") };
});

/** Words that frame a lookup without asking about content: "nội dung điều 5 là gì", "xem khoản 2". */
const FRAMING = new Set(
  "noi dung quy dinh gi la ve cua theo trong noi thi sao con xem cho toi biet hoi nhu the nao toan van nguyen van doc tra cuu tim va".split(" "),
);

/**
 * True when the question is only a reference (plus a document name and framing words), so the
 * unit itself is the answer; a question with content of its own is searched instead, since
 * "quy định tại Điều 142" inside a longer question usually points elsewhere.
 */
export function isLookup(question: string, docNameKeys: string[]): boolean {
  let folded = ` ${foldDiacritics(searchForm(question)).replace(/[^a-z0-9/\-]+/g, " ")} `;
  for (const key of docNameKeys) folded = folded.replace(` ${key} `, " ");
  for (const { re } of PATTERNS) folded = folded.replace(re, " ");
  const rest = folded.split(/\s+/).filter((w) => w && !FRAMING.has(w));
  return rest.length <= 2;
}

export function parseUnitRefs(question: string): UnitRef[] {
  // searchForm and folding keep string positions, so a folded match points at the typed word.
  const typed = searchForm(question);
  const folded = foldDiacritics(typed);
  const refs: UnitRef[] = [];
  for (const { type, word, re, roman } of PATTERNS) {
    for (const m of folded.matchAll(re)) {
      const asTyped = typed.slice(m.index, m.index + m[1].length);
      // "mức 3" (level 3) folds like "mục 3": only the keyword itself or its unaccented form counts.
      if (asTyped !== word && asTyped !== m[1]) continue;
      let label = m[2];
      if (roman) label = /^\d+$/.test(label) ? intToRoman(Number(label)) : label.toUpperCase();
      if (type === "diem" && label === "d" && typed[m.index + m[0].length - 1] === "đ") label = "đ";
      if (type === "doan" && label === "cuoi") label = LAST_PARAGRAPH;
      refs.push({ type, label });
      break;
    }
  }
  return refs;
}
