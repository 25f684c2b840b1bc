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
/** A lead giving the items as its holder's duties, and nothing else: "Bộ Quốc phòng có trách nhiệm:". */
const DUTY_LEAD = /^(\p{Lu}[^,;:\n]*?)\s+(?:có trách nhiệm|có nhiệm vụ)(?:\s+(?:sau đây|như sau))?\s*:$/u;
/** A holder is a named body of a few words, not a clause ("Người … có lỗi vô ý … không phải"). */
const NOT_A_NAME = /(?<![\p{L}])(?:không|có|là|gây|được|bị|nếu|khi|trong|trường hợp|gồm|thành phần)(?![\p{L}])/iu;
const MAX_NAME_WORDS = 10;

function named(body: string | undefined): string | undefined {
  const words = body?.split(/\s+/u) ?? [];
  return body && words.length >= 2 && words.length <= MAX_NAME_WORDS && !NOT_A_NAME.test(body) ? body : undefined;
}

/** "Bộ Văn hóa và Thông tin có trách nhiệm …" → "Bộ Văn hóa và Thông tin". */
export function holderOf(text: string): string | undefined {
  return named(withoutNotes(text).replace(/\s*\n\s*/gu, " ").match(HOLDER)?.[1]);
}

/** The holder of a list whose lead gives its items as duties, or undefined ("Nhà nước có trách nhiệm bồi thường trong các trường hợp sau:" gives cases). */
export function dutyListHolder(lead: string): string | undefined {
  return named(withoutNotes(lead).replace(/\s*\n\s*/gu, " ").match(DUTY_LEAD)?.[1]);
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
