/**
 * Definition questions ("Định nghĩa của X", "X là gì?", "X được hiểu như thế nào?") are answered
 * by the passage that defines X, which Vietnamese legal text writes as "X là …". Lexical scores
 * alone favour passages that merely use X often; this finds the defining sentence's shape.
 */
import { foldKey } from "../text/normalize.js";

/** "X là gì", "X được định nghĩa là gì" first: "định nghĩa" inside it is the question, not the term. */
const PATTERNS = [
  /^(?:(?:dinh nghia|khai niem)(?: cua| ve)? )?(.+?) (?:la gi|la nhu the nao|duoc hieu (?:nhu the nao|the nao|nhu nao|la gi)|duoc (?:dinh nghia|giai thich|hieu) (?:nhu the nao|the nao|nhu nao|la gi|ra sao))\b/,
  /\b(?:dinh nghia|khai niem)(?: cua| ve)? (.+)$/,
];

/** Leading framing such as "theo bộ luật dân sự 2015," is not part of the term. */
const FRAMING = /^(?:(?:theo|trong|cua|ve)\b[^,]*,\s*|(?:theo|trong|cua|ve)\s+)+/;

/**
 * A question as its shape patterns read it: folded, quotes and sentence punctuation as spaces
 * (commas kept), the documents it names left out.
 */
export function shapeText(question: string, docNameKeys: string[] = []): string {
  let q = ` ${foldKey(question).replace(/["“”'‘’?!.:;()]/g, " ").replace(/\s+/g, " ").trim()} `;
  for (const key of docNameKeys) q = q.replace(` ${key} `, " ");
  return q.trim().replace(/\s+,/g, ",");
}

/** Folded term a question asks to define, or undefined when it is not a definition question. */
export function definitionTerm(question: string, docNameKeys: string[] = []): string | undefined {
  const q = shapeText(question, docNameKeys);
  for (const re of PATTERNS) {
    const m = q.match(re);
    if (!m) continue;
    const term = m[1].replace(/\b(?:19|20)\d\d\b/g, " ").replace(/\s+/g, " ").trim().replace(FRAMING, "").replace(/,/g, " ").replace(/\s+/g, " ").trim();
    const words = term.split(" ");
    if (words.length <= 12) return term;
  }
  return undefined;
}

/** A syllable that folds to "là" or "hiểu", in any case and tone. */
const MAY_DEFINE = /(?<![\p{L}\p{M}])(?:l[aàáảãạ]|hi[eêềếểễệ]u)(?![\p{L}\p{M}])/iu;

/** Whether a text opens by defining the term: "Tài sản là vật, tiền…", "1. Hoa lợi là …". */
export function definesTerm(text: string, term: string): boolean {
  // Cheap necessary condition first: many candidates are read per question.
  if (!MAY_DEFINE.test(text.slice(0, term.length + 40))) return false;
  const head = foldKey(text.slice(0, term.length + 40)).replace(/^[\s\d.a-z)]{0,4}?(?=\p{L})/u, "");
  const plain = head.replace(/["“”'‘’]/g, "").replace(/\s+/g, " ");
  return plain.startsWith(`${term} la `) || plain.startsWith(`${term}: la `) || plain.startsWith(`${term} duoc hieu la `);
}
