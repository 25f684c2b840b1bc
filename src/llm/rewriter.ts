/**
 * Rewrites a follow-up ("còn khoản 3 thì sao?") into a stand-alone question before retrieval,
 * using the previous question and the unit under discussion; and a question in everyday words into
 * the documents' wording, which is searched beside the user's own. Any failure leaves the question
 * as typed, and the engine's own rules apply. Retrieval, not the model, decides the answer.
 */
import type { BaseMessage } from "@langchain/core/messages";
import { MAX_QUESTION_CHARS } from "../model/question.js";
import { LlmFault } from "./call.js";
import { OutputGuard } from "./guard.js";
import { REWRITE_SYSTEM_PROMPT, rewriteMessages, TERMS_SYSTEM_PROMPT, termsMessages } from "./prompt.js";
import { runModelTask, type ModelOptions } from "./task.js";
import type { QuestionRewriter, RewriteRequest, TokenUsage } from "./types.js";

/** A question this long stands alone already; rewriting it would only cost time. */
const MAX_FOLLOW_UP_WORDS = 15;

export class LlmQuestionRewriter implements QuestionRewriter {
  private readonly guard = new OutputGuard(REWRITE_SYSTEM_PROMPT);
  private readonly termsGuard = new OutputGuard(TERMS_SYSTEM_PROMPT);

  constructor(private readonly opts: ModelOptions) {}

  async rewrite(req: RewriteRequest): Promise<{ question?: string; usage?: TokenUsage }> {
    if (!req.previousQuestion && !req.focusLabel) return {};
    if (req.question.split(/\s+/).length > MAX_FOLLOW_UP_WORDS) return {};
    return this.call("rewrite", rewriteMessages(req), this.guard, req.question, ["follow-up rewritten", "follow-up not rewritten"]);
  }

  async toDocumentTerms(question: string): Promise<{ question?: string; usage?: TokenUsage }> {
    return this.call("terms", termsMessages(question), this.termsGuard, question, ["question put in the documents' terms", "question not put in the documents' terms"]);
  }

  /** One model task returning one question; the guard refuses a reply that echoes the rules. */
  private async call(
    name: "rewrite" | "terms",
    messages: BaseMessage[],
    guard: OutputGuard,
    asked: string,
    [used, notUsed]: [string, string],
  ): Promise<{ question?: string; usage?: TokenUsage }> {
    const r = await runModelTask(this.opts, {
      name,
      messages,
      used,
      notUsed,
      read: (text) => {
        const question = cleanQuestion(text);
        if (!question) throw new LlmFault("format_ignored", "the reply is not one question");
        if (guard.reject(question)) throw new LlmFault("format_ignored", "the reply repeats an injection or the rules");
        return { value: question, log: { changed: question !== asked } };
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
