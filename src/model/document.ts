/**
 * The document model every stage shares: metadata plus a flat tree of citable units.
 * Units are stored flat (parent/children by index) so they serialise cheaply and can be
 * addressed by a stable id; the tree is still explicit through `parent` and `children`.
 */

/** Legal status of a document; answers from a superseded document must say so. */
export type DocStatus = "in_force" | "superseded" | "expired" | "draft" | "unknown";

/** How a document's body is laid out, which decides how it is parsed and cited. */
export type Layout = "legal" | "directive" | "article";

export interface DocMeta {
  /** Stable id: the manifest id, or the file name (without extension) for unlisted files. */
  id: string;
  /** Official number, e.g. "73/2023/NĐ-CP", "34-CT/TU". */
  number?: string;
  /** Kind in Vietnamese as written in titles: "Nghị định", "Chỉ thị", "Quy định", "Luật" ... */
  kind: string;
  issuer?: string;
  /** ISO date (yyyy-mm-dd) when known; a bare year is allowed ("2023"). */
  date?: string;
  /** Trích yếu: what the document is about. */
  title: string;
  /** Ways people name the document ("nd 73", "chỉ thị 34"); matched folded and case-insensitive. */
  aliases: string[];
  status: DocStatus;
  /** Number or id of the document that replaced this one, when superseded. */
  replacedBy?: string;
  /** Where the text came from (URL, channel, office). */
  source?: string;
  /** File name inside the corpus folder. */
  file?: string;
}

/**
 * Citable unit kinds, outermost first, with the Vietnamese word for each. Legal layout: phần >
 * chương > mục > điều > khoản > điểm. Directive layout: phần (I., II.) > mục (1., 2. with a lead
 * phrase) > ý (bullets "-", "+"). Unstructured articles: đoạn (paragraphs). "preamble" holds text
 * before the first unit. A "doan" is also a paragraph a unit holds after its items (a directive's
 * section, an item: "đoạn 2 mục 3"), numbered on from the unit's own paragraphs. `numbered` levels
 * are the ones a reference names by number or letter ("điểm a khoản 2 Điều 5", "phần II mục 3").
 */
export const UNIT_LEVELS = [
  { type: "phan", word: "phần", numbered: true },
  { type: "chuong", word: "chương", numbered: true },
  { type: "muc", word: "mục", numbered: true },
  { type: "dieu", word: "điều", numbered: true },
  { type: "khoan", word: "khoản", numbered: true },
  { type: "diem", word: "điểm", numbered: true },
  { type: "y", word: "ý", numbered: false },
  { type: "doan", word: "đoạn", numbered: false },
  { type: "preamble", word: "phần mở đầu", numbered: false },
] as const;

export type UnitType = (typeof UNIT_LEVELS)[number]["type"];

/** The levels a reference names by number or letter, outermost first: phan … diem. */
export const NUMBERED_LEVELS: readonly UnitType[] = UNIT_LEVELS.filter((l) => l.numbered).map((l) => l.type);

/** The Vietnamese word for a unit kind, lower case: "khoản", "phần mở đầu". */
export const UNIT_WORD = Object.fromEntries(UNIT_LEVELS.map((l) => [l.type, l.word])) as Record<UnitType, string>;

export interface Unit {
  /** Unique within its document, readable and stable across re-ingest: "dieu-5/khoan-2/diem-a". */
  id: string;
  type: UnitType;
  /** Number or letter as written: "5", "2", "a", "đ", "II". Empty for preamble. */
  label: string;
  /** Article title, chapter name, or a directive section's lead phrase. */
  heading?: string;
  /**
   * The unit's own words (NFC), without its numbering marker ("Điều 5.", "1.", "a)", "-", "II.")
   * and without its children's text. For phan/chuong/legal muc/dieu the title is in `heading`, not
   * here; a directive section keeps its lead phrase in the text too, since it opens the sentence.
   */
  text: string;
  /** Index of the parent unit in `ParsedDocument.units`, undefined at top level. */
  parent?: number;
  /** Indexes of child units in document order. */
  children: number[];
  /** Read by OCR from a scanned page with low confidence: a quote must be checked against the original. */
  lowConfidence?: boolean;
}

export interface ParsedDocument {
  meta: DocMeta;
  layout: Layout;
  /** All units in document order (pre-order traversal of the tree). */
  units: Unit[];
  /** Parser findings worth reporting: numbering gaps, duplicate articles, ... */
  warnings: string[];
}

/** The numbering marker a unit has in the text: "2." for a khoản, "a)" for a điểm or lettered item, "-" for a bullet. */
export function unitMarker(unit: Unit): string {
  switch (unit.type) {
    case "khoan":
    case "muc":
      return `${unit.label}.`;
    case "diem":
      return `${unit.label})`;
    case "y":
      // a lettered item of a directive ("a)", Party "a-") keeps its letter; bullets are numbered
      return /^\p{Ll}$/u.test(unit.label) ? `${unit.label})` : "-";
    default:
      return "";
  }
}

/**
 * Full text of a unit: its own text, then every descendant in order with its marker ("1.", "a)"),
 * so "Nguyên văn" reads as printed. The unit's own marker and heading are left to the citation.
 */
