/**
 * Which units are searched. A block is what a hit ranks (an article, a directive section, a
 * paragraph of a news report); its passages (clauses, sub-sections, bullets) add passage-level
 * evidence, so one matching clause of a long article is not drowned by the rest of it.
 */
import { isListItem, leadIn, unitFullText, unitPath, type ParsedDocument, type Unit } from "../model/document.js";

/** A row of the block index: the block unit it stands for (document position in the corpus, unit index). */
export interface BlockRow {
  doc: number;
  unit: number;
}

/** A row of the passage index: a unit inside a block; `block` is its block's row. */
export interface PassageRow {
  block: number;
  doc: number;
  unit: number;
}

const BLOCK_TYPES: Record<ParsedDocument["layout"], Set<Unit["type"]>> = {
  legal: new Set(["dieu"]),
  directive: new Set(["muc", "doan", "phan"]),
  article: new Set(["doan"]),
};

/** Block units of a document: the outermost units of its layout's block types that carry text. */
export function blockUnits(doc: ParsedDocument): number[] {
  let types = BLOCK_TYPES[doc.layout];
  // A "legal" text without any article (a bare list of clauses) is searched by its top units.
  if (!doc.units.some((u) => types.has(u.type))) types = new Set(["phan", "chuong", "muc", "khoan", "doan", "y"]);
  const out: number[] = [];
  doc.units.forEach((unit, i) => {
    if (!types.has(unit.type)) return;
    if (unitPath(doc, i).slice(0, -1).some((a) => types.has(a.type))) return; // inside another block
    // A part whose sections are blocks of their own is only a heading.
    if (unit.type === "phan" && unit.children.some((c) => types.has(doc.units[c].type))) return;
    if (unitFullText(doc, i).trim()) out.push(i);
  });
  return out;
}

/** Headings of the unit and its ancestors, outermost first ("Chương II", "Điều 5. Phạm vi"). */
export function headingTrail(doc: ParsedDocument, index: number): string {
  return unitPath(doc, index)
    .map((u) => u.heading ?? "")
    .filter(Boolean)
    .join(". ");
}

/**
 * The text a passage is indexed by: its block's heading, the lead-in of the list it belongs to
 * ("Thời gian hoàn thành … như sau:" before "- Vùng đồng bằng sông Cửu Long: cuối năm 1982;"), then
 * its own full text, so an item is found by the words that introduce it.
 */
export function passageText(doc: ParsedDocument, block: number, unit: number): string {
  const heading = doc.units[block].heading;
  const lead = isListItem(doc.units[unit]) ? leadIn(doc, unit) : undefined;
  const intro = lead && lead.text !== heading ? lead.text : undefined;
  return [heading, intro, unitFullText(doc, unit)].filter(Boolean).join("\n");
}
