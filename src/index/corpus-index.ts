/**
 * The searchable corpus: parsed documents, their blocks and passages, a lexical index over each,
 * and optionally a vector index over blocks. Built once per ingest, then read-only.
 */
import { unitFullText, unitFullTextHead, type ParsedDocument } from "../model/document.js";
import { blockUnits, headingTrail, passageText, type BlockRow, type PassageRow } from "./blocks.js";
import { coverage, DEFAULT_SCORING, LexicalIndex, LexicalIndexBuilder, queryWeights, type QueryExpansion, type ScoringParams, type TermWeights } from "./lexical.js";
import type { VectorIndex } from "./vector.js";
import { DocRows } from "./doc-mask.js";
import type { Explanation } from "./scorer.js";

export interface BlockHit {
  block: number;
  /** The block resolved: its document (position in `docs`) and unit. */
  doc: number;
  unit: number;
  /** Units of `passages`, in the same order. */
  passageUnits: number[];
  /** Fused score used for ranking. */
  score: number;
  lexical: number;
  /** The block's best-matching passages (at most two, best first), where the quote will be. */
  passages: number[];
  /** Share of the question's content words found in the block (0..1). */
  coverage: number;
  /** Share of the question's two-syllable words alone, in the same reading (0..1). */
  wordCoverage: number;
  /** A specific term of the question the block lacks, in the same reading (see `Coverage.absent`). */
  absent?: string;
  /** The unit that opens with the shape the question asks for (see `Definition`), when one does. */
  opening?: number;
}

/**
 * A question's term and the retrieval rule that recognises a text answering it by its shape: a
 * definition ("X là …") for "X là gì", a duty's assignment ("X có trách nhiệm: …") for "X có
 * trách nhiệm gì".
 */
export interface Definition {
  term: string;
  defines(text: string): boolean;
  /**
   * Whether a block holding such a passage outranks the others (a definition does), or the
   * passage is only preferred inside its block (a holder's duties: a law also names the holder
   * in "X có quyền …" clauses that do not answer).
   */
  outranks: boolean;
}

export interface SearchParams {
  scoring: ScoringParams;
  /** Weight of the best passage's score added to its block's score. */
  passageWeight: number;
  /** Weight of cosine similarity added to lexical scores scaled to the best hit (0 = lexical only). */
  vectorWeight: number;
  /** Weight of an expansion's terms (documents' words for the user's) beside the user's own (1). */
  expansionWeight: number;
  /**
   * Weight of an expansion standing for words the documents never use ("nghỉ đẻ", "đánh bài"):
   * the user's own words find nothing there, so the expansion carries their meaning.
   */
  expansionWeightUnseen: number;
  /** Credit in coverage for a question word present only through an expansion, times the expansion's weight. */
  expansionCoverage: number;
}

/** How much of a passage a `Definition` reads to recognise how it opens. */
const OPENING_CHARS = 400;

/** Passages kept per block: where its quote is looked for. */
const MATCHED_PASSAGES = 2;

export const DEFAULT_SEARCH: SearchParams = {
  scoring: { ...DEFAULT_SCORING, fieldWeight: { title: 0.15, body: 1 } },
  passageWeight: 0.5,
  vectorWeight: 0,
  expansionWeight: 0.5,
  expansionWeightUnseen: 1,
  expansionCoverage: 0.7,
};

/** Turns a question into expansions (the thesaurus); weights in (0, 1]. */
export type Expander = (question: string) => QueryExpansion[];

export interface CorpusIndexParts {
  docs: ParsedDocument[];
  blocks: BlockRow[];
  passages: PassageRow[];
  blockIndex: LexicalIndex;
  passageIndex: LexicalIndex;
  vectors?: VectorIndex;
  embedQuery?: (text: string) => Promise<number[]>;
  /** Finds the documents' words for the question's (thesaurus): searched at a lower weight. */
  expand?: Expander;
}

