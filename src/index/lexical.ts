/**
 * Lexical index for Vietnamese: BM25 over syllables and syllable pairs, in folded and accented
 * forms, with two fields (title: document and heading words; body: the unit's text).
 * Postings live in typed arrays behind a hashed term table so a 27 MB corpus stays small in memory
 * and loads from disk without re-tokenising.
 */
import { DEFAULT_BM25, idf, type Bm25Params } from "./bm25.js";
import { hashPair, TermTable } from "./term-table.js";
import { Bm25Scorer, type Explanation, type Scorer } from "./scorer.js";
import { foldDiacritics, foldKey, hasDiacritics } from "../text/normalize.js";
import { AMOUNT_WORDS, INTERROGATIVES, QUESTION_SYLLABLES } from "../text/question-words.js";
import { syllableRuns, tokenize } from "../text/tokenize.js";
import { readF32, readU8, readU32, writeTyped } from "./typed-files.js";
import path from "node:path";

export type Field = "title" | "body";
const FIELDS: Field[] = ["title", "body"];
const PREFIX: Record<Field, string> = { title: "#", body: "" };
/**
 * Accented terms are marked with "~" and stored for every token, even when equal to the folded
 * one: folded "can" also holds "cán" and "căn", so it cannot stand for the accented "can".
 */
const ACCENT = "~";

export interface FieldTexts {
  title: string;
  body: string;
}

export interface ScoringParams extends Bm25Params {
  fieldWeight: Record<Field, number>;
  /** Weight of a syllable pair relative to a single syllable. */
  pairWeight: number;
  /**
   * With tone marks in the query, accented terms carry the match and folded terms (which merge
   * "cán", "cản", "căn") only add this much; without tone marks folded terms are all there is.
   */
  foldedWeight: number;
}

export const DEFAULT_SCORING: ScoringParams = {
  ...DEFAULT_BM25,
  fieldWeight: { title: 1, body: 1 },
  pairWeight: 1,
  foldedWeight: 0.1,
};

/** A search result: `row` is the position of the matching text in the order texts were added (the caller maps it to a unit). */
export interface Hit {
  row: number;
  score: number;
}

export interface SearchOptions {
  limit?: number;
  /** Only rows whose mask byte is non-zero take part. */
  mask?: Uint8Array;
  params?: ScoringParams;
  /** How postings are scored (BM25 with `params` by default). */
  scorer?: Scorer;
  /** Further phrases searched at a lower weight (thesaurus, rewritten question). */
  expansions?: readonly QueryExpansion[];
}

/** A weighted term of a query in one field, with where its postings are (absent: not indexed). */
export interface QueryTerm {
  term: string;
  field: Field;
  weight: number;
  postings?: readonly [start: number, count: number];
}

/** Texts whose query terms an index keeps: a question's and its expansions'. */
const RECENT_TERMS = 256;

/** A phrase searched beside the question, e.g. the documents' term for a word the user typed. */
export interface QueryExpansion {
  text: string;
  /** Multiplies the phrase's term weights (search) or its credit in coverage; at most 1. */
  weight: number;
  /** Folded syllables of the question the phrase stands for: only they can be credited by it in coverage. */
  covers?: readonly string[];
  /** Syllables the user put inside the phrase ("nhà nuôi" in "chó nhà nuôi cắn"): credited with it. */
  within?: readonly string[];
}

/** A typed array that doubles when full. */
function grown<T extends Uint32Array | Uint8Array | Int32Array>(a: T, need: number): T {
  if (need <= a.length) return a;
  let size = a.length;
  while (size < need) size *= 2;
  const b = new (a.constructor as new (n: number) => T)(size);
  b.set(a);
  if (b instanceof Int32Array) b.fill(-1, a.length);
  return b;
}

/** Entries per chunk of the postings log: it grows a chunk at a time, never by a doubled copy. */
const CHUNK_BITS = 20;
const CHUNK = 1 << CHUNK_BITS;

/**
 * Postings while building, with no JS object per term (millions of syllable pairs as strings and
 * arrays would cost gigabytes): terms are known by their 64-bit hash in an open-addressing table
 * of typed arrays, and each occurrence is appended as (term id, tf) to a log of fixed-size typed
 * chunks. Units arrive in order, so the log is grouped by unit (`unitStarts` says where each
 * begins: no unit number per posting) and only a term's last posting can be the current unit.
 */
