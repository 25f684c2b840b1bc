/**
 * How a term's occurrences in a unit become a score, behind one interface, in the spirit of
 * Tantivy's `Bm25Weight`: a scorer makes a per-term weight once per query (idf, query weight),
 * which scores each posting in the hot loop and can say, for one unit, why it scored what it did.
 */
import { idf, type Bm25Params } from "./bm25.js";

/** A score and how it was made, as a tree (Tantivy's `Explanation`). */
export interface Explanation {
  value: number;
  description: string;
  details?: Explanation[];
}

/** One query term's weight: scores a posting from its term frequency and the unit's length norm. */
export interface TermWeight {
  score(tf: number, norm: number): number;
  explain(tf: number, norm: number): Explanation;
}

export interface Scorer {
  readonly name: string;
  /** Per-unit length factor, precomputed once per field (BM25: k1·(1 − b + b·len/avg)). */
  lengthNorm(length: number, avgLength: number): number;
  /** The weight of a term found in `docFreq` of `docCount` units, boosted by `queryWeight`. */
  termWeight(queryWeight: number, docFreq: number, docCount: number): TermWeight;
}

/** BM25 (Robertson/Sparck Jones idf, as Lucene and Tantivy compute it). */
export class Bm25Scorer implements Scorer {
  readonly name = "bm25";
  constructor(private readonly p: Bm25Params) {}

  lengthNorm(length: number, avgLength: number): number {
    return this.p.k1 * (1 - this.p.b + (this.p.b * length) / avgLength);
  }

  termWeight(queryWeight: number, docFreq: number, docCount: number): TermWeight {
    return new Bm25TermWeight(queryWeight, idf(docCount, docFreq), this.p.k1, docCount, docFreq);
  }
}

/** One term's BM25 weight: a class, not a closure, so the hot loop's call stays monomorphic and cheap. */
class Bm25TermWeight implements TermWeight {
  private readonly w: number;

  constructor(
    private readonly queryWeight: number,
    private readonly termIdf: number,
    k1: number,
    private readonly docCount: number,
    private readonly docFreq: number,
  ) {
    this.w = queryWeight * termIdf * (k1 + 1);
  }

  score(tf: number, norm: number): number {
    return (this.w * tf) / (tf + norm);
  }

  explain(tf: number, norm: number): Explanation {
    return {
      value: this.score(tf, norm),
      description: `bm25: weight ${this.queryWeight.toFixed(2)} × idf ${this.termIdf.toFixed(2)} × tf·(k1+1)/(tf+norm) with tf ${tf}, norm ${norm.toFixed(2)}`,
      details: [
        { value: this.termIdf, description: `idf = ln(1 + (N − n + 0.5)/(n + 0.5)), N ${this.docCount}, n ${this.docFreq}` },
        { value: this.queryWeight, description: "query weight (field × pair × accent)" },
      ],
    };
  }
}
