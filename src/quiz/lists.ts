/**
 * Lists of conditions, cases, acts…: a unit whose text ends with a colon and whose children are
 * the items ("… phải có đủ các điều kiện sau đây:" a), b), c)). One item is the correct option;
 * distractors are items of other lists of the same kind.
 */
import type { ParsedDocument } from "../model/document.js";
import { PROPER_START, subjectless } from "../points/statement.js";
import { foldKey } from "../text/normalize.js";
import type { ItemForm } from "./forms.js";
import { withoutNotes } from "./spans.js";

export { subjectless };

export interface ListFact {
  unit: number;
  lead: string;
  /** What the items are, in the lead's words ("điều kiện", "trường hợp", "hành vi" …) or "nội dung". */
  noun: string;
  items: Array<{ unit: number; text: string }>;
  /** How the items are written and the chapter the list is in (set by the corpus, which reads every document). */
  form?: ItemForm;
  part?: number;
}

const NOUNS = [
  "điều kiện", "trường hợp", "hành vi", "nguyên tắc", "tiêu chuẩn", "tiêu chí", "đối tượng",
  "nhiệm vụ", "nghĩa vụ", "trách nhiệm", "quyền", "biện pháp", "hình thức", "căn cứ", "giấy tờ",
].map(foldKey);
/** Items of a list whose lead names none of the nouns: papers in a file, contents of a plan … */
export const ANY_KIND = "nội dung";
const ANY = ANY_KIND;
/** What a file ("Hồ sơ …:") is made of. */
const PAPERS = "giấy tờ";
const MIN_ITEMS = 3;
/** Definitions ("… được hiểu như sau:") are terms, not items one can be asked to pick among. */
const DEFINITIONS = /hiểu như sau|giải thích từ ngữ/iu;

/**
 * What the lead says the items are: "các điều kiện sau đây" → "điều kiện", "… có trách nhiệm:" →
 * "trách nhiệm", "… thực hiện nhiệm vụ, quyền hạn:" → "nhiệm vụ, quyền hạn"; a noun elsewhere in the lead ("các điều kiện quy định tại …, nếu thuộc một trong
 * những trường hợp sau đây:") is not it.
 */
function nounOf(lead: string): string {
  const folded = foldKey(lead);
  const nouns = NOUNS.join("|");
  // "nhiệm vụ, quyền hạn" is one kind: a body's duties and powers, written as a pair.
  const kind = `(?:${nouns})(?:, quyen han)?`;
  const m =
    folded.match(new RegExp(`(?<![a-z])(${kind})\\s+(?:sau|duoi day)`)) ??
    folded.match(new RegExp(`(?<![a-z])(?:co|thuc hien)\\s+(${kind}):$`)) ??
    // "Các hình thức công khai …:", "Nghĩa vụ của …:": the lead is the kind's name (a case "Trường hợp … thì:" is not).
    (/\bthi\b/.test(folded) ? null : folded.match(new RegExp(`^(?:cac |nhung )?(${kind})(?= |:)`)));
  if (!m) {
    // A file is made of papers; "… gồm các ngạch:", "… theo các mức độ:" name their items' kind even outside the list above.
    if (/^ho so /.test(folded)) return PAPERS;
    const g = lead.match(/(?<![\p{L}])(?:các|những)\s+(\p{L}+(?: \p{L}+)?)(?:\s+(?:chính|sau đây|như sau|dưới đây))?\s*:$/u);
    return g && foldKey(g[1]) !== "noi dung" ? g[1].toLowerCase() : ANY;
  }
  // Back to the accented spelling, as written in the lead (folding keeps offsets).
  const at = m.index! + m[0].indexOf(m[1]);
  return lead.slice(at, at + m[1].length).toLowerCase();
}

/**
 * Items that only point elsewhere or catch all ("quy định tại khoản 1 Điều này", "trường hợp khác …",
 * "Những vấn đề mà pháp luật quy định …") test nothing.
 */
export function meaningfulItem(text: string): boolean {
  return !/quy định tại (?:điểm|khoản|điều|mục)|^(?:các |những )?[\p{L} ]{0,20}khác(?: theo| do|$)|khác (?:theo|do) (?:quy định|pháp luật)|(?:mà|do) (?:pháp luật|luật) quy định|bãi bỏ|quy định chi tiết/iu.test(text);
}

/** An item as an option: its words without notes, the list's closing punctuation and conjunction. */
function itemText(text: string): string {
  // A line break inside an item is the source's layout, not the item's words.
  return withoutNotes(text).replace(/\s*\n\s*/gu, " ").replace(/(?:[;,.]\s*(?:và|hoặc)?|\s+(?:và|hoặc))$/u, "").trim();
}

/** A lead that names who or what it is about: "Bộ X có nhiệm vụ:", "Hồ sơ gồm:", "… được quy định như sau:". */
const OWN_SUBJECT = /\S\s+(?:có|chịu|thực hiện|được|phải|gồm|bao gồm|là|tham gia|phối hợp|chủ trì|giúp)(?=[\s:])/u;

/**
 * A lead that is itself an item of an outer list ("… trong các trường hợp sau đây:" → "1. Ra hoặc
 * không ra quyết định:") continues the outer lead, whose subject it lacks: read together, "…
 * trong các trường hợp ra hoặc không ra quyết định:". A lead with a subject of its own stays as it is.
 */
export function fullLead(doc: Pick<ParsedDocument, "units">, unit: number, lead: string): string {
  const parent = doc.units[unit].parent;
  if (parent === undefined || OWN_SUBJECT.test(lead) || PROPER_START.test(lead)) return lead;
  const outer = withoutNotes(doc.units[parent].text).split(/\n+/u).at(-1)!.trim();
  if (!outer.endsWith(":") || /^Về\s/u.test(outer)) return lead;
  const subject = fullLead(doc, parent, outer).replace(/\s*(?:sau đây|như sau|dưới đây)?\s*:$/u, "");
  return `${subject} ${lead.charAt(0).toLowerCase()}${lead.slice(1)}`;
}

export function findLists(doc: ParsedDocument): ListFact[] {
  const out: ListFact[] = [];
  doc.units.forEach((u, unit) => {
    // The lead is the text's last line ("… có trách nhiệm:"); "Về tổ chức chỉ đạo:" heads a section, not a list.
    const lead = withoutNotes(u.text).split(/\n+/u).at(-1)!.trim();
    if (!lead.endsWith(":") || /^Về\s/u.test(lead) || u.children.length < MIN_ITEMS || DEFINITIONS.test(lead)) return;
    // Items that are lists themselves ("Bộ Nông nghiệp có trách nhiệm:") are not options.
    if (u.children.some((c) => withoutNotes(doc.units[c].text).trim().endsWith(":"))) return;
    const noun = nounOf(lead);
    const items = u.children.map((c) => ({ unit: c, text: itemText(doc.units[c].text) }));
    if (items.some((i) => i.text.length < 8)) return;
    if (subjectless(lead)) return;
    out.push({ unit, lead: fullLead(doc, unit, lead), noun, items });
  });
  return out;
}