class HashedPostings {
  // Probed exactly as TermTable probes, so build() hands slotHi/slotLo over as its keys.
  slots = new Uint32Array(1 << 16); // term id + 1; 0 = empty
  slotHi = new Uint32Array(1 << 16);
  slotLo = new Uint32Array(1 << 16);
  termCount = new Uint32Array(1 << 15);
  private lastUnit = new Int32Array(1 << 15).fill(-1);
  private lastAt = new Uint32Array(1 << 15);
  terms = 0;
  logTerm: Uint32Array[] = [];
  logTf: Uint8Array[] = [];
  postings = 0;
  /** The first posting of each unit in the log. */
  unitStarts: number[] = [];

  /** Starts the next unit; returns its number. */
  beginUnit(): number {
    return this.unitStarts.push(this.postings) - 1;
  }

  /** One occurrence of `prefix + term` (or of the pair `prefix + term + " " + next`) in the current unit. */
  bump(prefix: string, term: string, next?: string): void {
    const [hi, lo] = hashPair(term, prefix, next);
    const t = this.termId(hi, lo);
    const unit = this.unitStarts.length - 1;
    if (this.lastUnit[t] === unit) {
      const at = this.lastAt[t];
      const tfs = this.logTf[at >>> CHUNK_BITS];
      // BM25 saturates long before 255 occurrences; one byte per posting keeps memory down.
      if (tfs[at & (CHUNK - 1)] < 255) tfs[at & (CHUNK - 1)]++;
      return;
    }
    const p = this.postings++;
    const c = p >>> CHUNK_BITS;
    if (c === this.logTerm.length) {
      this.logTerm.push(new Uint32Array(CHUNK));
      this.logTf.push(new Uint8Array(CHUNK));
    }
    this.logTerm[c][p & (CHUNK - 1)] = t;
    this.logTf[c][p & (CHUNK - 1)] = 1;
    this.lastUnit[t] = unit;
    this.lastAt[t] = p;
    this.termCount[t]++;
  }

  private termId(hi: number, lo: number): number {
    let mask = this.slots.length - 1;
    let i = (hi ^ Math.imul(lo, 0x9e3779b1)) & mask;
    while (this.slots[i] !== 0) {
      if (this.slotHi[i] === hi && this.slotLo[i] === lo) return this.slots[i] - 1;
      i = (i + 1) & mask;
    }
    const t = this.terms++;
    if (t >= this.termCount.length) {
      this.termCount = grown(this.termCount, t + 1);
      this.lastUnit = grown(this.lastUnit, t + 1);
      this.lastAt = grown(this.lastAt, t + 1);
    }
    // Kept at most half full; rehash into a table twice the size when it would not be.
    if (this.terms * 2 > this.slots.length) {
      this.rehash();
      mask = this.slots.length - 1;
      i = (hi ^ Math.imul(lo, 0x9e3779b1)) & mask;
      while (this.slots[i] !== 0) i = (i + 1) & mask;
    }
    this.slots[i] = t + 1;
    this.slotHi[i] = hi;
    this.slotLo[i] = lo;
    return t;
  }

  /** Drops what only adding needed (each term's last posting) before build. */
  finishAdding(): void {
    this.lastUnit = new Int32Array(0);
    this.lastAt = new Uint32Array(0);
  }

  private rehash(): void {
    const size = this.slots.length * 2;
    const mask = size - 1;
    const slots = new Uint32Array(size);
    const slotHi = new Uint32Array(size);
    const slotLo = new Uint32Array(size);
    for (let j = 0; j < this.slots.length; j++) {
      if (this.slots[j] === 0) continue;
      let i = (this.slotHi[j] ^ Math.imul(this.slotLo[j], 0x9e3779b1)) & mask;
      while (slots[i] !== 0) i = (i + 1) & mask;
      slots[i] = this.slots[j];
      slotHi[i] = this.slotHi[j];
      slotLo[i] = this.slotLo[j];
    }
    this.slots = slots;
    this.slotHi = slotHi;
    this.slotLo = slotLo;
  }
}