export function unitFullText(doc: Pick<ParsedDocument, "units">, index: number): string {
  const unit = doc.units[index];
  const parts: string[] = [];
  if (unit.text) parts.push(unit.text);
  for (const child of unit.children) {
    const text = unitFullText(doc, child);
    const heading = doc.units[child].heading;
    // A directive section's lead phrase may be kept apart from its text: put it back in front.
    const lead = heading && !text.startsWith(heading) ? heading : "";
    parts.push([unitMarker(doc.units[child]), lead, text].filter(Boolean).join(" "));
  }
  return parts.join("\n");
}

/**
 * The first `max` characters (at least) of `unitFullText`, built without composing the rest: enough
 * to read how a unit opens ("X là …", "X có trách nhiệm:") for each of many candidates.
 */
export function unitFullTextHead(doc: Pick<ParsedDocument, "units">, index: number, max: number): string {
  const unit = doc.units[index];
  let out = unit.text ?? "";
  for (const child of unit.children) {
    if (out.length >= max) break;
    const heading = doc.units[child].heading;
    const text = unitFullTextHead(doc, child, max - out.length);
    const lead = heading && !text.startsWith(heading) ? heading : "";
    const part = [unitMarker(doc.units[child]), lead, text].filter(Boolean).join(" ");
    out = out ? `${out}\n${part}` : part;
  }
  return out;
}

/** Path from the top-level ancestor down to the unit itself. */
export function unitPath(doc: ParsedDocument, index: number): Unit[] {
  const path: Unit[] = [];
  for (let i: number | undefined = index; i !== undefined; i = doc.units[i].parent) path.unshift(doc.units[i]);
  return path;
}

/** The words that introduce the list a unit belongs to ("Bộ Quốc phòng (…) có trách nhiệm:"). */
export interface LeadIn {
  /** Index of the unit that holds the words (the list item's parent). */
  unit: number;
  /** Verbatim slice of that unit's `text`, or its `heading` when `inHeading`. */
  text: string;
  /** The words are the parent's heading (a directive section's lead phrase kept apart from its text). */
  inHeading?: boolean;
}

/** Longest introductory line taken whole; a longer one is cut to its last sentence. */
const LEAD_IN_CHARS = 300;

/** A line ending in ":" (editorial notes "[…]" or a footnote number may follow): the part up to the colon. */
const COLON_END = /:(?:\s*\[[^\]\n]*\])*\s*\d{0,3}\s*$/u;

/** The slice of `text` for its line `k`, without trailing notes, cut to its last sentence when long. */
function lineSlice(text: string, k: number, colon: boolean): string {
  const lines = text.split("\n");
  let start = 0;
  for (let j = 0; j < k; j++) start += lines[j].length + 1;
  let line = lines[k];
  const m = colon ? COLON_END.exec(line) : undefined;
  if (m) line = line.slice(0, m.index + 1);
  if (line.length > LEAD_IN_CHARS) {
    // the last sentence: after the last ". " (or ";") followed by a capital
    const cut = [...line.slice(0, -1).matchAll(/[.!?;]\s+(?=[\p{Lu}“"])/gu)].pop();
    if (cut) {
      start += cut.index + cut[0].length;
      line = line.slice(cut.index + cut[0].length);
    }
  }
  return text.slice(start, start + line.trimEnd().length);
}

/**
 * The lead-in of a unit: the line of its parent's own text that ends in ":" (the last one, since
 * the list follows it), cut to its last sentence when long. A list item (điểm, bullet) without
 * such a line takes the first line of its parent's text (the sentence its items complete: "Phạm
 * tội thuộc một trong các trường hợp sau đây, thì bị phạt …"), or failing that the parent's
 * heading (an article title "Các hành vi bị nghiêm cấm", a section's lead phrase). Undefined for
 * top-level units, and for clauses unless their article's own text introduces them.
 */
export function leadIn(doc: Pick<ParsedDocument, "units">, index: number): LeadIn | undefined {
  const p = doc.units[index].parent;
  if (p === undefined) return undefined;
  // a paragraph written after a list is not introduced by the words that open it
  if (doc.units[index].type === "doan") return undefined;
  const parent = doc.units[p];
  const text = parent.text;
  const lines = text.split("\n");
  for (let k = lines.length - 1; k >= 0; k--) {
    if (COLON_END.test(lines[k])) return { unit: p, text: lineSlice(text, k, true) };
  }
  if (!isListItem(doc.units[index])) return undefined;
  const first = lines.findIndex((l) => l.trim());
  if (first >= 0) return { unit: p, text: lineSlice(text, first, false) };
  return parent.heading ? { unit: p, text: parent.heading, inHeading: true } : undefined;
}

/** Lead-ins from the outermost enclosing list down to the unit's own ("Về tổ chức chỉ đạo:", "Bộ Quốc phòng … có trách nhiệm:"). */
export function leadInChain(doc: Pick<ParsedDocument, "units">, index: number): LeadIn[] {
  const out: LeadIn[] = [];
  for (let i: number | undefined = index; i !== undefined; i = doc.units[i].parent) {
    const lead = leadIn(doc, i);
    if (lead) out.unshift(lead);
  }
  return out;
}

/** Units that are list items: a điểm, a bullet, or a lettered item of a directive. */
export function isListItem(unit: Unit): boolean {
  return unit.type === "diem" || unit.type === "y";
}
