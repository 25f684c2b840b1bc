/**
 * A built question made to fit a target (Telegram polls 300/100, Kahoot 120/75): the stem and each
 * option too long are rephrased shorter (src/quiz/shorten.ts). A shortened option must stay
 * distinct from every other option — two that only differed in what was dropped make the question
 * ambiguous, and it is skipped — and the result passes `verifyQuestion` like any question.
 */
import type { Engine } from "../engine/engine.js";
import { sameAnswer } from "./compare.js";
import { fitText } from "./shorten.js";
import type { QuizLimits, QuizQuestion } from "./types.js";
import { verifyQuestion } from "./verify.js";

export type FitResult = { ok: true; question: QuizQuestion } | { ok: false; reason: "too-long" | "ambiguous" | "unverified" };

export function fitQuestion(engine: Engine, q: QuizQuestion, limits: QuizLimits): FitResult {
  const stem = fitText(q.stem, limits.stem);
  const options = q.options.map((o) => fitText(o, limits.option));
  if (stem === undefined || options.some((o) => o === undefined)) return { ok: false, reason: "too-long" };
  const fitted = options as string[];
  const changed = stem !== q.stem || fitted.some((o, i) => o !== q.options[i]);
  if (changed && fitted.some((o, i) => fitted.some((p, j) => j < i && sameAnswer(o, p)))) return { ok: false, reason: "ambiguous" };
  const keyChanged = q.kind !== "truefalse" && fitted[q.correct] !== q.options[q.correct];
  const question: QuizQuestion = changed ? { ...q, stem, options: fitted, ...(keyChanged ? { answer: fitted[q.correct] } : {}), rephrased: true } : q;
  return verifyQuestion(engine, question, limits).ok ? { ok: true, question } : { ok: false, reason: "unverified" };
}