/** Words that name the document and where the unit sits in it: the title field. */
export function titleText(doc: ParsedDocument, unit: number): string {
  const m = doc.meta;
  return [m.kind, m.number, m.title, headingTrail(doc, unit)].filter(Boolean).join(". ");
}

/** The text embedded and indexed for a block: its heading then its full text. */
export function indexedBlockText(doc: ParsedDocument, unit: number): string {
  const u = doc.units[unit];
  return [u.heading, unitFullText(doc, unit)].filter(Boolean).join("\n");
}

/** Blocks and passages in a fixed order: the lexical and vector indexes are numbered by it. */
export function listBlocks(docs: ParsedDocument[]): { blocks: BlockRow[]; passages: PassageRow[] } {
  const blocks: BlockRow[] = [];
  const passages: PassageRow[] = [];
  docs.forEach((doc, d) => {
    for (const unit of blockUnits(doc)) {
      const b = blocks.push({ doc: d, unit }) - 1;
      const children = doc.units[unit].children;
      if (children.length < 2) continue;
      for (const child of children) passages.push({ block: b, doc: d, unit: child });
    }
  });
  return { blocks, passages };
}

/** The block index; built (and saved) apart from the passage index, so only one is in memory at a time. */
export function buildBlockIndex(docs: ParsedDocument[], blocks: BlockRow[]): LexicalIndex {
  const builder = new LexicalIndexBuilder();
  for (const { doc, unit } of blocks) builder.add({ title: titleText(docs[doc], unit), body: indexedBlockText(docs[doc], unit) });
  return builder.build();
}

export function buildPassageIndex(docs: ParsedDocument[], blocks: BlockRow[], passages: PassageRow[]): LexicalIndex {
  const builder = new LexicalIndexBuilder();
  for (const { block, doc, unit } of passages) builder.add({ title: "", body: passageText(docs[doc], blocks[block].unit, unit) });
  return builder.build();
}

export class CorpusIndex {
  /** Number of passages per block: a block without passages is its own best passage. */
  private readonly passageCount: Uint32Array;
  private readonly blockRows: DocRows;
  private readonly passageRows: DocRows;

  constructor(readonly parts: CorpusIndexParts) {
    this.passageCount = new Uint32Array(parts.blocks.length);
    for (const p of parts.passages) this.passageCount[p.block]++;
    this.blockRows = new DocRows(parts.blocks, parts.docs.length);
    this.passageRows = new DocRows(parts.passages, parts.docs.length);
  }

  /** Do the documents use this phrase (folded syllables), as a word or as adjacent pairs? */
  private seen(phrase: readonly string[] | undefined): boolean {
    if (!phrase?.length) return true;
    const { table } = this.parts.blockIndex.arrays;
    if (phrase.length === 1) return table.get(phrase[0]) !== undefined;
    for (let i = 0; i + 1 < phrase.length; i++) if (table.get(`${phrase[i]} ${phrase[i + 1]}`) === undefined) return false;
    return true;
  }

  get docs(): ParsedDocument[] {
    return this.parts.docs;
  }

  /**
   * Blocks whose text, or one of whose passages, opens by defining the asked term ("X là …"). Of
   * several such passages in a block the first in document order is the one: the holder's main
   * list of duties comes before a later paragraph that adds one ("X có nhiệm vụ hướng dẫn …").
   */
  private definers({ term, defines }: Definition, params: SearchParams, blockMask?: Uint8Array, passageMask?: Uint8Array): Map<number, number | undefined> {
    const { docs, blocks, passages, blockIndex, passageIndex } = this.parts;
    const found = new Map<number, number | undefined>();
    for (const h of passageIndex.search(term, { limit: 200, mask: passageMask, params: params.scoring })) {
      const p = passages[h.row];
      const seen = found.get(p.block);
      // passage rows of a block follow document order
      if ((seen === undefined || h.row < seen) && defines(unitFullTextHead(docs[p.doc], p.unit, OPENING_CHARS))) found.set(p.block, h.row);
    }
    for (const h of blockIndex.search(term, { limit: 100, mask: blockMask, params: params.scoring })) {
      const b = blocks[h.row];
      if (!found.has(h.row) && defines(docs[b.doc].units[b.unit].text)) found.set(h.row, undefined);
    }
    return found;
  }

