/**
 * A count as documents write it: decrees pad it to two digits ("07 ngày", "tháng thứ 07"), the
 * 2015 Civil Code spells ages and periods out ("mười lăm tuổi", "ba năm"), people type "7 ngày",
 * "15 tuổi". A number in a question followed by its unit also searches its other written forms,
 * like a thesaurus entry of full weight (same meaning, other spelling).
 */
import { foldDiacritics, hasDiacritics } from "../text/normalize.js";
import type { Expansion } from "./thesaurus.js";

/** Units a count is written with: the form of the number changes, the unit stays. */
const UNITS = ["tuổi", "năm", "tháng", "tuần", "ngày", "giờ", "lần", "người"];
const UNIT_FORMS = new Map([...UNITS.map((u) => [u, u] as const), ...UNITS.map((u) => [foldDiacritics(u), u] as const)]);

/** "7 ngày", "15 tuổi", "tháng thứ 7": the number and the unit next to it. */
const COUNT = /(?<![\p{L}\p{N}/.,-])(\d{1,3})\s+([\p{L}]+)(?![\p{L}\p{N}])|(?<![\p{L}])([\p{L}]+)\s+thứ\s+(\d{1,2})(?![\p{L}\p{N}]|[/.,-]\p{N})/gu;

const ONES = ["", "một", "hai", "ba", "bốn", "năm", "sáu", "bảy", "tám", "chín"];

/** 1–99 in words as legal texts write them: "mười lăm", "hai mươi mốt", "ba mươi tư". */
export function numberWords(n: number): string | undefined {
  if (!Number.isInteger(n) || n < 1 || n > 99) return undefined;
  const [tens, ones] = [Math.floor(n / 10), n % 10];
  if (!tens) return ONES[ones];
  const head = tens === 1 ? "mười" : `${ONES[tens]} mươi`;
  if (!ones) return head;
  const tail = ones === 5 ? "lăm" : tens > 1 && ones === 1 ? "mốt" : tens > 1 && ones === 4 ? "tư" : ONES[ones];
  return `${head} ${tail}`;
}

/** The other written forms of the counts in a question, each with its unit. */
export function numberForms(question: string): Expansion[] {
  const marked = hasDiacritics(question);
  const out = new Map<string, Expansion>();
  const have = ` ${foldDiacritics(question.toLowerCase()).replace(/\s+/gu, " ")} `;
  for (const m of question.normalize("NFC").matchAll(COUNT)) {
    const [digits, typedUnit, ordinalOf] = m[1] ? [m[1], m[2], undefined] : [m[4], undefined, m[3]];
    const n = Number(digits);
    if (!n || n > 99) continue;
    const forms = new Set([String(n), n < 10 ? `0${n}` : String(n)]);
    forms.delete(digits);
    if (typedUnit !== undefined) {
      const unit = UNIT_FORMS.get(typedUnit.toLowerCase());
      if (!unit) continue;
      const words = numberWords(n);
      if (words) forms.add(words);
      for (const f of forms) add(`${f} ${unit}`, [digits, foldDiacritics(typedUnit.toLowerCase())]);
    } else {
      // "tháng thứ 7" → "tháng thứ 07": an ordinal keeps its noun; only the digits change.
      for (const f of forms) add(`${ordinalOf!.toLowerCase()} thứ ${f}`, [foldDiacritics(ordinalOf!.toLowerCase()), "thu", digits]);
    }
  }
  return [...out.values()];

  function add(text: string, covers: string[]) {
    const written = marked ? text : foldDiacritics(text);
    if (have.includes(` ${foldDiacritics(written)} `)) return;
    out.set(written, { text: written, weight: 1, covers });
  }
}
