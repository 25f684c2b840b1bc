/**
 * Smoother wording by a language model, checked like LLM answers (src/llm/verify.ts): a proposed
 * sentence is taken only if it cites its own point alone and the point's quote carries its words,
 * and passes the injection and prompt-leak guard. Citations never come from the model: a point
 * keeps the engine's citation and quote, and the document's own sentence when its proposal fails.
 */
import { OutputGuard } from "../llm/guard.js";
import type { DraftSentence } from "../llm/parse.js";
import { verifySentence } from "../llm/verify.js";
import { citationLabel } from "../model/citation.js";
import { POINTS_SYSTEM_PROMPT } from "./prompt.js";
import type { TalkingPoints } from "./types.js";

export interface PointsWriter {
  /** Proposed sentences; `sources` are 1-based point numbers, one per sentence. Throws on failure. */
  reword(outline: TalkingPoints): Promise<DraftSentence[]>;
}

const guard = new OutputGuard(POINTS_SYSTEM_PROMPT);

export async function reword(outline: TalkingPoints, writer: PointsWriter): Promise<TalkingPoints> {
  let proposed: DraftSentence[];
  try {
    proposed = await writer.reword(outline);
  } catch {
    return { ...outline, notices: [...outline.notices, "Không dùng được mô hình ngôn ngữ; dàn ý giữ nguyên câu chữ của văn bản."] };
  }
  const passages = outline.points.map((p) => ({ label: citationLabel(p.citation), text: p.quote }));
  const statements = outline.points.map((p) => p.statement);
  const reworded = new Set<number>();
  let rejected = 0;
  for (const s of proposed) {
    const v = verifySentence(s, passages, guard);
    // A sentence naming another point, or a passage that does not exist, moved or invented a citation.
    const own = "sentence" in v && v.unknownIds === 0 && v.sentence.citations.length === 1 ? v.sentence.citations[0] : -1;
    if ("sentence" in v && own >= 0 && !reworded.has(own)) {
      statements[own] = v.sentence.text;
      reworded.add(own);
    } else rejected++;
  }
  const notices = rejected ? [...outline.notices, `${rejected} câu do mô hình viết không qua kiểm tra trích dẫn; các ý đó giữ nguyên câu chữ của văn bản.`] : outline.notices;
  return {
    ...outline,
    points: outline.points.map((p, i) => ({ ...p, statement: statements[i] })),
    notices,
    mode: reworded.size ? "llm" : "extractive",
  };
}