export class LexicalIndexBuilder {
  private postings = new HashedPostings();
  private lengths: Record<Field, number[]> = { title: [], body: [] };

  /**
   * Adds the next unit; units are numbered in the order they are added. Its terms are those of
   * `tokenize`, in the same order, hashed from the syllables without building pair strings or
   * token arrays (the garbage of a whole corpus's tokens is what filled the heap).
   */
  add(texts: FieldTexts): number {
    const unit = this.postings.beginUnit();
    for (const field of FIELDS) {
      const prefix = PREFIX[field];
      const accentPrefix = prefix + ACCENT;
      let length = 0;
      for (const run of syllableRuns(texts[field])) {
        const folded = run.map(foldDiacritics);
        length += run.length;
        for (let i = 0; i < run.length; i++) {
          this.postings.bump(prefix, folded[i]);
          this.postings.bump(accentPrefix, run[i]);
          if (i + 1 === run.length) continue;
          this.postings.bump(prefix, folded[i], folded[i + 1]);
          this.postings.bump(accentPrefix, run[i], run[i + 1]);
        }
      }
      this.lengths[field].push(length);
    }
    return unit;
  }

  /** Postings grouped by term (a counting sort by term id), units ascending within each term. */
  build(): LexicalIndex {
    const p = this.postings;
    p.finishAdding();
    const cursor = new Uint32Array(p.terms);
    let at = 0;
    for (let t = 0; t < p.terms; t++) {
      cursor[t] = at;
      at += p.termCount[t];
    }
    // The building hash table becomes the term table: same keys, same probing, no second copy.
    const starts = new Uint32Array(p.slots.length);
    const counts = new Uint32Array(p.slots.length);
    for (let i = 0; i < p.slots.length; i++) {
      if (p.slots[i] === 0) continue;
      const t = p.slots[i] - 1;
      starts[i] = cursor[t];
      counts[i] = p.termCount[t];
    }
    const table = new TermTable({ keysHi: p.slotHi, keysLo: p.slotLo, starts, counts });
    p.slots = new Uint32Array(0);
    const units = new Uint32Array(p.postings);
    const tfs = new Uint8Array(p.postings);
    const unitStarts = p.unitStarts;
    let unit = 0;
    for (let c = 0; c < p.logTerm.length; c++) {
      const terms = p.logTerm[c];
      const termTfs = p.logTf[c];
      const base = c * CHUNK;
      const end = Math.min(CHUNK, p.postings - base);
      for (let o = 0; o < end; o++) {
        while (unit + 1 < unitStarts.length && unitStarts[unit + 1] <= base + o) unit++;
        const dest = cursor[terms[o]]++;
        units[dest] = unit;
        tfs[dest] = termTfs[o];
      }
      // Each chunk is let go once sorted out: the log and the sorted arrays are never both whole.
      p.logTerm[c] = new Uint32Array(0);
      p.logTf[c] = new Uint8Array(0);
    }
    this.postings = new HashedPostings();
    return new LexicalIndex({
      table,
      units,
      tfs,
      titleLengths: Float32Array.from(this.lengths.title),
      bodyLengths: Float32Array.from(this.lengths.body),
    });
  }
}

export interface LexicalArrays {
  table: TermTable;
  units: Uint32Array;
  tfs: Uint8Array;
  titleLengths: Float32Array;
  bodyLengths: Float32Array;
}

export class LexicalIndex {
  readonly size: number;
  private avg: Record<Field, number>;

  constructor(readonly arrays: LexicalArrays) {
    this.size = arrays.bodyLengths.length;
    const mean = (a: Float32Array) => (a.length ? a.reduce((s, x) => s + x, 0) / a.length : 1) || 1;
    this.avg = { title: mean(arrays.titleLengths), body: mean(arrays.bodyLengths) };
    this.fields = FIELDS.filter((f) => (f === "title" ? arrays.titleLengths : arrays.bodyLengths).some((len) => len > 0));
  }

  /** Fields some unit has words in: a query term in another (passages have no title) has no postings to look up. */
  private readonly fields: Field[];

