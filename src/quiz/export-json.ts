/** JSON export: every field of every question, plus the rendered citation, for other tools. */
import { citationLabel } from "../model/citation.js";
import { LETTERS } from "./play.js";
import type { QuizMeta } from "./export.js";
import type { QuizQuestion } from "./types.js";

export const JSON_FORMAT = "hoivanban-quiz";

export function quizJson(questions: QuizQuestion[], meta: QuizMeta): Buffer {
  const doc = {
    format: JSON_FORMAT,
    version: 1,
    title: meta.title,
    ...(meta.seed ? { seed: meta.seed } : {}),
    generatedAt: (meta.generatedAt ?? new Date()).toISOString(),
    questions: questions.map((q, i) => ({ number: i + 1, ...q, correctLetter: LETTERS[q.correct], source: citationLabel(q.citation) })),
  };
  return Buffer.from(JSON.stringify(doc, null, 2) + "\n", "utf8");
}