  /**
   * Ranks blocks for a question. `docs` restricts the search to those documents (by position in
   * `docs`); `coverageOf` are the readings of the question whose words the coverage gate weighs
   * (the whole query by default): a block's coverage is its best over them. `expansions` (e.g.
   * the question rewritten by an LLM into the documents' terms) are searched beside the
   * thesaurus's, at the same lower weight. `names` (folded syllables of the question's names) are
   * never a specific term a block lacks.
   *
   * @example
   * const hits = await index.search("thời hạn thử việc", { limit: 5 });
   * hits[0]; // { doc: 2, unit: 118, passageUnits: [120], score: 31.4, coverage: 0.83, … }
   */
  async search(
    query: string,
    opts: { limit?: number; docs?: Set<number>; params?: SearchParams; definition?: Definition; coverageOf?: string[]; expansions?: QueryExpansion[]; names?: ReadonlySet<string> } = {},
  ): Promise<BlockHit[]> {
    const { blocks, passages, blockIndex, passageIndex, vectors, embedQuery } = this.parts;
    const params = opts.params ?? DEFAULT_SEARCH;
    const { found, expansions } = this.expansionsOf(query, params, opts.expansions);
    const scaled = (k: number) => found.map((e) => ({ ...e, weight: e.weight * k }));
    const limit = opts.limit ?? 10;
    const pool = Math.max(50, limit * 5);
    const blockMask = opts.docs && this.blockRows.mask(opts.docs);
    const passageMask = opts.docs && this.passageRows.mask(opts.docs);

    const lexical = new Map<number, number>();
    for (const h of blockIndex.search(query, { limit: pool, mask: blockMask, params: params.scoring, expansions })) lexical.set(h.row, h.score);
    const bestPassage = new Map<number, { passages: number[]; score: number }>();
    if (params.passageWeight) {
      for (const h of passageIndex.search(query, { limit: pool * 2, mask: passageMask, params: params.scoring, expansions })) {
        const b = passages[h.row].block;
        const best = bestPassage.get(b);
        if (!best) bestPassage.set(b, { passages: [h.row], score: h.score });
        else if (best.passages.length < MATCHED_PASSAGES) best.passages.push(h.row);
      }
    }
    const definers = opts.definition ? this.definers(opts.definition, params, blockMask, passageMask) : new Map<number, number | undefined>();
    const candidates = new Set([...lexical.keys(), ...bestPassage.keys(), ...definers.keys()]);
    const ranked = [...candidates].map((block) => {
      const own = lexical.get(block) ?? 0;
      const p = bestPassage.get(block);
      const passageScore = p ? p.score : this.passageCount[block] ? 0 : own;
      return { block, lexical: own + params.passageWeight * passageScore };
    });
    ranked.sort((a, b) => b.lexical - a.lexical);
    if (definers.size && ranked.length && opts.definition?.outranks) {
      // The passage that defines the asked term outranks passages that merely use it.
      const top = ranked[0].lexical;
      for (const r of ranked) if (definers.has(r.block)) r.lexical += top;
      ranked.sort((a, b) => b.lexical - a.lexical);
    }

    // Only the hits returned need their passages: a block's defining passage first, then its best.
    const matched = (block: number): number[] => {
      const found = bestPassage.get(block)?.passages ?? [];
      const definer = definers.get(block);
      return (definer === undefined ? found : [definer, ...found.filter((x) => x !== definer)]).slice(0, MATCHED_PASSAGES);
    };
    let fused: Array<{ block: number; lexical: number; score: number }> = ranked.slice(0, limit).map((r) => ({ ...r, score: r.lexical }));
    if (params.vectorWeight && vectors && embedQuery && ranked.length) {
      // Lexical scores scaled to the best hit, plus the weighted cosine similarity of each block.
      const qv = await embedQuery(query);
      const vhits = vectors.search(qv, pool, blockMask ? (u) => blockMask[u] === 1 : undefined);
      const sim = new Map(vhits.map((h) => [h.row, h.similarity]));
      const top = ranked[0].lexical || 1;
      const byBlock = new Map(ranked.map((r) => [r.block, r]));
      for (const h of vhits) if (!byBlock.has(h.row)) byBlock.set(h.row, { block: h.row, lexical: 0 });
      fused = [...byBlock.values()].map((r) => ({ ...r, score: r.lexical / top + params.vectorWeight * (sim.get(r.block) ?? 0) }));
      fused.sort((a, b) => b.score - a.score);
    }
    const credited = params.expansionCoverage ? scaled(params.expansionCoverage) : [];
    const readings = (opts.coverageOf ?? [query]).map((text) => coverage(blockIndex, text, credited, opts.names));
    return fused.slice(0, limit).map((r) => {
      // The reading that covers the block best, with its share of words.
      const best = readings.map((of) => of(r.block)).reduce((a, b) => (b.all > a.all ? b : a));
      const found = matched(r.block);
      return {
        ...r,
        passages: found,
        doc: blocks[r.block].doc,
        unit: blocks[r.block].unit,
        passageUnits: found.map((p) => passages[p].unit),
        coverage: best.all,
        wordCoverage: best.words,
        ...(best.absent && { absent: best.absent }),
        opening: this.opening(r.block, definers),
      };
    });
  }

