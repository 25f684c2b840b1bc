/**
 * Laws and Party regulations close a clause's (or an article's) points with paragraphs of the
 * clause ("Tòa án chỉ được quyết định …", "Chính phủ quy định chi tiết Điều này."), which the
 * legal parser reads as the last point's text. Those that are not the point's own (trailing.ts)
 * become "doan" units of the clause or article after its points, numbered on from its own
 * paragraphs: "đoạn 2 khoản 3 Điều 420". Runs after parsing, so no parse path has to know.
 */
import type { Unit } from "../model/document.js";
import { continuationCount } from "./trailing.js";

export function splitTrailingParagraphs(units: Unit[]): Unit[] {
  /** New paragraph units to place after the (old) index of the point they leave. */
  const after = new Map<number, Unit[]>();
  units.forEach((u, i) => {
    if (u.type !== "diem" || u.parent === undefined || u.children.length) return;
    const parent = units[u.parent];
    if (parent.children[parent.children.length - 1] !== i) return;
    const paras = u.text.split("\n");
    if (paras.length < 2) return;
    // Quoted text (an amending law's new wording) and a clause number the parser left in the text
    // ("3.", "… 01/01/2026)] 6.", "4. Người nộp thuế …") mean these lines are not this clause's
    // paragraphs: leave such a point as it is.
    if (/[“”"]/u.test(u.text) || paras.some((p) => /^\S{0,2}\d+[.)](?:\s|$)|\s\d+\.$/u.test(p.trim()))) return;
    const keep = 1 + continuationCount({ text: paras[0], hasList: false }, paras.slice(1));
    if (keep === paras.length) return;
    u.text = paras.slice(0, keep).join("\n");
    const own = parent.text ? parent.text.split("\n").length : 0;
    after.set(
      i,
      paras.slice(keep).map((text, j) => {
        const n = own + j + 1;
        const p: Unit = { id: `${parent.id}/doan-${n}`, type: "doan", label: String(n), text, parent: u.parent, children: [] };
        if (u.lowConfidence) p.lowConfidence = true;
        return p;
      }),
    );
  });
  if (!after.size) return units;

  // Rebuild in document order: each new paragraph right after the point (its parent's last child).
  const out: Unit[] = [];
  const moved = new Map<number, number>();
  const added: Array<{ unit: Unit; oldParent: number; at: number }> = [];
  units.forEach((u, i) => {
    moved.set(i, out.length);
    out.push(u);
    for (const p of after.get(i) ?? []) {
      added.push({ unit: p, oldParent: p.parent!, at: out.length });
      out.push(p);
    }
  });
  for (const u of units) {
    if (u.parent !== undefined) u.parent = moved.get(u.parent);
    u.children = u.children.map((c) => moved.get(c)!);
  }
  for (const { unit, oldParent, at } of added) {
    const parent = moved.get(oldParent)!;
    unit.parent = parent;
    out[parent].children.push(at);
  }
  return out;
}
