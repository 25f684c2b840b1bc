/**
 * Picks the words to quote: the sentence (or short unit) inside a block that best matches the
 * question, weighted by how rare the matched words are. Quotes are verbatim slices of unit text.
 */
import { unitPath, type ParsedDocument } from "../model/document.js";
import type { TermWeights } from "../index/lexical.js";
import { foldDiacritics } from "../text/normalize.js";
import { syllableRuns } from "../text/tokenize.js";

/** A unit this short is quoted whole; a longer one by its best sentence. */
const WHOLE_UNIT_CHARS = 700;
/** Longest quote before it is cut at a word boundary. */
export const MAX_QUOTE_CHARS = 700;

export interface QuotePick {
  unit: number;
  /** The best-matching sentence: the direct answer. */
  sentence: string;
  /** What to quote: the whole unit when short, else the sentence. */
  quote: string;
  score: number;
}

/** Folded syllable runs of recently scored sentences: the same articles answer many questions. */
const runsCache = new Map<string, string[][]>();
const RUNS_CACHE_MAX = 4096;

function foldedRuns(text: string): string[][] {
  let runs = runsCache.get(text);
  if (!runs) {
    runs = syllableRuns(text).map((run) => run.map(foldDiacritics));
    if (runsCache.size >= RUNS_CACHE_MAX) runsCache.delete(runsCache.keys().next().value!);
    runsCache.set(text, runs);
  }
  return runs;
}

/** The syllables of a question's terms: a sentence's pair can be a term only if both are. */
const syllablesOf = new WeakMap<TermWeights, Set<string>>();

/** Sum of the weights of the distinct terms (folded syllables and pairs) of `text`. */
export function matchScore(text: string, weights: TermWeights): number {
  let syllables = syllablesOf.get(weights);
  if (!syllables) syllablesOf.set(weights, (syllables = new Set([...weights.keys()].flatMap((t) => t.split(" ")))));
  const seen = new Set<string>();
  let score = 0;
  const add = (term: string) => {
    const w = weights.get(term);
    if (w !== undefined && !seen.has(term)) {
      seen.add(term);
      score += w;
    }
  };
  for (const run of foldedRuns(text)) {
    for (let i = 0; i < run.length; i++) {
      if (!syllables.has(run[i])) continue;
      add(run[i]);
      if (i + 1 < run.length && syllables.has(run[i + 1])) add(run[i] + " " + run[i + 1]);
    }
  }
  return score;
}

/** Sentences of a text as verbatim slices: split after . ; ! ? or a line break. */
export function splitSentences(text: string): string[] {
  return text
    .split(/(?<=[.;!?])\s+|\n+/u)
    .map((s) => s.trim())
    .filter((s) => s.length > 1);
}

/** Cuts an over-long quote at a word boundary; the result is still a prefix of the original. */
export function clipQuote(text: string, max = MAX_QUOTE_CHARS): string {
  if (text.length <= max) return text;
  const cut = text.lastIndexOf(" ", max);
  return text.slice(0, cut > max / 2 ? cut : max);
}

/** All units of a block: the block and its descendants, in document order. */
export function blockDescendants(doc: ParsedDocument, block: number): number[] {
  const out = [block];
  for (const c of doc.units[block].children) out.push(...blockDescendants(doc, c));
  return out;
}

/**
 * Best quote in a block (or in one of its passages). Deeper units win ties, so a matching điểm is cited rather than its
 * khoản; a unit's heading counts toward its match but is not quoted.
 */
/** The opening sentence of a unit (its definition, its assignment of duties), as `pickQuote` quotes it. */
export function openingQuote(doc: ParsedDocument, unit: number): QuotePick | undefined {
  const whole = doc.units[unit].text.trim();
  const sentence = splitSentences(whole)[0];
  return sentence ? quotePick(unit, sentence, whole, 0) : undefined;
}

/** A sentence of a unit as quoted: the whole unit when short, else the sentence, each clipped. */
function quotePick(unit: number, sentence: string, whole: string, score: number): QuotePick {
  return { unit, sentence: clipQuote(sentence), quote: clipQuote(whole.length <= WHOLE_UNIT_CHARS ? whole : sentence), score };
}

export function pickQuote(doc: ParsedDocument, block: number, weights: TermWeights, within?: number[], focus?: string): QuotePick | undefined {
  // With the best-matching passages known, only they (and the block's own words) can hold the
  // quote: a long article is not read sentence by sentence for every hit.
  const units = within?.length ? [block, ...within.flatMap((p) => blockDescendants(doc, p))] : blockDescendants(doc, block);
  const best = bestSentence(doc, units, weights, focus);
  // What the question asks for ("những thành phần nào") is said elsewhere in the block: look there.
  if (focus && !best?.focused && within?.length) {
    const elsewhere = bestSentence(doc, blockDescendants(doc, block), weights, focus);
    if (elsewhere?.focused) return elsewhere;
  }
  return best;
}

/**
 * The best-matching sentence of the units; one that speaks of the question's focus outranks any
 * that does not, as it says what was asked.
 */
function bestSentence(doc: ParsedDocument, units: number[], weights: TermWeights, focus?: string): (QuotePick & { focused: boolean }) | undefined {
  let best: (QuotePick & { focused: boolean }) | undefined;
  for (const unit of units) {
    const { text } = doc.units[unit];
    if (!text.trim()) continue;
    const depth = unitPath(doc, unit).length;
    const whole = text.trim();
    for (const sentence of splitSentences(text)) {
      const focused = focus !== undefined && speaksOf(sentence, focus);
      const score = matchScore(sentence, weights) + depth * 1e-3;
      if (!best || (focused && !best.focused) || (focused === best.focused && score > best.score)) best = { ...quotePick(unit, sentence, whole, score), focused };
    }
  }
  return best;
}

/** The sentence holds the folded two-syllable word (adjacent syllables). */
function speaksOf(sentence: string, focus: string): boolean {
  for (const run of foldedRuns(sentence)) for (let i = 0; i + 1 < run.length; i++) if (`${run[i]} ${run[i + 1]}` === focus) return true;
  return false;
}