  /** The unit a defining block opens with: its defining passage's, else the block's own. */
  private opening(block: number, definers: Map<number, number | undefined>): number | undefined {
    if (!definers.has(block)) return undefined;
    const row = definers.get(block);
    return row === undefined ? this.parts.blocks[block].unit : this.parts.passages[row].unit;
  }

  /** The weight of each folded term of a question in this corpus (idf), for choosing what to quote. */
  termWeights(question: string): TermWeights {
    return queryWeights(this.parts.blockIndex, question);
  }

  /**
   * Why a hit ranked where it did: its block's own score, its best passage's (times the passage
   * weight), the definition bonus and the vector part, each with per-term BM25 details.
   */
  explain(query: string, hit: BlockHit, params: SearchParams = DEFAULT_SEARCH): Explanation {
    const { blockIndex, passageIndex, passages } = this.parts;
    const { expansions } = this.expansionsOf(query, params);
    const details: Explanation[] = [{ ...blockIndex.explain(query, hit.block, { params: params.scoring, expansions }), description: "block (article or section, with its title field)" }];
    const best = hit.passages[0];
    if (best !== undefined && params.passageWeight) {
      const e = passageIndex.explain(query, best, { params: params.scoring, expansions });
      details.push({ value: params.passageWeight * e.value, description: `best passage (unit ${passages[best].unit}) × ${params.passageWeight}`, details: [e] });
    }
    const rest = hit.lexical - details.reduce((s, d) => s + d.value, 0);
    if (rest > 1e-3) details.push({ value: rest, description: "definition bonus: the passage opens by defining the asked term" });
    if (hit.score !== hit.lexical) details.push({ value: hit.score, description: `fused with vectors (weight ${params.vectorWeight}): lexical scaled to the best hit + weight × cosine` });
    return { value: hit.score, description: "score", details };
  }

  /** The thesaurus's phrases for a query and the extra ones given, weighted as search weighs them. */
  private expansionsOf(query: string, params: SearchParams, extra: QueryExpansion[] = []): { found: QueryExpansion[]; expansions: QueryExpansion[] } {
    const found = [...(this.parts.expand?.(query) ?? []), ...extra];
    const expansions = found.map((e) => ({ ...e, weight: e.weight * (this.seen(e.covers) ? params.expansionWeight : params.expansionWeightUnseen) }));
    return { found, expansions };
  }
}
