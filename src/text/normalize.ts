/**
 * Vietnamese text normalisation shared by ingest, index and queries.
 * - NFC everywhere: NFD input (Windows keyboards, some PDF producers) must compare equal.
 * - One tone placement: the "new style" (hòa, thủy, quý) so "hoà"/"hòa" index the same.
 * - Folding (no tone marks, đ→d) for users who type without diacritics.
 */

const COMBINING = /[\u0300-\u036f]/g;

/** Old-style tone placement → new style, on the vowel pairs where both spellings coexist. */
const TONE_FIXES: Array<[RegExp, string]> = (() => {
  // tone marks as combining characters: grave, acute, hook, tilde, dot below
  const tones = ["\u0300", "\u0301", "\u0309", "\u0303", "\u0323"];
  const pairs: Array<[string, string]> = [
    ["o", "a"], ["o", "e"], ["u", "y"], ["O", "A"], ["O", "E"], ["U", "Y"], ["o", "A"], ["U", "y"],
  ];
  const fixes: Array<[RegExp, string]> = [];
  for (const t of tones) {
    for (const [first, second] of pairs) {
      // "oà" → "òa" only when the pair ends the syllable (hoà, thuỷ) — "oàn" (hoàn) stays.
      const from = (first + second.normalize("NFD") + t).normalize("NFC");
      const to = ((first + t).normalize("NFC") + second);
      fixes.push([new RegExp(from + "(?![\\p{L}\\p{M}])", "gu"), to]);
    }
  }
  return fixes;
})();

/**
 * Normalisation for stored text: NFC, one space character, one dash, Đ for its look-alike.
 * Spelling is kept as written so quotes stay verbatim; `searchForm` unifies spelling for matching.
 */
export function normalizeText(input: string): string {
  let s = input.normalize("NFC");
  // Ð (U+00D0, Icelandic eth) is often typed for Đ (U+0110) in legal numbers like "NÐ-CP".
  s = s.replace(/\u00d0/g, "Đ").replace(/\u00f0/g, "đ");
  s = s.replace(/[\u00a0\u2000-\u200a\u202f\u205f\u3000]/g, " ").replace(/[\u200b\ufeff\u00ad]/g, "");
  s = s.replace(/[\u2010-\u2013\u2212]/g, "-");
  return s;
}

/** Syllables spelt with i or y interchangeably (quí/quý, kĩ/kỹ, lí/lý, mĩ/mỹ, tỉ/tỷ): use y. */
const I_TO_Y = /(?<![\p{L}\p{M}])(qu|k|l|m|t)([iíìỉĩị])(?![\p{L}\p{M}])/giu;
const I_Y: Record<string, string> = { i: "y", í: "ý", ì: "ỳ", ỉ: "ỷ", ĩ: "ỹ", ị: "ỵ", I: "Y", Í: "Ý", Ì: "Ỳ", Ỉ: "Ỷ", Ĩ: "Ỹ", Ị: "Ỵ" };

/** Lower-cased form with one tone placement and one i/y spelling: the accented search key. */
export function searchForm(input: string): string {
  let s = normalizeText(input).toLowerCase();
  for (const [re, to] of TONE_FIXES) s = s.replace(re, to);
  return s.replace(I_TO_Y, (_m, onset: string, vowel: string) => onset + I_Y[vowel]);
}

/** Remove every diacritic and map đ/Đ to d/D; keeps case. Input should be NFC. */
export function foldDiacritics(input: string): string {
  return input.normalize("NFD").replace(COMBINING, "").replace(/đ/g, "d").replace(/Đ/g, "D").normalize("NFC");
}

/** Lower-cased, spelling-unified, folded form used for matching what users type. */
export function foldKey(input: string): string {
  return foldDiacritics(searchForm(input));
}

/** True when the text carries Vietnamese diacritics at all (so the user typed with tone marks). */
export function hasDiacritics(input: string): boolean {
  return foldDiacritics(input) !== input;
}
