/** Invariants every talking-points outline must keep, shared by the synthetic and real-text tests. */
import { expect } from "vitest";
import type { Engine } from "../src/engine/engine.js";
import { ROLES } from "../src/points/roles.js";
import { similarity } from "../src/points/select.js";
import type { TalkingPoints } from "../src/points/types.js";
import { foldKey } from "../src/text/normalize.js";

const syllables = (s: string) => foldKey(s).match(/[a-z0-9]+/g) ?? [];

export function checkOutline(engine: Engine, tp: TalkingPoints, range: [number, number] = [3, 7]): void {
  expect(tp.notEnoughBasis, tp.notEnoughBasis).toBeUndefined();
  expect(tp.points.length).toBeGreaterThanOrEqual(range[0]);
  expect(tp.points.length).toBeLessThanOrEqual(range[1]);
  const docPos = new Map(engine.docs().map((d, i) => [d.meta.id, i]));
  for (const p of tp.points) {
    const unit = engine.unitText(p.citation.doc.id, p.citation.unit);
    expect(unit, `${p.citation.doc.id} ${p.citation.unitId}`).toBeDefined();
    expect(unit!.citation.unitId).toBe(p.citation.unitId);
    // The quote is the document's words, verbatim, in the cited unit.
    expect(unit!.text).toContain(p.quote);
    expect(p.citation.quote).toBe(p.quote);
    // Offline, the statement says nothing the unit does not: every syllable comes from its text.
    if (tp.mode === "extractive") {
      // A list item carries its lead-in's subject: the parent's words and headings may be said too.
      const doc = engine.docs().find((d) => d.meta.id === p.citation.doc.id)!;
      const around: string[] = [unit!.text];
      for (let u = doc.units[p.citation.unit].parent; u !== undefined; u = doc.units[u].parent) around.push(doc.units[u].text, doc.units[u].heading ?? "");
      const words = new Set(syllables(around.join(" ")));
      expect(syllables(p.statement).filter((s) => !words.has(s)), p.statement).toEqual([]);
    }
  }
  const units = tp.points.map((p) => `${p.citation.doc.id}#${p.citation.unit}`);
  expect(new Set(units).size, "two points from one unit").toBe(units.length);
  tp.points.forEach((a, i) =>
    tp.points.slice(i + 1).forEach((b) => expect(similarity(a.statement, b.statement), `${a.statement} ~ ${b.statement}`).toBeLessThan(0.6)),
  );
  // Argued order: why → what → who does what → what we ask; within a role, document then position.
  const order = tp.points.map((p) => [ROLES.indexOf(p.role!), docPos.get(p.citation.doc.id)!, p.citation.unit]);
  expect(order).toEqual([...order].sort((a, b) => a[0] - b[0] || a[1] - b[1] || a[2] - b[2]));
  // Sources by full name and number, only the documents the points come from.
  expect(new Set(tp.sources.map((s) => s.docId))).toEqual(new Set(tp.points.map((p) => p.citation.doc.id)));
  for (const c of tp.closing?.citations ?? []) expect(engine.unitText(c.doc.id, c.unit)!.text).toContain(c.quote);
}
