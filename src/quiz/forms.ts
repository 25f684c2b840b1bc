/**
 * The grammatical form of a list's items, read from the documents themselves (no tagger): a list
 * whose lead names no kind of item ("… gồm có:") may only lend its items to, or borrow from, a list
 * whose items are written alike — steps answered with steps ("Thu thập thông tin …"), names with
 * names ("Hội đồng nhân dân cấp tỉnh giải tán …"), things with things ("Tỉnh, thành phố …") — or a
 * wrong option gives itself away by its form.
 */
import type { ParsedDocument } from "../model/document.js";
import { PROPER_START, VERB_FIRST } from "../points/statement.js";
import { searchForm } from "../text/normalize.js";

export type ItemForm = "verb" | "name" | "noun";

/** Words after which Vietnamese legal prose writes a verb: "phải chấp hành", "việc thu thập", "có quyền khiếu nại". */
const BEFORE_A_VERB = /(?<![\p{L}])(?:phải|không được|có quyền|có trách nhiệm|nhằm|để|việc|đã|sẽ|kịp thời)\s+(\p{L}+\s+\p{L}+)/gu;

/** The two-syllable openings the documents write as verbs (folded). */
export function verbOpenings(docs: ParsedDocument[]): Set<string> {
  const out = new Set<string>();
  for (const doc of docs) for (const u of doc.units) for (const m of u.text.matchAll(BEFORE_A_VERB)) out.add(searchForm(m[1]));
  return out;
}

function openingOf(text: string): string {
  return searchForm(text.split(/\s+/u).slice(0, 2).join(" ").replace(/[,;:.]/gu, ""));
}

export function itemForm(text: string, verbs: Set<string>): ItemForm {
  if (PROPER_START.test(text)) return "name";
  return VERB_FIRST.test(text) || verbs.has(openingOf(text)) ? "verb" : "noun";
}

/** A list's form: its items' most common one (ties go to the first item's). */
export function listForm(items: string[], verbs: Set<string>): ItemForm {
  const counts = new Map<ItemForm, number>();
  for (const i of items) counts.set(itemForm(i, verbs), (counts.get(itemForm(i, verbs)) ?? 0) + 1);
  const first = itemForm(items[0] ?? "", verbs);
  return [...counts].reduce((best, [f, n]) => (n > (counts.get(best) ?? 0) ? f : best), first);
}

/** The chapter (or part) a unit is in; undefined for a document without chapters. */
export function partOf(doc: ParsedDocument, unit: number): number | undefined {
  for (let u: number | undefined = unit; u !== undefined; u = doc.units[u].parent) if (doc.units[u].type === "chuong" || doc.units[u].type === "phan") return u;
  return undefined;
}
