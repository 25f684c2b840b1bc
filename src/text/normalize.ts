/**
 * Vietnamese text normalisation shared by ingest, index and queries.
 * - NFC everywhere: NFD input (Windows keyboards, some PDF producers) must compare equal.
 * - One tone placement: the "new style" (hòa, thủy, quý) so "hoà"/"hòa" index the same.
 * - Folding (no tone marks, đ→d) for users who type without diacritics.
 */

const COMBINING = /[\u0300-\u036f]/g;

/**
 * Old-style tone placement → new style, where both spellings coexist: a syllable ending in
 * "oà", "oè" or "uỳ" (hoà, khoẻ, thuỷ) moves the tone to the first vowel (hòa, khỏe, thủy).
 * "oàn" (hoàn) is untouched, and so is "quý", whose u belongs to the consonant.
 */
const OLD_TONE = /(?<!q)([ou])([àáảãạèéẻẽẹỳýỷỹỵ])(?![\p{L}\p{M}])/gu;

function moveTone(_m: string, first: string, second: string): string {
  const [base, tone] = [...second.normalize("NFD")];
  if (first === "o" && base !== "a" && base !== "e") return first + second;
  if (first === "u" && base !== "y") return first + second;
  return (first + tone).normalize("NFC") + base;
}

/**
 * Normalisation for stored text: NFC and nothing else, so every quote is the document's own
 * characters (a soft hyphen, an en dash or a look-alike "Ð" stay as written). Parsers and search
 * see through those variants with `unifyVariants`.
 */
export function normalizeText(input: string): string {
  return input.normalize("NFC");
}

/**
 * Variants that print alike, unified for matching: Ð (U+00D0, often typed for Đ in "NÐ-CP"), every
 * space character, invisible soft hyphens and zero-width spaces, and one dash.
 */
export function unifyVariants(input: string): string {
  return input
    .replace(/\u00d0/g, "Đ")
    .replace(/\u00f0/g, "đ")
    .replace(/[\u00a0\u2000-\u200a\u202f\u205f\u3000]/g, " ")
    .replace(/[\u200b\ufeff\u00ad]/g, "")
    .replace(/[\u2010-\u2013\u2212]/g, "-");
}

/** Syllables spelt with i or y interchangeably (quí/quý, kĩ/kỹ, lí/lý, mĩ/mỹ, tỉ/tỷ): use y. */
const I_TO_Y = /(?<![\p{L}\p{M}])(qu|k|l|m|t)([iíìỉĩị])(?![\p{L}\p{M}])/giu;
const I_Y: Record<string, string> = { i: "y", í: "ý", ì: "ỳ", ỉ: "ỷ", ĩ: "ỹ", ị: "ỵ", I: "Y", Í: "Ý", Ì: "Ỳ", Ỉ: "Ỷ", Ĩ: "Ỹ", Ị: "Ỵ" };

/** Lower-cased form with one tone placement and one i/y spelling: the accented search key. */
export function searchForm(input: string): string {
  const s = unifyVariants(input.normalize("NFC")).toLowerCase().replace(OLD_TONE, moveTone);
  return s.replace(I_TO_Y, (_m, onset: string, vowel: string) => onset + I_Y[vowel]);
}

/**
 * Folded form of each non-ASCII character seen so far, by code unit: folding runs on every
 * indexed syllable and every sentence scored for a quote, and an array read beats a string-keyed map.
 */
const FOLDED_CHAR = new Array<string | undefined>(0x10000);
FOLDED_CHAR[0x111] = "d"; // đ: a letter of its own, not d with a mark, so NFD keeps it
FOLDED_CHAR[0x110] = "D";

function foldChar(code: number): string {
  let f = FOLDED_CHAR[code];
  if (f === undefined) FOLDED_CHAR[code] = f = String.fromCharCode(code).normalize("NFD").replace(COMBINING, "");
  return f;
}

/** Remove every diacritic and map đ/Đ to d/D; keeps case. Input should be NFC. */
export function foldDiacritics(input: string): string {
  let out = "";
  let plainFrom = 0;
  for (let i = 0; i < input.length; i++) {
    const code = input.charCodeAt(i);
    if (code < 0x80) continue;
    out += input.slice(plainFrom, i) + foldChar(code);
    plainFrom = i + 1;
  }
  return plainFrom === 0 ? input : out + input.slice(plainFrom);
}

/** Lower-cased, spelling-unified, folded form used for matching what users type. */
export function foldKey(input: string): string {
  return foldDiacritics(searchForm(input));
}

/** True when the text carries Vietnamese diacritics at all (so the user typed with tone marks). */
export function hasDiacritics(input: string): boolean {
  return foldDiacritics(input) !== input;
}
