/**
 * A point's words, taken from the document: the whole sentence around the best-matching words
 * (a list's lead-in keeps its items), and a quote of the cited unit sized by the requested length.
 * Only the first letter's case and the end punctuation of the statement are adjusted.
 */
import { unitFullText, type ParsedDocument } from "../model/document.js";
import { clipQuote } from "../answer/sentences.js";
import type { Length } from "./types.js";

/** Longer statements are not a sentence one can say aloud; shorter ones are labels ("Bồi thường (nếu có)."). */
export const MAX_STATEMENT_CHARS = 400;
const MIN_STATEMENT_CHARS = 40;
/** Quote size by length: "ngan" quotes only the statement's sentence. */
const QUOTE_CHARS: Record<Length, number> = { ngan: 0, vua: 700, dai: 1500 };

export interface PointText {
  statement: string;
  /** The words the statement was made from, verbatim. */
  source: string;
  /** Verbatim substring of the unit's full text, containing `source`. */
  quote: string;
}

/**
 * Capital first letter and a full stop, so a clause or list item reads as a sentence; a leading
 * bullet and editorial notes in square brackets (added by publishers, not the issuer) are dropped.
 */
export function asSentence(text: string): string {
  const t = text
    .replace(/\s*\[[^\]]*\]/gu, "")
    .trim()
    .replace(/^[-+•]\s+/u, "")
    .replace(/[\s,;:]+$/u, "");
  const ended = /[.!?…]["”)]?$/u.test(t) ? t : `${t}.`;
  return ended.charAt(0).toUpperCase() + ended.slice(1);
}

/** A sentence ends at a line break or at . ! ? followed by a space ("1.000 đồng" goes on). */
function endsSentence(text: string, i: number): boolean {
  return text[i] === "\n" || (/\s/u.test(text[i]) && /[.!?]/u.test(text[i - 1] ?? ""));
}

/** Span of the sentence of `text` around [from, to). */
function sentenceAround(text: string, from: number, to: number): [number, number] {
  let start = from;
  while (start > 0 && !endsSentence(text, start - 1)) start--;
  let end = to;
  while (end < text.length && !endsSentence(text, end)) end++;
  return [start, end];
}

/**
 * Statement and quote for `fragment` (a verbatim piece of the unit's own text), or undefined when
 * no clear sentence of a sayable size can be made from it.
 */
export function pointText(doc: ParsedDocument, unit: number, fragment: string, length: Length): PointText | undefined {
  const own = doc.units[unit].text;
  const at = own.indexOf(fragment);
  if (at < 0) return undefined;
  const full = unitFullText(doc, unit);
  let [start, end] = sentenceAround(own, at, at + fragment.length);
  // A sentence too long to say is narrowed to the clause that matched.
  if (end - start > MAX_STATEMENT_CHARS) [start, end] = [at, at + fragment.length];
  let source = own.slice(start, end).trim();
  // A clause starting in lower case continues a sentence ("…; trách nhiệm quản lý …"): not sayable alone.
  if (/^\p{Ll}/u.test(source)) return undefined;
  let statement = source;
  if (/:$/u.test(source)) {
    // "… được giải quyết thông qua:" says nothing without its items: keep them, in order.
    const items = doc.units[unit].children.map((c) => doc.units[c].text.trim().replace(/[\s,;.]+$/u, "")).filter(Boolean);
    if (!items.length) return undefined;
    statement = `${source} ${items.join("; ")}`;
    source = full.slice(start).trim();
    end = full.length;
  }
  if (statement.length < MIN_STATEMENT_CHARS || statement.length > MAX_STATEMENT_CHARS) return undefined;
  // "vua" quotes the unit's own words (its items may be points of their own), "dai" the whole unit.
  const scope = length === "dai" || end > own.length ? full : own;
  const limit = QUOTE_CHARS[length];
  const quote = scope.length <= limit ? scope.trim() : full.slice(start, Math.max(end, start + clipQuote(full.slice(start), limit).length)).trim();
  return { statement: asSentence(statement), source, quote };
}