  private norms = new Map<string, Float32Array>();

  /** The scorer's length factor per unit, for a field and parameters (cached). */
  private lengthNorm(field: Field, p: Bm25Params, scorer: Scorer): Float32Array {
    const key = `${scorer.name}:${field}:${p.k1}:${p.b}`;
    let norm = this.norms.get(key);
    if (!norm) {
      const lengths = field === "title" ? this.arrays.titleLengths : this.arrays.bodyLengths;
      const avg = this.avg[field];
      norm = lengths.map((len) => scorer.lengthNorm(len, avg));
      this.norms.set(key, norm);
    }
    return norm;
  }

  /**
   * Weighted query terms, each with its postings range when indexed. Without tone marks in the
   * query, folded terms carry the match; with them, accented terms do and folded ones add a
   * little — except for an accented form the corpus never uses, a typing slip ("câp" for "cấp"),
   * where the folded form is trusted instead. The last texts' terms are kept: a question is
   * searched at several stages, and the thesaurus's phrases come back question after question.
   */
  queryTerms(query: string, params: ScoringParams): readonly QueryTerm[] {
    let recent = this.recentTerms.get(params);
    if (!recent) this.recentTerms.set(params, (recent = new Map()));
    let terms = recent.get(query);
    if (terms) return terms;
    terms = this.termsOf(query, params);
    if (recent.size >= RECENT_TERMS) recent.delete(recent.keys().next().value!);
    recent.set(query, terms);
    return terms;
  }

  private readonly recentTerms = new WeakMap<ScoringParams, Map<string, readonly QueryTerm[]>>();

  private termsOf(query: string, params: ScoringParams): QueryTerm[] {
    const { table } = this.arrays;
    const { folded, accented } = tokenize(query.replace(INTERROGATIVE, " , "));
    const withAccents = hasDiacritics(query);
    const out = new Map<string, QueryTerm>();
    const add = (term: string, field: Field, weight: number) => out.set(term, { term, field, weight, postings: table.get(term) });
    for (let i = 0; i < folded.length; i++) {
      const pair = folded[i].includes(" ") ? params.pairWeight : 1;
      const useAccent = withAccents && table.get(ACCENT + accented[i]) !== undefined;
      for (const field of this.fields) {
        const w = params.fieldWeight[field] * pair;
        if (!w) continue;
        const f = PREFIX[field] + folded[i];
        const a = PREFIX[field] + ACCENT + accented[i];
        if (useAccent) {
          add(a, field, w);
          if (params.foldedWeight) add(f, field, w * params.foldedWeight);
        } else {
          add(f, field, w);
        }
      }
    }
    return [...out.values()];
  }

  /** Query terms plus the expansions' terms at their weight; a term keeps its highest weight. */
  expandedTerms(query: string, expansions: readonly QueryExpansion[], params: ScoringParams): readonly QueryTerm[] {
    const out = new Map(this.queryTerms(query, params).map((t) => [t.term, t]));
    for (const e of expansions) {
      for (const t of this.queryTerms(e.text, params)) {
        const weight = t.weight * e.weight;
        if ((out.get(t.term)?.weight ?? 0) < weight) out.set(t.term, { ...t, weight });
      }
    }
    return [...out.values()];
  }

  /** Inverse document frequency of a stored term (folded body term by default). */
  termIdf(term: string): number {
    return idf(this.size, this.arrays.table.get(term)?.[1] ?? 0);
  }

  /** Score accumulators reused across searches (zeroed after use): no per-query allocation. */
  private scratch?: { scores: Float32Array; touched: Uint32Array };

