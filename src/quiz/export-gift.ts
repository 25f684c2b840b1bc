/**
 * Moodle GIFT (Question bank → Import → GIFT format): one question per block, separated by a blank
 * line, in a category named after the quiz. Multiple choice "{=right ~wrong …}", true/false
 * "{TRUE}"/"{FALSE}", each with general feedback after "####" (answer, citation, the document's
 * words). The characters GIFT reserves (~ = # { } :) and backslashes are escaped; line breaks
 * become spaces, since a blank line would end the question.
 */
import { citationLabel } from "../model/citation.js";
import type { QuizQuestion } from "./types.js";

/** Escapes GIFT's reserved characters. */
export function giftText(s: string): string {
  return s.replace(/\s*\n\s*/g, " ").replace(/([\\~=#{}:])/g, "\\$1");
}

function answers(q: QuizQuestion): string {
  if (q.kind === "truefalse") return q.correct === 0 ? "TRUE" : "FALSE";
  return q.options.map((o, i) => `${i === q.correct ? "=" : "~"}${giftText(o)}`).join(" ");
}

export function quizGift(questions: QuizQuestion[], opts: { title: string }): Buffer {
  const blocks = [`// ${opts.title.replace(/\n/g, " ")} — Hỏi Văn Bản`, `$CATEGORY: $course$/${giftText(opts.title).replace(/\//g, "-")}`];
  questions.forEach((q, i) => {
    const feedback = `Đáp án: ${q.options[q.correct]}. Nguồn: ${citationLabel(q.citation)}: «${q.quote}»`;
    blocks.push(`::Câu ${i + 1}::[plain]${giftText(q.stem)} {${answers(q)} ####${giftText(feedback)}}`);
  });
  return Buffer.from(blocks.join("\n\n") + "\n", "utf8");
}
