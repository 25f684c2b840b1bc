/**
 * Tokenisation for Vietnamese search: syllables plus adjacent syllable pairs, in an accented and
 * a folded form. Document numbers ("73/2023/NĐ-CP", "34-CT/TU") are protected first so they stay
 * one token instead of falling apart into "73", "2023", "nđ", "cp".
 */
import { foldDiacritics, searchForm } from "./normalize.js";

/** Official document numbers: 73/2023/NĐ-CP, 01/VBHN-VPQH, 34-CT/TU, 124-QĐ/TW, 27/CT-TTg. */
export const DOC_NUMBER = /\d+[a-z]?(?:\/\d{4})?(?:\/|-)[\p{Lu}Đ]{1,6}(?:[-/][\p{L}Đ]{1,8}){0,3}/gu;

/** Lower-cased text is searched, so document numbers are matched case-insensitively. */
const DOC_NUMBER_ANY_CASE = new RegExp(DOC_NUMBER.source, "giu");

export interface Tokens {
  /** Accented syllables and pairs ("cán", "cán bộ"): exact matches when the user typed accents. */
  accented: string[];
  /** Folded syllables and pairs ("can", "can bo"): what users typing without accents hit. */
  folded: string[];
}

/** A letter, mark or digit: what a syllable is made of. */
const SYLLABLE_CHAR = /^[\p{L}\p{M}\p{N}]$/u;
/** SYLLABLE_CHAR of each UTF-16 code unit as first met: 0 not yet, 1 no, 2 yes. */
const SYLLABLE_UNIT = new Uint8Array(0x10000);

function isSyllableUnit(c: number): boolean {
  let known = SYLLABLE_UNIT[c];
  if (known === 0) SYLLABLE_UNIT[c] = known = SYLLABLE_CHAR.test(String.fromCharCode(c)) ? 2 : 1;
  return known === 2;
}

/**
 * Appends the syllables of a text, its longest runs of letters, marks and digits — what
 * `text.match(/[\p{L}\p{M}\p{N}]+/gu)` finds, read character by character through a table:
 * Unicode classes in a regular expression made this the slowest step of reading a sentence.
 */
function pushSyllables(text: string, out: string[]): void {
  let start = -1;
  for (let i = 0; i < text.length; ) {
    const c = text.charCodeAt(i);
    const d = i + 1 < text.length ? text.charCodeAt(i + 1) : 0;
    // A character outside the basic plane (two code units) is tested whole.
    const pair = c >= 0xd800 && c <= 0xdbff && d >= 0xdc00 && d <= 0xdfff;
    const inSyllable = pair ? SYLLABLE_CHAR.test(text.slice(i, i + 2)) : isSyllableUnit(c);
    if (inSyllable && start < 0) start = i;
    if (!inSyllable && start >= 0) {
      out.push(text.slice(start, i));
      start = -1;
    }
    i += pair ? 2 : 1;
  }
  if (start >= 0) out.push(text.slice(start));
}

/**
 * Splits text into syllables with sentence-level breaks: a pair never spans punctuation, so
 * "Điều 5. Phạm vi" does not make the pair "5 phạm". Returns runs of syllables.
 */
export function syllableRuns(text: string): string[][] {
  const runs: string[][] = [];
  const lower = searchForm(text);
  for (const chunk of lower.split(/[.,;:!?()\[\]{}"“”'‘’…\n]+/u)) {
    const run: string[] = [];
    // Keep document numbers whole; then plain syllables around them. A document number starts
    // with a digit: most chunks have none, and need no look for one.
    let last = 0;
    if (/[0-9]/.test(chunk)) {
      for (const m of chunk.matchAll(DOC_NUMBER_ANY_CASE)) {
        pushSyllables(chunk.slice(last, m.index), run);
        run.push(m[0]);
        last = m.index! + m[0].length;
      }
    }
    pushSyllables(last ? chunk.slice(last) : chunk, run);
    if (run.length) runs.push(run);
  }
  return runs;
}

/** Syllables and adjacent pairs in one form (pairs joined by a space). */
function withPairs(runs: string[][]): string[] {
  const out: string[] = [];
  for (const run of runs) {
    for (let i = 0; i < run.length; i++) {
      out.push(run[i]);
      if (i + 1 < run.length) out.push(run[i] + " " + run[i + 1]);
    }
  }
  return out;
}

/** Folded syllables and pairs only: the cheap form for scoring sentences against a query. */
export function foldedTerms(text: string): string[] {
  return withPairs(syllableRuns(text).map((run) => run.map(foldDiacritics)));
}

/** The last few texts tokenized: one question is tokenized by several stages of the same search. */
const recent = new Map<string, Tokens>();
const RECENT_MAX = 8;
const RECENT_TEXT_MAX = 2000;

/** Syllables and pairs of a text. The arrays are shared with later calls: read them, never change them. */
export function tokenize(text: string): Tokens {
  const cached = recent.get(text);
  if (cached) return cached;
  const runs = syllableRuns(text);
  const tokens = {
    accented: withPairs(runs),
    folded: withPairs(runs.map((run) => run.map(foldDiacritics))),
  };
  // Only question-sized texts are kept: indexing a corpus must not pin whole articles here.
  if (text.length <= RECENT_TEXT_MAX) {
    if (recent.size >= RECENT_MAX) recent.delete(recent.keys().next().value!);
    recent.set(text, tokens);
  }
  return tokens;
}