  /**
   * The best rows (added texts) for a query, best first: every query term (folded or accented syllable or pair,
   * in the title or body field) scored by the scorer over its postings.
   *
   * @example
   * const hits = index.search("thời hạn thử việc", { limit: 5 });
   * // [{ row: 24, score: 17.2 }, …] — rows are numbered in the order texts were added
   */
  search(query: string, opts: SearchOptions = {}): Hit[] {
    const params = opts.params ?? DEFAULT_SCORING;
    const scorer = opts.scorer ?? new Bm25Scorer(params);
    this.scratch ??= { scores: new Float32Array(this.size), touched: new Uint32Array(this.size) };
    const { scores, touched } = this.scratch;
    let n = 0;
    const { units, tfs } = this.arrays;
    const { mask } = opts;
    const norms = { title: this.lengthNorm("title", params, scorer), body: this.lengthNorm("body", params, scorer) };
    const terms = opts.expansions?.length ? this.expandedTerms(query, opts.expansions, params) : this.queryTerms(query, params);
    for (const { field, weight, postings } of terms) {
      if (!postings) continue;
      const [start, count] = postings;
      // Length norms are precomputed per unit and the term's weight once: this loop is the hot path.
      const tw = scorer.termWeight(weight, count, this.size);
      const norm = norms[field];
      for (let p = start, end = start + count; p < end; p++) {
        const u = units[p];
        if (mask && !mask[u]) continue;
        if (scores[u] === 0) touched[n++] = u;
        scores[u] += tw.score(tfs[p], norm[u]);
      }
    }
    const hits = topK(touched.subarray(0, n), scores, opts.limit ?? 10);
    for (let i = 0; i < n; i++) scores[touched[i]] = 0;
    return hits;
  }

  /** Why `row` scored what `search` gives it: one line per matching query term and field. */
  explain(query: string, row: number, opts: Pick<SearchOptions, "params" | "scorer" | "expansions"> = {}): Explanation {
    const params = opts.params ?? DEFAULT_SCORING;
    const scorer = opts.scorer ?? new Bm25Scorer(params);
    const { units, tfs } = this.arrays;
    const details: Explanation[] = [];
    const terms = opts.expansions?.length ? this.expandedTerms(query, opts.expansions, params) : this.queryTerms(query, params);
    for (const { term, field, weight, postings } of terms) {
      if (!postings) continue;
      const [start, count] = postings;
      for (let p = start; p < start + count; p++) {
        if (units[p] !== row) continue;
        const e = scorer.termWeight(weight, count, this.size).explain(tfs[p], this.lengthNorm(field, params, scorer)[row]);
        details.push({ ...e, description: `${field} «${term.replace(/^#/, "").replace(ACCENT, "")}»${term.includes(ACCENT) ? " (có dấu)" : ""}: ${e.description}` });
        break;
      }
    }
    details.sort((a, b) => b.value - a.value);
    return { value: details.reduce((s, d) => s + d.value, 0), description: `sum of ${details.length} matching terms`, details };
  }
}

/**
 * Question and framing syllables, folded (src/text/question-words.ts), and "điều" as in "những
 * điều gì": a unit reference ("Điều 5") is read from the question apart.
 */
export const QUESTION_WORDS = new Set([...QUESTION_SYLLABLES.map(foldKey), "dieu"]);

/** Interrogatives: they shape the question, never the answer's wording, so they are not searched. */
const INTERROGATIVE = new RegExp(
  `(?<![\\p{L}\\p{M}])(?:${[...INTERROGATIVES.map((i) => i.words), ...INTERROGATIVES.filter((i) => i.folded).map((i) => foldKey(i.words))].join("|")})(?![\\p{L}\\p{M}])`,
  "giu",
);

export type TermWeights = Map<string, number>;

/** Query terms (folded syllables and pairs) with their idf; question words weigh nothing. */
export function queryWeights(index: LexicalIndex, question: string): TermWeights {
  const weights: TermWeights = new Map();
  for (const term of tokenize(question).folded) {
    const parts = term.split(" ");
    if (parts.every((p) => QUESTION_WORDS.has(p))) continue;
    weights.set(term, index.termIdf(term) * (parts.length > 1 ? 1.5 : 1));
  }
  return weights;
}

/** A year in a question ("Bộ luật Dân sự 2015") names an edition, not content to find. */
const YEAR = /^(19|20)\d\d$/;

/** Binary search: does `unit` occur in the sorted postings range? */
function contains(units: Uint32Array, start: number, count: number, unit: number): boolean {
  let lo = start;
  let hi = start + count - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (units[mid] === unit) return true;
    if (units[mid] < unit) lo = mid + 1;
    else hi = mid - 1;
  }
  return false;
}

