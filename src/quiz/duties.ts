/**
 * Who a document gives duties to: every unit that opens "<Body> có trách nhiệm …" (a list's lead or
 * a sentence), with the words of its duties — the bodies a duty scenario's wrong options come from.
 */
import { unitFullText, type ParsedDocument } from "../model/document.js";
import { withoutNotes } from "./spans.js";

export interface DutyHolder {
  body: string;
  unit: number;
  /** The unit's text with its items: the duties given. */
  duties: string;
}

const HOLDER = /^(\p{Lu}[^,;:\n]*?)\s+(?:có trách nhiệm|có nhiệm vụ|chịu trách nhiệm)(?![\p{L}])/u;

/** "Bộ Văn hóa và Thông tin có trách nhiệm:" → "Bộ Văn hóa và Thông tin". */
export function holderOf(text: string): string | undefined {
  return withoutNotes(text).replace(/\s*\n\s*/gu, " ").match(HOLDER)?.[1];
}

const cache = new WeakMap<ParsedDocument, DutyHolder[]>();

export function dutyHolders(doc: ParsedDocument): DutyHolder[] {
  let out = cache.get(doc);
  if (!out) {
    out = [];
    doc.units.forEach((u, unit) => {
      const body = holderOf(u.text);
      if (body) out!.push({ body, unit, duties: unitFullText(doc, unit) });
    });
    cache.set(doc, out);
  }
  return out;
}
