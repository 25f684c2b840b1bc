/**
 * Rewrites a follow-up ("còn khoản 3 thì sao?") into a stand-alone question before retrieval,
 * using the previous question and the unit under discussion. Any failure leaves the question as
 * typed, and the engine's own follow-up rules apply. Retrieval, not the model, decides the answer.
 */
import { MAX_QUESTION_CHARS } from "../model/question.js";
import { LlmFault } from "./call.js";
import { OutputGuard } from "./guard.js";
import { REWRITE_SYSTEM_PROMPT, rewriteMessages } from "./prompt.js";
import { runModelTask, type ModelOptions } from "./task.js";
import type { QuestionRewriter, RewriteRequest, TokenUsage } from "./types.js";

/** A question this long stands alone already; rewriting it would only cost time. */
const MAX_FOLLOW_UP_WORDS = 15;

export class LlmQuestionRewriter implements QuestionRewriter {
  private readonly guard = new OutputGuard(REWRITE_SYSTEM_PROMPT);

  constructor(private readonly opts: ModelOptions) {}

  async rewrite(req: RewriteRequest): Promise<{ question?: string; usage?: TokenUsage }> {
    if (!req.previousQuestion && !req.focusLabel) return {};
    if (req.question.split(/\s+/).length > MAX_FOLLOW_UP_WORDS) return {};
    const r = await runModelTask(this.opts, {
      name: "rewrite",
      messages: rewriteMessages(req),
      used: "follow-up rewritten",
      notUsed: "follow-up not rewritten",
      read: (text) => {
        const question = cleanQuestion(text);
        if (!question) throw new LlmFault("format_ignored", "the reply is not one question");
        if (this.guard.reject(question)) throw new LlmFault("format_ignored", "the reply repeats an injection or the rules");
        return { value: question, log: { changed: question !== req.question } };
      },
    });
    return r.ok ? { question: r.value, usage: r.usage } : { usage: r.usage };
  }
}

/** The first line, without quotes or a "Câu hỏi:" prefix; undefined when it is no question. */
function cleanQuestion(reply: string): string | undefined {
  const line = reply.split("\n").map((l) => l.trim()).find(Boolean) ?? "";
  const q = line.replace(/^(câu hỏi( viết lại)?|question)\s*:\s*/i, "").replace(/^["“'«]+|["”'»]+$/g, "").trim();
  return q && q.length <= MAX_QUESTION_CHARS && /[\p{L}]/u.test(q) ? q : undefined;
}
