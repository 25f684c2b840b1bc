/**
 * Lexical support: a sentence the model wrote must reuse the content words of the passages it
 * cites. Compared on folded syllables, so spelling variants and missing tone marks still match.
 */
import { QUESTION_WORDS } from "../index/lexical.js";
import { foldDiacritics } from "../text/normalize.js";
import { syllableRuns } from "../text/tokenize.js";

/** Below this share of content words found in its cited passages, a sentence is unsupported. */
const MIN_SUPPORT = 0.5;

/** Function words and connectives that fluent paraphrase adds without changing a claim. */
const FUNCTION_WORDS = new Set(
  ("la cua va cac nhung mot duoc bi do de tai tu den nay da se dang cung hoac ma boi tren duoi sau truoc " +
    "rang vay tuc cu the ngoai ra dong thoi tuy nhien nhung con vao ra len xuong o tung moi").split(" "),
);

/** Numbers compare by value: "07" and "7", "10.000.000" and "10000000". */
function numberKey(s: string): string {
  return /^[\d.,]+$/.test(s) ? s.replace(/[.,]/g, "").replace(/^0+(?=\d)/, "") : s;
}

/** Folded syllables of a text (numbers kept whole and normalised). */
export function syllables(text: string): string[] {
  return syllableRuns(text.replace(/(\d)[.,](?=\d{3}\b)/g, "$1"))
    .flat()
    .map((s) => numberKey(foldDiacritics(s)));
}

/** Words that carry the claim: everything but question words and function words. */
export function contentWords(text: string): string[] {
  return [...new Set(syllables(text))].filter((w) => !QUESTION_WORDS.has(w) && !FUNCTION_WORDS.has(w));
}

/** Share (0..1) of the sentence's content words found in the supporting texts; 0 for none. */
export function supportShare(sentence: string, supportTexts: string[]): number {
  const words = contentWords(sentence);
  if (!words.length) return 0;
  const available = new Set(supportTexts.flatMap(syllables));
  return words.filter((w) => available.has(w)).length / words.length;
}

/**
 * Supported: most content words are in the texts, and every number is — a changed term, amount
 * or age ("07 năm" written as "09 năm") is the costliest error and changes a single word.
 */
export function isSupported(sentence: string, supportTexts: string[]): boolean {
  if (supportShare(sentence, supportTexts) < MIN_SUPPORT) return false;
  const available = new Set(supportTexts.flatMap(syllables));
  return contentWords(sentence).every((w) => !/\d/.test(w) || available.has(w));
}
