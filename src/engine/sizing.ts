/**
 * How much of the text an answer shows: a list item with the sentence that opens its list, a list
 * with its items, an article whose title is the question with its clauses. Every string returned
 * is a verbatim slice of a unit's text, so quotes stay checkable.
 */
import { unitFullText, type ParsedDocument } from "../model/document.js";
import { clipQuote, splitSentences } from "../answer/sentences.js";
import { QUESTION_WORDS } from "../index/lexical.js";
import { foldKey } from "../text/normalize.js";

/** Longest lead-in shown before an item; a longer one is shown by its end (where the subject is). */
const LEAD_IN_CHARS = 300;
/** Longest list or article shown whole; a longer one is cut after its last whole item. */
const LIST_CHARS = 1500;

/**
 * The sentence that opens the list a unit belongs to: the last sentence of the nearest ancestor
 * with words of its own, when it ends in ":" ("d) Bộ Quốc phòng (…) có trách nhiệm:").
 */
export function leadIn(doc: ParsedDocument, unit: number): string | undefined {
  for (let a = doc.units[unit].parent; a !== undefined; a = doc.units[a].parent) {
    const own = doc.units[a].text.trim();
    if (!own) continue;
    const last = splitSentences(own).at(-1);
    if (!last?.endsWith(":")) return undefined;
    if (last.length <= LEAD_IN_CHARS) return last;
    const from = last.indexOf(" ", last.length - LEAD_IN_CHARS);
    return last.slice(from + 1);
  }
  return undefined;
}

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
