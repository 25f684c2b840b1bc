/**
 * Chooses the points: distinct provisions (one per unit, no near-identical sentences), weighted by
 * what the audience needs (roles.ts), shared out across the documents a topic spans and the blocks
 * of each, then put in the order one argues: why → what → who does what → what we ask.
 */
import { foldKey } from "../text/normalize.js";
import { AUDIENCE_WEIGHT, ROLES, type Role } from "./roles.js";
import type { Audience } from "./types.js";

/** A point from a block not yet used is taken over a better one from a used block while it ranks this high. */
const SPREAD = 0.7;

/** Sentences sharing this much of their syllables say the same thing (repeated clauses across articles). */
export const SAME_SENTENCE = 0.6;

export interface Candidate {
  docId: string;
  /** Position of the document in the index, for reading order. */
  docPos: number;
  unit: number;
  statement: string;
}

interface Ranked extends Candidate {
  source: string;
  role: Role;
  score: number;
  block: number;
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

/** Nearly all of `a`'s syllables are in `b`: a list's lead with its items already says each item. */
function within(a: string, b: string): boolean {
  const x = syllables(a);
  const y = syllables(b);
  let shared = 0;
  for (const s of x) if (y.has(s)) shared++;
  return x.size > 0 && shared / x.size >= 0.9;
}

/**
 * Takes up to `count` candidates, round-robin over the documents (each list best first for the
 * audience), a block already used only once every other block of that document was, skipping a
 * unit already taken and a sentence too like one taken; returns them in argued order.
 */
export function selectPoints<C extends Ranked>(byDoc: C[][], count: number, audience: Audience): C[] {
  const weight = AUDIENCE_WEIGHT[audience];
  const rank = (c: C) => c.score * weight[c.role];
  const lists = byDoc.map((list) => [...list].sort((a, b) => rank(b) - rank(a) || a.unit - b.unit));
  const taken: C[] = [];
  const repeat = (c: C) =>
    taken.some((t) => (t.docId === c.docId && t.unit === c.unit) || similarity(t.statement, c.statement) >= SAME_SENTENCE || within(t.source, c.statement) || within(c.source, t.statement));
  for (let progressed = true; taken.length < count && progressed; ) {
    progressed = false;
    for (const list of lists) {
      if (taken.length >= count) break;
      const used = new Set(taken.filter((t) => list.includes(t)).map((t) => t.block));
      const best = list.find((c) => !repeat(c));
      const fresh = list.find((c) => !used.has(c.block) && !repeat(c));
      // Another block is preferred while it is nearly as good for this audience.
      const next = fresh && best && rank(fresh) >= SPREAD * rank(best) ? fresh : best;
      if (!next) continue;
      taken.push(next);
      progressed = true;
    }
  }
  return taken.sort((a, b) => ROLES.indexOf(a.role) - ROLES.indexOf(b.role) || a.docPos - b.docPos || a.unit - b.unit);
}
