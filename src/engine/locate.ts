/** Finds the unit a question names ("khoản 2 Điều 12", "phần II mục 3") in a parsed document. */
import { UNIT_LEVELS, unitPath, type ParsedDocument, type UnitType } from "../model/document.js";
import { LAST_PARAGRAPH, type UnitRef } from "../retrieve/unit-refs.js";

const DEPTH: UnitType[] = UNIT_LEVELS.map((l) => l.type);

function sameLabel(a: string, b: string): boolean {
  return a.toLowerCase() === b.toLowerCase();
}

/** Index of the deepest unit matching every reference, outermost first; undefined if none. */
export function locateUnit(doc: ParsedDocument, refs: UnitRef[]): number | undefined {
  const sorted = [...refs].sort((a, b) => DEPTH.indexOf(a.type) - DEPTH.indexOf(b.type));
  let scope: number | undefined;
  for (const ref of sorted) {
    if (ref.type === "doan" && ref.label === LAST_PARAGRAPH) {
      // "đoạn cuối mục 3": the last paragraph the unit holds after its items
      const last = scope === undefined ? undefined : doc.units[scope].children.filter((c) => doc.units[c].type === "doan").pop();
      if (last === undefined) return undefined;
      scope = last;
      continue;
    }
    const found = doc.units.findIndex(
      (u, i) => u.type === ref.type && sameLabel(u.label, ref.label) && (scope === undefined || unitPath(doc, i).some((a) => a === doc.units[scope!])),
    );
    if (found < 0) {
      // A legal "Mục" groups articles: "mục 2" of a decree with no such grouping is not an error
      // when an article is named too.
      if (ref.type === "muc" && sorted.some((r) => r.type === "dieu")) continue;
      return undefined;
    }
    scope = found;
  }
  return scope;
}

/** The enclosing article (or directive section) of a unit, for "còn khoản 3 thì sao?". */
export function enclosing(doc: ParsedDocument, unit: number, type: UnitType): number | undefined {
  for (let i: number | undefined = unit; i !== undefined; i = doc.units[i].parent) if (doc.units[i].type === type) return i;
  return undefined;
}
