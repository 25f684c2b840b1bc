/**
 * What a writer (an LLM) may change in a question the engine built, and the checks that decide it:
 * a scenario's situation told in other words, and a stem over the limit in fewer words. The key,
 * the options and the citation stay the engine's; the result passes `fitQuestion` (limits, options
 * distinct) and so `verifyQuestion`, like any question.
 */
import type { Engine } from "../engine/engine.js";
import { comparable, stated, syllableSet } from "./compare.js";
import { fitQuestion } from "./fit.js";
import { BLANK, type QuizLimits, type QuizQuestion } from "./types.js";

/** The short kinds a shortened stem may name its document by (src/quiz/shorten.ts). */
const SHORT_KINDS = new Set(["nd", "nq", "qd", "ct", "tt", "hd", "kl", "qc", "vbhn"]);
/** A shorter stem keeps at least this share of the words it had. */
const KEPT = 0.5;
const MAX_SITUATION = 200;

/** Two words on each side of the blank, comparable. */
function aroundBlank(stem: string): string[] {
  const [before, after = ""] = stem.split(BLANK);
  return [...comparable(before).split(" ").filter(Boolean).slice(-2), ...comparable(after).split(" ").filter(Boolean).slice(0, 2)];
}

/** A scenario's stem with the writer's situation, or undefined when the situation loses or adds what it must not. */
export function acceptSituation(engine: Engine, q: QuizQuestion, rule: { condition: string; actor: string }, proposed: string, limits: QuizLimits): QuizQuestion | undefined {
  const situation = proposed.replace(/^tình huống\s*:\s*/iu, "").replace(/[.\s]+$/u, "").trim();
  const at = q.stem.indexOf(". Theo ");
  if (!situation || at < 0 || situation.length > MAX_SITUATION || /[\n……]/u.test(situation) || !situation.includes(rule.actor)) return undefined;
  const told = comparable(situation);
  const words = syllableSet(told);
  const condition = syllableSet(comparable(rule.condition));
  // Every word of the condition kept; no number it does not have; no source named; nothing of what follows.
  if ([...condition].some((w) => !words.has(w))) return undefined;
  if ((told.match(/\d+/g) ?? []).some((n) => !condition.has(n))) return undefined;
  if (/(?<![\p{L}])(?:theo|điều \d|khoản \d)/iu.test(situation) || q.options.some((o) => stated(told, o))) return undefined;
  const stem = `Tình huống: ${situation.charAt(0).toUpperCase()}${situation.slice(1)}.${q.stem.slice(at + 1)}`;
  const r = fitQuestion(engine, { ...q, stem }, limits);
  return r.ok ? r.question : undefined;
}

/**
 * A stem over the limit in the writer's fewer words: no word the stem did not have (abbreviations
 * spelt out), at least half of them kept, the opening, the document's number, the blank and the words
 * around it kept; a scenario's situation kept as it is.
 */
export function acceptShorter(engine: Engine, q: QuizQuestion, proposed: string, limits: QuizLimits): QuizQuestion | undefined {
  const stem = proposed.trim();
  if (!stem || /\n/u.test(stem) || stem.length > limits.stem || stem.length >= q.stem.length) return undefined;
  const was = syllableSet(comparable(q.stem));
  const now = syllableSet(comparable(stem));
  if ([...now].some((w) => !was.has(w) && !SHORT_KINDS.has(w)) || now.size < KEPT * was.size) return undefined;
  const opening = q.stem.match(/^(?:Đúng hay sai\? |Tình huống: )?/u)![0];
  if (!stem.startsWith(opening) || !/(?:^|\s)Theo\s/u.test(stem) || q.stem.includes(BLANK) !== stem.includes(BLANK)) return undefined;
  if (q.citation.doc.number && !stem.includes(q.citation.doc.number)) return undefined;
  // The words the trainee reads around the blank, and a scenario's situation (the rule's condition), stay.
  if (q.stem.includes(BLANK) && !aroundBlank(q.stem).every((w) => now.has(w))) return undefined;
  if (q.kind === "scenario" && !stem.startsWith(q.stem.slice(0, q.stem.indexOf(". Theo ") + 1))) return undefined;
  const r = fitQuestion(engine, { ...q, stem }, limits);
  return r.ok ? { ...r.question, rephrased: true } : undefined;
}
