/**
 * The check every question must pass, whoever wrote it (the offline generator or an LLM): the
 * cited unit exists, the correct option is stated in its text, no distractor is (nor equals or
 * paraphrases the answer), the answer is not visible in the stem, and the limits are kept. A
 * scenario is checked as multiple choice; its key is the consequence its cited rule states.
 */
import type { Engine } from "../engine/engine.js";
import { unitFullText } from "../model/document.js";
import { comparable, mask, occursIn, sameAnswer, stated } from "./compare.js";
import { TELEGRAM_LIMITS, TRUE_FALSE, type QuizLimits, type QuizQuestion } from "./types.js";

export interface Verdict {
  ok: boolean;
  /** What is wrong, for logs and tests (English). */
  problems: string[];
}

/** The cited unit's full text, found by its stable id (unit indexes change when a document is re-ingested). */
export function citedText(engine: Engine, q: Pick<QuizQuestion, "citation">): string | undefined {
  const doc = engine.docs().find((d) => d.meta.id === q.citation.doc.id);
  if (!doc) return undefined;
  const unit = doc.units.findIndex((u) => u.id === q.citation.unitId);
  return unit < 0 ? undefined : unitFullText(doc, unit);
}

function limitProblems(q: QuizQuestion, limits: QuizLimits): string[] {
  const out: string[] = [];
  if (!q.stem.trim() || q.stem.length > limits.stem) out.push(`stem length ${q.stem.length} outside 1–${limits.stem}`);
  for (const o of q.options) if (!o.trim() || o.length > limits.option) out.push(`option "${o}" length outside 1–${limits.option}`);
  if (q.explanation.length > limits.explanation) out.push(`explanation length ${q.explanation.length} > ${limits.explanation}`);
  if ((q.explanation.match(/\n/g) ?? []).length > limits.explanationLineBreaks) out.push("explanation has too many line breaks");
  return out;
}

function mcqProblems(q: QuizQuestion, unit: string): string[] {
  const out: string[] = [];
  if (q.options.length !== 4) return [`${q.options.length} options, want 4`];
  if (!Number.isInteger(q.correct) || q.correct < 0 || q.correct > 3) return [`correct index ${q.correct} out of range`];
  const right = q.options[q.correct];
  if (right !== q.answer) out.push("answer differs from the correct option");
  if (!occursIn(unit, comparable(right))) out.push(`correct option "${right}" not found in the cited unit`);
  if (stated(comparable(q.stem), right)) out.push("answer visible in the stem");
  const rest = mask(unit, comparable(right));
  q.options.forEach((o, i) => {
    if (i === q.correct) return;
    if (sameAnswer(o, right)) out.push(`distractor "${o}" equals or paraphrases the answer`);
    if (stated(rest, o)) out.push(`distractor "${o}" is stated in the cited unit`);
    if (q.options.some((p, j) => j < i && j !== q.correct && sameAnswer(p, o))) out.push(`distractor "${o}" repeats another`);
  });
  return out;
}

/** A scenario is multiple choice on a stated consequence, told as a case that names its source. */
function scenarioProblems(q: QuizQuestion, unit: string): string[] {
  const out = mcqProblems(q, unit);
  if (!/^Tình huống: .+\. Theo .+, /su.test(q.stem)) out.push('a scenario opens with "Tình huống:" and names its source with "Theo …,"');
  return out;
}

/** "Which is NOT": the three list items are stated in the list's unit, the key is not, nor like any of them. */
function notProblems(q: QuizQuestion, unit: string): string[] {
  if (q.options.length !== 4) return [`${q.options.length} options, want 4`];
  if (!Number.isInteger(q.correct) || q.correct < 0 || q.correct > 3) return [`correct index ${q.correct} out of range`];
  const out: string[] = [];
  const key = q.options[q.correct];
  if (key !== q.answer) out.push("answer differs from the correct option");
  if (stated(unit, key)) out.push(`the option not in the list "${key}" is stated in the cited unit`);
  q.options.forEach((o, i) => {
    if (i === q.correct) return;
    if (!occursIn(unit, comparable(o))) out.push(`list item "${o}" not found in the cited unit`);
    if (sameAnswer(o, key)) out.push(`list item "${o}" equals or paraphrases the key`);
  });
  return out;
}

function trueFalseProblems(q: QuizQuestion, unit: string): string[] {
  const out: string[] = [];
  if (q.options.length !== 2 || q.options[0] !== TRUE_FALSE[0] || q.options[1] !== TRUE_FALSE[1]) return ["true/false options must be Đúng, Sai"];
  const stem = comparable(q.stem);
  if (!occursIn(unit, comparable(q.answer))) out.push(`fact "${q.answer}" not found in the cited unit`);
  if (q.correct === 0) {
    if (q.swapped) out.push("a true statement has a swapped fact");
    if (!stated(stem, q.answer)) out.push("true statement does not state the fact");
  } else if (q.correct === 1) {
    if (!q.swapped) return [...out, "false statement without its swapped fact"];
    if (!stated(stem, q.swapped)) out.push("false statement does not contain the swapped fact");
    if (stated(stem, q.answer)) out.push("false statement also states the true fact");
    if (sameAnswer(q.swapped, q.answer)) out.push("swapped fact equals or paraphrases the true one");
    if (stated(mask(unit, comparable(q.answer)), q.swapped)) out.push(`swapped fact "${q.swapped}" is stated in the cited unit`);
  } else out.push(`correct index ${q.correct} out of range`);
  return out;
}

export function verifyQuestion(engine: Engine, q: QuizQuestion, limits: QuizLimits = TELEGRAM_LIMITS): Verdict {
  const text = citedText(engine, q);
  if (text === undefined) return { ok: false, problems: [`cited unit ${q.citation.doc.id}#${q.citation.unitId} not found`] };
  const unit = comparable(text);
  const kind = q.kind === "mcq" ? mcqProblems(q, unit) : q.kind === "scenario" ? scenarioProblems(q, unit) : q.kind === "not" ? notProblems(q, unit) : trueFalseProblems(q, unit);
  const problems = [...limitProblems(q, limits), ...kind];
  if (!occursIn(unit, comparable(q.quote))) problems.push("quote not found in the cited unit");
  return { ok: !problems.length, problems };
}