/** Weight of a syllable pair in coverage: pairs tell "thời tiết" apart from "thời hạn" + "tiết". */
const PAIR_COVERAGE = 0.5;

type ContentTerm = { parts: string[]; w: number; body?: [number, number]; title?: [number, number] };

/**
 * The word pairs of phrases the question says with words inside them ("chó cắn" in "chó nhà nuôi
 * cắn"): words of the question although no two of its syllables in a row spell them, and content
 * even where a syllable looks like a question word ("chó" is "cho" folded): the thesaurus names them.
 */
function saidPairs(expansions: readonly QueryExpansion[]): string[] {
  return expansions.flatMap((e) => (e.within?.length && e.covers ? e.covers.slice(1).map((b, i) => `${e.covers![i]} ${b}`) : []));
}

/** Content terms of a text (folded syllables and pairs, question words and years left out), idf-weighted. */
function contentTerms(index: LexicalIndex, text: string, boundary?: (parts: string[]) => boolean, said: readonly string[] = []) {
  const { table } = index.arrays;
  const terms: ContentTerm[] = [];
  let total = 0;
  const own = new Set(tokenize(text).folded);
  // A reading without the phrase (its names left out) is not credited with its pair.
  const inText = (pair: string) => pair.split(" ").every((p) => own.has(p));
  for (const term of new Set([...own, ...said.filter(inText)])) {
    const parts = term.split(" ");
    if (own.has(term) && parts.some((p) => QUESTION_WORDS.has(p) || YEAR.test(p))) continue;
    const body = table.get(term);
    const title = table.get(PREFIX.title + term);
    // A pair the corpus never uses across the edge of a phrase the thesaurus recognised ("việc
    // tối" in "thử việc tối đa") joins two words: no unit can hold it.
    if (parts.length > 1 && !body && !title && boundary?.(parts)) continue;
    // A word the corpus never uses weighs like the rarest word.
    const w = idf(index.size, body ? body[1] : 0) * (parts.length > 1 ? PAIR_COVERAGE : 1);
    total += w;
    terms.push({ parts, w, body, title });
  }
  return { terms, total };
}

/**
 * A syllable is a specific term of the corpus when at most this share of its units use it (and at
 * least one does; a corpus under 1 / RARE_SHARE units has none): "núi", "karaoke", "sởi" in four
 * codes. A question that turns on such a term is about the few units that hold it; a hit without
 * it shares the question's common words only. Chosen on ALQAC half A and the first two
 * other-domain sets (at most 10 of 1,378 articles there: a syllable the answerable questions' hits
 * lacked was used by 13 or more, the other domains' by 1 to 7).
 */
export const RARE_SHARE = 0.0075;
/**
 * A rare term is the corpus's own, in the question's sense, when a unit using it holds this much
 * of the question. Chosen on ALQAC half A and the first two other-domain sets: units using an
 * answerable question's rare term held 0.74 of it or more, those using another domain's ("núi",
 * "bầu", "karaoke") 0.64 at most.
 */
export const RARE_CONTEXT = 0.7;

/** Syllables of the words naming an amount's kind: never a specific term of a question. */
const AMOUNT_SYLLABLES = new Set(AMOUNT_WORDS.flatMap((w) => foldKey(w).split(" ")));

/**
 * The word after "bao nhiêu" or "mấy" names the kind of amount asked for ("mấy tiếng", "bao nhiêu
 * phần trăm"), in the asker's unit: documents write the figure in theirs ("giờ", "%"), so it is
 * never a specific term. Folded: typed without tone marks, "may" may be "mấy".
 */
function amountKinds(text: string): Set<string> {
  const marked = hasDiacritics(text);
  const kinds = new Set<string>();
  for (const run of syllableRuns(text)) {
    const folded = run.map(foldDiacritics);
    for (let i = 1; i < run.length; i++) {
      const after = (marked ? run[i - 1].toLowerCase() === "mấy" : folded[i - 1] === "may") || (i > 1 && folded[i - 2] === "bao" && folded[i - 1] === "nhieu");
      if (after) kinds.add(folded[i]);
    }
  }
  return kinds;
}

