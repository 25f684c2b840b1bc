/**
 * The seam for an LLM: a QuizWriter drafts questions from one unit's text; a draft becomes a
 * question only if it names its source unit and, fitted to the limits like offline ones, passes
 * the same `verifyQuestion`.
 */
import type { Engine } from "../engine/engine.js";
import { citationLabel } from "../model/citation.js";
import { questionId } from "./build.js";
import { explanation } from "./stem.js";
import { TRUE_FALSE, type QuizKind, type QuizLimits, type QuizQuestion } from "./types.js";
import { fitQuestion } from "./fit.js";

/** What a writer is given: one block (an article, a section) as its units, each with id and text. */
export interface QuizSource {
  docId: string;
  /** "Điều 21 — Luật 24/2008/QH12". */
  label: string;
  units: Array<{ unitId: string; label: string; text: string }>;
}

/** A question as a writer proposes it; nothing in it is trusted until verified. */
export interface QuizDraft {
  kind: QuizKind;
  stem: string;
  options: string[];
  correct: number;
  /** The source unit: one of the units given. */
  docId: string;
  unitId: string;
  /** Verbatim words of the unit that support the answer. */
  quote: string;
  /** True/false: the fact the statement hinges on as written in the unit, and the value swapped in when false. */
  answer?: string;
  swapped?: string;
  explanation?: string;
}

export interface QuizWriter {
  draft(source: QuizSource, want: { kinds: QuizKind[]; count: number }): Promise<QuizDraft[]>;
  /** A scenario's situation in other words: the condition's words and the actor kept (checked by `acceptSituation`). */
  situation?(req: { condition: string; actor: string }): Promise<string | undefined>;
  /** A stem over the limit in fewer words, none new (checked by `acceptShorter`). */
  shorten?(req: { stem: string; max: number }): Promise<string | undefined>;
}

/** The draft as a question with the engine's own citation, or undefined when it fails verification. */
export function acceptDraft(engine: Engine, draft: QuizDraft, limits: QuizLimits): QuizQuestion | undefined {
  const d = engine.docs().findIndex((x) => x.meta.id === draft.docId);
  const unit = d < 0 ? -1 : engine.docs()[d].units.findIndex((u) => u.id === draft.unitId);
  if (unit < 0) return undefined;
  const citation = engine.citation(d, unit, draft.quote, 1);
  const answer = draft.kind === "mcq" ? draft.options[draft.correct] : draft.answer;
  if (!answer) return undefined;
  const line = draft.kind === "mcq" ? `Đáp án: ${answer}` : `Đáp án: ${TRUE_FALSE[draft.correct] ?? ""}`;
  // Where the answer sits in the quote, so the explanation's excerpt shows it.
  const at = draft.quote.toLowerCase().indexOf(answer.toLowerCase());
  const [start, end] = at < 0 ? [0, 0] : [at, at + answer.length];
  const q: QuizQuestion = {
    id: questionId(draft.docId, draft.unitId, draft.kind, draft.stem),
    kind: draft.kind,
    stem: draft.stem.trim(),
    options: draft.kind === "mcq" ? draft.options.map((o) => o.trim()) : [...TRUE_FALSE],
    correct: draft.correct,
    explanation: draft.explanation?.trim() || explanation(line, citationLabel(citation), draft.quote, start, end, limits.explanation),
    citation,
    quote: draft.quote,
    answer,
    swapped: draft.swapped,
    fact: "written",
    level: "vua",
  };
  // Fitted like an engine-built question: rephrased shorter when over the limits, then verified.
  const fitted = fitQuestion(engine, q, limits);
  return fitted.ok ? fitted.question : undefined;
}
