/**
 * How much of the text an answer shows: a list with its items, an article whose title is the
 * question with its clauses. (A list item's lead-in is the model's `leadIn`.) Every string returned
 * is a verbatim slice of a unit's text, so quotes stay checkable.
 */
import { unitFullText, type ParsedDocument } from "../model/document.js";
import { clipQuote } from "../answer/sentences.js";
import { QUESTION_WORDS } from "../index/lexical.js";
import { foldKey } from "../text/normalize.js";

/** Longest list or article shown whole; a longer one is cut after its last whole item. */
const LIST_CHARS = 1500;

/** A unit with its items, as printed, cut after the last whole line that fits. */
export function listQuote(doc: ParsedDocument, unit: number): string {
  const full = unitFullText(doc, unit).trim();
  if (full.length <= LIST_CHARS) return full;
  const cut = full.lastIndexOf("\n", LIST_CHARS);
  return cut > 0 ? full.slice(0, cut) : clipQuote(full, LIST_CHARS);
}

/** Content syllables (folded, question words left out). */
function contentWords(text: string): Set<string> {
  return new Set((foldKey(text).match(/[\p{L}\p{N}]+/gu) ?? []).filter((w) => !QUESTION_WORDS.has(w)));
}

/** Share of `a`'s words found in `b`. */
function share(a: Set<string>, b: Set<string>): number {
  let n = 0;
  for (const w of a) if (b.has(w)) n++;
  return a.size ? n / a.size : 0;
}

/**
 * True when the question asks for what an article is about as a whole: nearly all its content
 * words are the title's, and it names most of the title ("Viên chức có những quyền gì về nghỉ
 * ngơi?" for "Quyền của viên chức về nghỉ ngơi"). A question about one detail has words of its own.
 */
export function titleMatches(doc: ParsedDocument, unit: number, question: string): boolean {
  const u = doc.units[unit];
  if (!u.heading || !u.children.length) return false;
  const q = contentWords(question);
  const title = contentWords(u.heading);
  return q.size >= 2 && share(q, title) >= 0.8 && share(title, q) >= 0.6;
}
