/**
 * A compact term → postings-range table keyed by two independent 32-bit hashes of the term.
 * Millions of syllable pairs as JS string keys would cost hundreds of MB; two u32 per term do not.
 * With 64 bits of hash, collisions among a few million terms are practically impossible.
 */

/**
 * The hashes of `prefix + term`, or of `prefix + term + " " + next` (a syllable pair), without
 * building that string (the index build's hot loop).
 */
export function hashPair(term: string, prefix = "", next?: string): [number, number] {
  // FNV-1a and a multiplicative (Murmur-style) hash over UTF-16 code units.
  h1 = 0x811c9dc5;
  h2 = 0x9747b28c;
  mix(prefix);
  mix(term);
  if (next !== undefined) {
    mix(" ");
    mix(next);
  }
  // Never 0 in h1|h2 together: (0,0) marks an empty slot.
  return [h1 >>> 0, (h2 | 1) >>> 0];
}

/** The two running hashes: module state, so that mixing a part is a plain loop with no object made. */
let h1 = 0;
let h2 = 0;

function mix(s: string): void {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 0x01000193);
    h2 = Math.imul(h2 ^ c, 0x5bd1e995);
    h2 ^= h2 >>> 15;
  }
}

export interface TermTableArrays {
  keysHi: Uint32Array;
  keysLo: Uint32Array;
  /** Start of the term's postings; its end is the start of the next term in insertion order. */
  starts: Uint32Array;
  counts: Uint32Array;
}

export class TermTable {
  constructor(readonly arrays: TermTableArrays) {}

  static create(termCount: number): TermTable {
    let capacity = 16;
    while (capacity < termCount * 2) capacity *= 2;
    return new TermTable({
      keysHi: new Uint32Array(capacity),
      keysLo: new Uint32Array(capacity),
      starts: new Uint32Array(capacity),
      counts: new Uint32Array(capacity),
    });
  }

  private slot(term: string): number {
    const [hi, lo] = hashPair(term);
    const { keysHi, keysLo } = this.arrays;
    const mask = keysHi.length - 1;
    let i = (hi ^ Math.imul(lo, 0x9e3779b1)) & mask;
    while (keysLo[i] !== 0 && (keysHi[i] !== hi || keysLo[i] !== lo)) i = (i + 1) & mask;
    keysHi[i] = hi;
    keysLo[i] = lo;
    return i;
  }

  set(term: string, start: number, count: number): void {
    const i = this.slot(term);
    this.arrays.starts[i] = start;
    this.arrays.counts[i] = count;
  }

  /** [start, count] of the term's postings, or undefined when the term is not indexed. */
  get(term: string): [number, number] | undefined {
    const [hi, lo] = hashPair(term);
    const { keysHi, keysLo, starts, counts } = this.arrays;
    const mask = keysHi.length - 1;
    let i = (hi ^ Math.imul(lo, 0x9e3779b1)) & mask;
    while (keysLo[i] !== 0) {
      if (keysHi[i] === hi && keysLo[i] === lo) return [starts[i], counts[i]];
      i = (i + 1) & mask;
    }
    return undefined;
  }
}