/** How much of a question a unit holds: all its content, and its two-syllable words alone. */
export interface Coverage {
  /** Share of the idf-weighted syllables and pairs (0..1). */
  all: number;
  /**
   * Share of the pairs alone: most Vietnamese words are two syllables, so a unit that shares
   * syllables but none of the question's pairs shares sounds with it, not words.
   */
  words: number;
  /**
   * A specific term of the question (see RARE_SHARE) that the unit lacks and that no expansion
   * found in the unit stands for. A syllable no unit uses is no evidence (a typing slip, a word of
   * the street), nor is a name (capitalised inside the sentence: who and where, not what).
   */
  absent?: string;
}

/**
 * Share of the query's content (idf-weighted syllables and pairs, question words left out)
 * that the unit contains, in its body or its title field (document name, headings). Low coverage
 * means the best hit only shares noise with the question. A query word the unit lacks counts
 * partly when an expansion standing for it is in the unit: its weight times the share of the
 * expansion's own content found, so a match made only of weak expansions stays below full.
 */
export function coverage(index: LexicalIndex, query: string, expansions: readonly QueryExpansion[] = [], names: ReadonlySet<string> = new Set()): (row: number) => Coverage {
  const { units } = index.arrays;
  const has = (r: [number, number] | undefined, row: number) => !!r && contains(units, r[0], r[1], row);
  const phrases = expansions.flatMap((e) => (e.covers ? [e.covers] : []));
  // What an expansion stands for: its phrase and, matched with words inside, those words too.
  const spans = expansions.map((e) => (e.covers ? [...e.covers, ...(e.within ?? [])] : undefined));
  const straddles = ([a, b]: string[]) => spans.some((p) => p && p.includes(a) !== p.includes(b));
  const { terms, total } = contentTerms(index, query, straddles, saidPairs(expansions));
  // An expansion is in a row when its phrase is: its syllable pairs, not its common syllables.
  const phraseTerms = (text: string) => {
    const all = contentTerms(index, text);
    const pairs = all.terms.filter((t) => t.parts.length > 1);
    return pairs.length ? { terms: pairs, total: pairs.reduce((s, t) => s + t.w, 0) } : all;
  };
  const alts = expansions.map((e) => ({ e, ...phraseTerms(e.text) }));
  const altsOf = terms.map(({ parts }) => alts.filter((_, k) => spans[k] && parts.every((p) => spans[k]!.includes(p))));
  // A pair the corpus never uses ("tưới cây" where it writes "tưới nước cho cây") is no evidence
  // either way, unless an expansion stands for it ("nghỉ đẻ"): the word share weighs the others.
  const isWord = terms.map((t, i) => t.parts.length > 1 && (!!t.body || !!t.title || altsOf[i].length > 0));
  const pairTotal = terms.reduce((s, t, i) => s + (isWord[i] ? t.w : 0), 0);
  // Under 1 / RARE_SHARE units (a single short regulation) no share of them is telling.
  const rareDf = Math.floor(RARE_SHARE * index.size);
  const kinds = amountKinds(query);
  const rare = terms.flatMap((t, i) => {
    const [p] = t.parts;
    const df = t.body ? t.body[1] : 0;
    // A word the thesaurus reads ("đẻ" of "nghỉ đẻ") is an everyday word for the documents' own.
    const everyday = phrases.some((covers) => covers.includes(p));
    return t.parts.length === 1 && df >= 1 && df <= rareDf && !names.has(p) && !everyday && !AMOUNT_SYLLABLES.has(p) && !kinds.has(p) && !/\d/.test(p) ? [i] : [];
  });
  const measure = (row: number) => {
    const share = new Map<object, number>();
    const shareOf = (alt: (typeof alts)[number]) => {
      let s = share.get(alt);
      if (s === undefined) {
        let found = 0;
        for (const t of alt.terms) if (has(t.body, row) || has(t.title, row)) found += t.w;
        share.set(alt, (s = alt.total ? (alt.e.weight * found) / alt.total : 0));
      }
      return s;
    };
    let found = 0;
    let pairs = 0;
    const got = terms.map((t, i) => (has(t.body, row) || has(t.title, row) ? t.w : altsOf[i].length ? t.w * Math.max(...altsOf[i].map(shareOf)) : 0));
    terms.forEach((t, i) => {
      found += got[i];
      if (isWord[i]) pairs += got[i];
    });
    // A question of one word has no pair to find: its words are its syllables.
    return { all: found / total, words: pairTotal ? pairs / pairTotal : found / total, got };
  };
  // A rare term the corpus uses beside the question's other words ("ruộng" in the article on lost
  // cattle) is the corpus's own: a hit may answer in other words. One it uses only elsewhere ("núi"
  // of "miền núi") is foreign to what the question asks.
  let foreign: number[] | undefined;
  const isForeign = (i: number) => {
    const [start, count] = terms[i].body!;
    for (let p = start; p < start + count; p++) if (measure(units[p]).all >= RARE_CONTEXT) return false;
    return true;
  };
  return (row) => {
    if (!total) return { all: 0, words: 0 };
    const { all, words, got } = measure(row);
    foreign ??= rare.filter(isForeign);
    const absent = foreign.find((i) => !got[i]);
    return { all, words, ...(absent !== undefined && { absent: terms[absent].parts[0] }) };
  };
}

