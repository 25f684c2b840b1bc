/**
 * The promise of every answer, enforced where results leave the engine: a quote is a verbatim
 * substring of the unit it cites, a lead-in a verbatim substring of the unit it comes from, and an
 * extractive answer sentence is shown only with citations of units whose text contains it.
 * Anything else is dropped, and counted: a count above zero is a bug upstream, never shown to users.
 */
import type { Citation } from "../model/citation.js";
import type { AnswerSentence } from "./types.js";

interface Checked {
  answer: AnswerSentence[];
  citations: Citation[];
  related: Citation[];
  mode?: "extractive" | "llm";
}

/** Units' texts as the engine holds them: a citation's own unit, and the unit its lead-in comes from. */
export interface TextSource {
  unit(c: Citation): string | undefined;
  context(c: Citation): string | undefined;
}

let violations = 0;

/** How many quotes, lead-ins or answer sentences were dropped since start (0 in a healthy engine). */
export function citationViolations(): number {
  return violations;
}

function holds(c: Citation, text: string | undefined, source: TextSource): boolean {
  if (text === undefined || !text.includes(c.quote)) return false;
  return c.leadIn === undefined || (source.context(c)?.includes(c.leadIn) ?? false);
}

export function enforceCitations<T extends Checked>(result: T, source: TextSource): T {
  let changed = false;
  const drop = () => ((violations++, (changed = true)), false);
  // Each cited unit's text is read once: quotes and answer sentences are checked against it.
  const texts = result.citations.map((c) => source.unit(c));
  const keep: number[] = [];
  const newIndex = new Map<number, number>();
  result.citations.forEach((c, i) => {
    if (holds(c, texts[i], source)) newIndex.set(i, keep.push(i) - 1);
    else drop();
  });
  const related = result.related.filter((c) => holds(c, source.unit(c), source) || drop());
  const answer = result.answer.flatMap((s) => {
    const citations = s.citations.flatMap((i) => {
      const j = newIndex.get(i);
      if (j === undefined) return (changed = true), [];
      // Sentences written by the LLM are checked word by word in src/llm; extractive ones are quotes.
      if (result.mode !== "llm" && !texts[i]!.includes(s.text)) return drop(), [];
      return [j];
    });
    return citations.length ? [{ ...s, citations }] : [];
  });
  if (!changed) return result;
  return { ...result, citations: keep.map((i) => result.citations[i]), related, answer };
}
