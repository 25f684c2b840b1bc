/** Numbering helpers shared by the structure parsers: roman numerals, Vietnamese letters, ordinals. */

const ROMAN_VALUES: Record<string, number> = { I: 1, V: 5, X: 10, L: 50, C: 100 };

/** Value of a roman numeral (I..CC), or undefined when the string is not a well-formed one. */
export function romanToInt(roman: string): number | undefined {
  const s = roman.toUpperCase();
  if (!/^[IVXLC]+$/.test(s)) return undefined;
  let total = 0;
  for (let i = 0; i < s.length; i++) {
    const v = ROMAN_VALUES[s[i]];
    const next = i + 1 < s.length ? ROMAN_VALUES[s[i + 1]] : 0;
    total += v < next ? -v : v;
  }
  // Reject malformed numerals such as "IIII" or "VX" by round-tripping.
  return intToRoman(total) === s ? total : undefined;
}

export function intToRoman(n: number): string {
  const table: Array<[number, string]> = [
    [100, "C"], [90, "XC"], [50, "L"], [40, "XL"], [10, "X"], [9, "IX"], [5, "V"], [4, "IV"], [1, "I"],
  ];
  let out = "";
  for (const [v, s] of table) {
    while (n >= v) {
      out += s;
      n -= v;
    }
  }
  return out;
}

/** Vietnamese alphabet order used for điểm letters (no f, j, w, z). */
export const VIET_LETTERS = ["a", "b", "c", "d", "đ", "e", "g", "h", "i", "k", "l", "m", "n", "o", "p", "q", "r", "s", "t", "u", "v", "x", "y"];

/** Position of a điểm letter in the Vietnamese order, -1 when it is not one. */
export function letterIndex(letter: string): number {
  return VIET_LETTERS.indexOf(letter.toLowerCase());
}

const ORDINALS: Record<string, number> = {
  "nhất": 1, "một": 1, "hai": 2, "ba": 3, "tư": 4, "bốn": 4, "năm": 5, "sáu": 6, "bảy": 7, "bẩy": 7, "tám": 8, "chín": 9, "mười": 10,
};

/** "thứ nhất" → 1, "thứ mười hai" → 12; undefined when not an ordinal phrase. */
export function ordinalToInt(phrase: string): number | undefined {
  const words = phrase.toLowerCase().replace(/^thứ\s+/u, "").split(/\s+/u).filter(Boolean);
  if (words.length === 0 || words.length > 2) return undefined;
  const first = ORDINALS[words[0]];
  if (first === undefined) return undefined;
  if (words.length === 1) return first;
  if (first !== 10) return undefined;
  const second = words[1] === "mốt" ? 1 : ORDINALS[words[1]];
  return second === undefined || second === 10 ? undefined : 10 + second;
}

/** Regex source matching the ordinal phrase after "Phần thứ" (case-insensitive use). */
export const ORDINAL_WORDS = "mười\\s+(?:một|mốt|hai|ba|bốn|tư|năm|lăm|sáu|bảy|tám|chín)|nhất|một|hai|ba|tư|bốn|năm|sáu|bảy|bẩy|tám|chín|mười";

/** Label → ASCII id fragment: lower case, diacritics folded, đ → "dd" (so "01đ" ≠ "01d"), other runs → "-". */
export function slug(label: string): string {
  return label
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/[đĐ]/g, "dd")
    .toLowerCase()
    .replace(/[^a-z0-9.]+/g, "-")
    .replace(/^-+|-+$/g, "");
}

/** Comparable key of an article/clause number with an optional letter suffix ("5", "5a", "29b"). */
export interface NumKey {
  n: number;
  suffix: string;
}

export function parseNumKey(label: string): NumKey {
  const m = /^(\d+)(.*)$/u.exec(label);
  if (!m) return { n: NaN, suffix: label };
  return { n: Number(m[1]), suffix: m[2].toLowerCase() };
}

/** -1, 0, 1 like a comparator; suffix "" sorts before "a" which sorts before "b". */
export function compareNumKey(a: NumKey, b: NumKey): number {
  if (a.n !== b.n) return a.n < b.n ? -1 : 1;
  if (a.suffix === b.suffix) return 0;
  return a.suffix < b.suffix ? -1 : 1;
}

export function formatNumKey(k: NumKey): string {
  return `${k.n}${k.suffix}`;
}
