/**
 * Turns verified sentences into the shown answer: citations are the engine's own objects, kept
 * only when a sentence rests on them and renumbered in order of first use; the rest move to
 * "related", so every citation shown supports something the answer says.
 */
import type { Citation } from "../model/citation.js";
import type { Focus } from "../model/question.js";
import type { AnswerSentence } from "./types.js";

export function composeAnswer(
  sentences: AnswerSentence[],
  cited: Citation[],
  related: Citation[],
): { answer: AnswerSentence[]; citations: Citation[]; related: Citation[]; focus: Focus } | undefined {
  const used = [...new Set(sentences.flatMap((s) => s.citations))].filter((i) => cited[i]);
  if (!used.length) return undefined;
  const position = new Map(used.map((i, n) => [i, n]));
  const citations = used.map((i) => cited[i]);
  return {
    answer: sentences.map((s) => ({ text: s.text, citations: [...new Set(s.citations.filter((i) => position.has(i)).map((i) => position.get(i)!))] })),
    citations,
    related: [...cited.filter((_, i) => !position.has(i)), ...related].slice(0, 10),
    focus: { docId: citations[0].doc.id, unit: citations[0].unit },
  };
}
