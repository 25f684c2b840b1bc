/**
 * One candidate fact → one question. Multiple choice blanks the fact; true/false states the
 * sentence as written or with the fact swapped for a same-type distractor. Anything that does not
 * fit the limits, shows its answer in the stem, or lacks certain distractors is no question.
 */
import { createHash } from "node:crypto";
import type { Engine } from "../engine/engine.js";
import { citationLabel, docLabel } from "../model/citation.js";
import { unitFullText } from "../model/document.js";
import { comparable, mask, stated, syllableSet } from "./compare.js";
import type { Corpus } from "./corpus.js";
import { pickDistractors } from "./distractors.js";
import type { Fact } from "./facts.js";
import type { Rng } from "./random.js";
import { clauseStarts, clauseWindow, explanation } from "./stem.js";
import { BLANK, TRUE_FALSE, type QuizKind, type QuizLimits, type QuizQuestion } from "./types.js";

export interface Candidate {
  d: number;
  block: number;
  /** The unit cited: the sentence's unit, or the whole list for a list item. */
  unit: number;
  fact: Fact;
  /** The sentence holding the fact; for a list item, the item itself. */
  sentence: string;
  /** The lead of the list the sentence is an item of: kept in the stem for the item to make sense. */
  lead?: string;
  /** A question on a whole list: which of these is one of its items. */
  list?: { lead: string; noun: string; siblings: string[] };
}

export interface BuildContext {
  engine: Engine;
  corpus: Corpus;
  limits: QuizLimits;
  r: Rng;
}

export function questionId(docId: string, unitId: string, kind: QuizKind, stem: string): string {
  return createHash("sha1").update(`${docId}|${unitId}|${kind}|${stem}`).digest("hex").slice(0, 12);
}

/** Longest "Theo <văn bản>: " worth its room in a stem. */
const MAX_SOURCE = 60;

/** "Theo <văn bản>: " before the body when both fit, else the body alone; and the body by itself. */
function withSource(lead: string, source: string, body: (room: number) => string | undefined, max: number): { stem: string; body: string } | undefined {
  const sourced = source.length <= MAX_SOURCE ? body(max - lead.length - source.length) : undefined;
  if (sourced) return { stem: lead + source + sourced, body: sourced };
  const bare = body(max - lead.length);
  return bare ? { stem: lead + bare, body: bare } : undefined;
}

/** The words a trainee reads around the blank. */
function visibleWords(body: string): Set<string> {
  return syllableSet(comparable(body.replace(BLANK, " ")));
}

/** The sentence with its fact replaced, after its list's lead when it is a list item. */
function sentenceBody(c: Candidate, fill: string, room: number): string | undefined {
  const { start, end } = c.fact;
  if (!c.lead) return clauseWindow(c.sentence, start, end, fill, room);
  const lead = `${c.lead} `;
  const keep = clauseStarts(lead.trimEnd()).at(-1)!;
  return clauseWindow(lead + c.sentence, lead.length + start, lead.length + end, fill, room, keep);
}

/** "<lead>: … Đâu là một điều kiện trong danh sách trên?" — the whole lead, or the list says nothing. */
function listStem(list: NonNullable<Candidate["list"]>, room: number): string | undefined {
  const stem = `${list.lead} … Đâu là một ${list.noun} trong danh sách trên?`;
  return stem.length <= room ? stem : undefined;
}

function distractors(c: Candidate, ctx: BuildContext, visible: Set<string>, count: number): string[] | undefined {
  const doc = ctx.engine.docs()[c.d];
  const f = c.fact;
  // A list's other items anywhere in its article are too close to call wrong; a fact only needs its own unit.
  const scope = unitFullText(doc, c.list ? c.block : c.unit);
  return pickDistractors(
    {
      pool: f.pool,
      correct: f.text,
      numeral: f.numeral,
      suffix: f.suffix,
      magnitude: f.magnitude,
      d: c.d,
      block: c.block,
      scopeText: mask(comparable(scope), comparable(f.text)),
      context: syllableSet(comparable(c.list?.lead ?? "")),
      visible,
      siblings: c.list?.siblings ?? [],
      maxLength: ctx.limits.option,
      count,
    },
    ctx.corpus.pools,
    ctx.r,
  );
}

function question(c: Candidate, ctx: BuildContext, kind: QuizKind, stem: string, options: string[], correct: number, answerLine: string, swapped?: string): QuizQuestion {
  const citation = ctx.engine.citation(c.d, c.unit, c.sentence, 1);
  return {
    id: questionId(citation.doc.id, citation.unitId, kind, stem),
    kind,
    stem,
    options,
    correct,
    explanation: explanation(answerLine, citationLabel(citation), c.sentence, c.fact.start, c.fact.end, ctx.limits.explanation),
    citation,
    quote: c.sentence,
    answer: c.fact.text,
    swapped,
    fact: c.fact.type,
  };
}

/** Multiple choice with the correct option first; positions are balanced when the quiz is assembled. */
export function buildMcq(c: Candidate, ctx: BuildContext): QuizQuestion | undefined {
  const f = c.fact;
  if (f.text.length > ctx.limits.option) return undefined;
  const source = `Theo ${docLabel(ctx.engine.docs()[c.d].meta)}: `;
  const made = c.list
    ? withSource("", source, (room) => listStem(c.list!, room), ctx.limits.stem)
    : withSource("", source, (room) => sentenceBody(c, BLANK, room), ctx.limits.stem);
  if (!made || stated(comparable(made.stem), f.text)) return undefined;
  const wrong = distractors(c, ctx, visibleWords(made.body), 3);
  return wrong && question(c, ctx, "mcq", made.stem, [f.text, ...wrong], 0, `Đáp án: ${f.text}`);
}

export function buildTrueFalse(c: Candidate, ctx: BuildContext, truth: boolean): QuizQuestion | undefined {
  const f = c.fact;
  if (c.list) return undefined; // "is X one of the conditions?" is a multiple-choice question
  const source = `Theo ${docLabel(ctx.engine.docs()[c.d].meta)}: `;
  const state = (fill: string) => withSource("Đúng hay sai? ", source, (room) => sentenceBody(c, fill, room), ctx.limits.stem);
  const blanked = state(BLANK);
  const swapped = truth || !blanked ? undefined : distractors(c, ctx, visibleWords(blanked.body), 1)?.[0];
  if (!truth && !swapped) return undefined;
  const made = state(swapped ?? f.text);
  // The true fact must not also be in a false statement (a sentence that states it twice).
  if (!made || (swapped && stated(comparable(made.stem), f.text))) return undefined;
  const line = truth ? `Đáp án: ${TRUE_FALSE[0]}` : `Đáp án: ${TRUE_FALSE[1]} — văn bản ghi: ${f.text}`;
  return question(c, ctx, "truefalse", made.stem, [...TRUE_FALSE], truth ? 0 : 1, line, swapped);
}
