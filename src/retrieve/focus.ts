/**
 * What a question asks for, read from the words beside its question word: the kind of thing in
 * "… gồm những thành phần nào?", "… các trường hợp nào?", or the act in "ai trực tiếp chỉ đạo …?".
 * The rest of the question names the topic; a sentence that answers speaks of this. Only a word
 * of two syllables counts (a Vietnamese compound noun or verb), never a function word.
 */
import { shapeText } from "./definition.js";

/** Syllables that open a verb phrase without saying which act ("ai là …", "ai có …", "ai được …"). */
const FUNCTION = new Set("la co duoc se phai can bi da dang nao gi thi ma va cua cho".split(" "));

const PATTERNS = [
  // "những thành phần nào", "các trường hợp nào", "những hành vi gì"
  /\b(?:nhung|cac) ([a-z]+ [a-z]+) (?:nao|gi)\b/,
  // "ai trực tiếp chỉ đạo", "ai chịu trách nhiệm"
  /(?:^|[ ,])ai ([a-z]+ [a-z]+)\b/,
];

/** The folded two-syllable word a question asks for, or undefined. */
export function questionFocus(question: string, docNameKeys: string[] = []): string | undefined {
  const q = shapeText(question, docNameKeys).replace(/,/g, " ");
  for (const re of PATTERNS) {
    const m = re.exec(q);
    if (!m) continue;
    const words = m[1].split(" ");
    if (!words.some((w) => FUNCTION.has(w))) return m[1];
  }
  return undefined;
}
