/**
 * Sentences a question can be made from: verbatim slices of a unit's own text, skipping editorial
 * notes in square brackets ("[Khoản này được sửa đổi bởi …]") that crawled texts carry.
 */
import { splitSentences } from "../answer/sentences.js";

export interface Span {
  text: string;
  /** Offset in the unit's text. */
  start: number;
}

/** A sentence worth asking about: long enough, and not a heading in capitals. */
function usable(s: string): boolean {
  return s.length >= 30 && /\p{Ll}/u.test(s) && !/^[^\p{Ll}]{12}/u.test(s);
}

export function sentenceSpans(text: string): Span[] {
  const out: Span[] = [];
  let from = 0;
  for (const part of text.split(/(\[[^\]]*\])/u)) {
    const start = from;
    from += part.length;
    if (part.startsWith("[")) continue;
    let cursor = 0;
    for (const s of splitSentences(part)) {
      const at = part.indexOf(s, cursor);
      cursor = at + s.length;
      if (usable(s)) out.push({ text: s, start: start + at });
    }
  }
  return out;
}

/** A unit's words without its editorial notes, for short texts used whole (leads, list items). */
export function withoutNotes(text: string): string {
  return text.replace(/\s*\[[^\]]*\]\s*/gu, " ").trim();
}
