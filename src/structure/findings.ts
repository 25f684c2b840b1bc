/**
 * What a reader would miss: articles with no text at all (their words went into a title, or were
 * never found) and list items with no lead-in (a bullet means little without "X có trách nhiệm:").
 * Ingest reports them as warnings and the structure report counts them.
 */
import { isListItem, leadIn, unitFullText, type Unit } from "../model/document.js";

export interface Findings {
  /** Indexes of articles whose text, clauses included, is empty. */
  emptyArticles: number[];
  /** Indexes of list items (điểm, bullets) without a lead-in. */
  itemsWithoutLeadIn: number[];
}

export function structureFindings(units: Unit[]): Findings {
  const doc = { units };
  const emptyArticles: number[] = [];
  const itemsWithoutLeadIn: number[] = [];
  units.forEach((u, i) => {
    if (u.type === "dieu" && !unitFullText(doc, i).trim()) emptyArticles.push(i);
    else if (isListItem(u) && !leadIn(doc, i)) itemsWithoutLeadIn.push(i);
  });
  return { emptyArticles, itemsWithoutLeadIn };
}

/** "Điều 5", "dieu-5/khoan-2/diem-a": how a finding names a unit, the first few of each kind. */
function sample(units: Unit[], list: number[], name: (u: Unit) => string): string {
  const shown = list.slice(0, 5).map((i) => name(units[i]));
  return shown.join(", ") + (list.length > shown.length ? ", …" : "");
}

/** The findings as warnings, one line per kind (none when the structure is whole). */
export function findingWarnings(units: Unit[], f: Findings = structureFindings(units)): string[] {
  const out: string[] = [];
  if (f.emptyArticles.length) out.push(`${f.emptyArticles.length} điều không có nội dung: ${sample(units, f.emptyArticles, (u) => `Điều ${u.label}`)}`);
  if (f.itemsWithoutLeadIn.length) out.push(`${f.itemsWithoutLeadIn.length} điểm/ý không có câu dẫn: ${sample(units, f.itemsWithoutLeadIn, (u) => u.id)}`);
  return out;
}
