/**
 * Chooses the points: distinct provisions (one per unit, no near-identical sentences), shared out
 * across the documents a topic spans, then put back in reading order (document, then position).
 */
import { foldKey } from "../text/normalize.js";

/** Sentences sharing this much of their syllables say the same thing (repeated clauses across articles). */
export const SAME_SENTENCE = 0.6;

export interface Candidate {
  docId: string;
  /** Position of the document in the index, for reading order. */
  docPos: number;
  unit: number;
  statement: string;
}

function syllables(text: string): Set<string> {
  return new Set(foldKey(text).match(/[a-z0-9]+/g) ?? []);
}

/** Jaccard similarity of the folded syllable sets. */
export function similarity(a: string, b: string): number {
  const x = syllables(a);
  const y = syllables(b);
  let shared = 0;
  for (const s of x) if (y.has(s)) shared++;
  const union = x.size + y.size - shared;
  return union ? shared / union : 0;
}

/**
 * Takes up to `count` candidates, round-robin over the documents (each list best first), skipping
 * a unit already taken and a sentence too like one taken; returns them in reading order.
 */
export function selectPoints<C extends Candidate>(byDoc: C[][], count: number): C[] {
  const taken: C[] = [];
  const cursors = byDoc.map(() => 0);
  let progressed = true;
  while (taken.length < count && progressed) {
    progressed = false;
    for (let d = 0; d < byDoc.length && taken.length < count; d++) {
      const list = byDoc[d];
      while (cursors[d] < list.length) {
        const c = list[cursors[d]++];
        const repeat = taken.some((t) => (t.docId === c.docId && t.unit === c.unit) || similarity(t.statement, c.statement) >= SAME_SENTENCE);
        if (repeat) continue;
        taken.push(c);
        progressed = true;
        break;
      }
    }
  }
  return taken.sort((a, b) => a.docPos - b.docPos || a.unit - b.unit);
}
