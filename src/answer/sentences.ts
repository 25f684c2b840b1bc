/**
 * Picks the words to quote: the sentence (or short unit) inside a block that best matches the
 * question, weighted by how rare the matched words are. Quotes are verbatim slices of unit text.
 */
import type { ParsedDocument } from "../model/document.js";
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

/** A sentence of a unit with its folded syllables, as scored against questions. */
interface FoldedSentence {
  text: string;
  runs: string[][];
}

/**
 * Sentences of recently read units, folded, by the unit's text: the same articles answer many
 * questions, and a unit's text is one string for the index's lifetime, so looking it up hashes it
 * once, where each sentence sliced anew would be hashed on every look. The 520 questions of ALQAC
 * 2022 read about 3,300 units; 4,096 units folded hold under 10 MB.
 */
const sentencesCache = new Map<string, FoldedSentence[]>();
const SENTENCES_CACHE_UNITS = 4096;

function foldedSentences(text: string): FoldedSentence[] {
  let sentences = sentencesCache.get(text);
  if (!sentences) {
    sentences = splitSentences(text).map((sentence) => ({ text: sentence, runs: syllableRuns(sentence).map((run) => run.map(foldDiacritics)) }));
    if (sentencesCache.size >= SENTENCES_CACHE_UNITS) sentencesCache.delete(sentencesCache.keys().next().value!);
    sentencesCache.set(text, sentences);
  }
  return sentences;
}

/**
 * A question's terms by their first syllable: the term itself when it is one, and the pairs it
 * opens by their second. A sentence's syllable is looked up once, and no pair string is built.
 */
interface TermLookup {
  bySyllable: Map<string, { term?: number; pairs?: Map<string, number> }>;
  weights: number[];
  /** Per term, the number of the last sentence that counted it: each term counts once a sentence. */
  seenIn: Uint32Array;
  sentences: number;
}

const lookups = new WeakMap<TermWeights, TermLookup>();

function termLookup(weights: TermWeights): TermLookup {
  let lookup = lookups.get(weights);
  if (lookup) return lookup;
  lookup = { bySyllable: new Map(), weights: [...weights.values()], seenIn: new Uint32Array(weights.size), sentences: 0 };
  let i = 0;
  for (const term of weights.keys()) {
    const [first, second] = term.split(" ");
    let entry = lookup.bySyllable.get(first);
    if (!entry) lookup.bySyllable.set(first, (entry = {}));
    if (second === undefined) entry.term = i;
    else (entry.pairs ??= new Map()).set(second, i);
    i++;
  }
  lookups.set(weights, lookup);
  return lookup;
}

/** Sum of the weights of the distinct terms (folded syllables and pairs) of a sentence, in reading order. */
function matchScore(runs: string[][], weights: TermWeights): number {
  const lookup = termLookup(weights);
  const sentence = ++lookup.sentences;
  let score = 0;
  const add = (term: number | undefined) => {
    if (term === undefined || lookup.seenIn[term] === sentence) return;
    lookup.seenIn[term] = sentence;
    score += lookup.weights[term];
  };
  for (const run of runs) {
    for (let i = 0; i < run.length; i++) {
      const entry = lookup.bySyllable.get(run[i]);
      if (!entry) continue;
      add(entry.term);
      if (entry.pairs && i + 1 < run.length) add(entry.pairs.get(run[i + 1]));
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

/**
 * Best quote in a block (or in one of its passages). Deeper units win ties, so a matching điểm is cited rather than its
 * khoản; a unit's heading counts toward its match but is not quoted.
 */
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
    let depth = 0;
    for (let u: number | undefined = unit; u !== undefined; u = doc.units[u].parent) depth++;
    const whole = text.trim();
    for (const sentence of foldedSentences(text)) {
      const focused = focus !== undefined && speaksOf(sentence.runs, focus);
      const score = matchScore(sentence.runs, weights) + depth * 1e-3;
      if (!best || (focused && !best.focused) || (focused === best.focused && score > best.score)) best = { ...quotePick(unit, sentence.text, whole, score), focused };
    }
  }
  return best;
}

/** The sentence holds the folded two-syllable word (adjacent syllables). */
function speaksOf(runs: string[][], focus: string): boolean {
  for (const run of runs) for (let i = 0; i + 1 < run.length; i++) if (`${run[i]} ${run[i + 1]}` === focus) return true;
  return false;
}