/**
 * The k best units by score, best first; equal scores put the lower row first. A min-heap of size
 * k keeps this O(n log k): touched lists run to tens of thousands of units while k is small. The
 * heap holds rows and their scores side by side in typed arrays: most units fall below the worst
 * kept one, and finding so reads two numbers, with no call and no score looked up by row.
 */
export function topK(candidates: ArrayLike<number>, scores: Float32Array, k: number): Hit[] {
  const cap = Math.max(0, Math.min(k, candidates.length));
  const rows = new Uint32Array(cap);
  const vals = new Float64Array(cap);
  /** Whether (s, r) ranks below (t, q). */
  const below = (s: number, r: number, t: number, q: number) => s < t || (s === t && r > q);
  let size = 0;
  for (let c = 0; c < candidates.length; c++) {
    const row = candidates[c];
    const s = scores[row];
    let i: number;
    if (size < cap) {
      // Sift up from the new leaf.
      i = size++;
      while (i > 0) {
        const parent = (i - 1) >> 1;
        if (!below(s, row, vals[parent], rows[parent])) break;
        rows[i] = rows[parent];
        vals[i] = vals[parent];
        i = parent;
      }
    } else if (cap > 0 && below(vals[0], rows[0], s, row)) {
      // Replace the worst kept unit and sift down.
      i = 0;
      for (;;) {
        const l = 2 * i + 1;
        if (l >= size) break;
        const r = l + 1;
        const m = r < size && below(vals[r], rows[r], vals[l], rows[l]) ? r : l;
        if (!below(vals[m], rows[m], s, row)) break;
        rows[i] = rows[m];
        vals[i] = vals[m];
        i = m;
      }
    } else continue;
    rows[i] = row;
    vals[i] = s;
  }
  return Array.from(rows)
    .sort((a, b) => (below(scores[a], a, scores[b], b) ? 1 : below(scores[b], b, scores[a], a) ? -1 : 0))
    .map((row) => ({ row, score: scores[row] }));
}

const FILES = ["keysHi", "keysLo", "starts", "counts", "units", "tfs", "titleLengths", "bodyLengths"] as const;

export function saveLexical(index: LexicalIndex, dir: string, name: string): void {
  const { table, units, tfs, titleLengths, bodyLengths } = index.arrays;
  const arrays = { ...table.arrays, units, tfs, titleLengths, bodyLengths };
  for (const key of FILES) writeTyped(path.join(dir, `${name}.${key}.bin`), arrays[key]);
}

export function loadLexical(dir: string, name: string): LexicalIndex {
  const file = (key: string) => path.join(dir, `${name}.${key}.bin`);
  return new LexicalIndex({
    table: new TermTable({
      keysHi: readU32(file("keysHi")),
      keysLo: readU32(file("keysLo")),
      starts: readU32(file("starts")),
      counts: readU32(file("counts")),
    }),
    units: readU32(file("units")),
    tfs: readU8(file("tfs")),
    titleLengths: readF32(file("titleLengths")),
    bodyLengths: readF32(file("bodyLengths")),
  });
}
