/**
 * Rewrites a follow-up ("còn khoản 3 thì sao?") into a stand-alone question before retrieval,
 * using the previous question and the unit under discussion; and a question in everyday words into
 * the documents' wording, which is searched beside the user's own. Any failure leaves the question
 * as typed, and the engine's own rules apply. Retrieval, not the model, decides the answer.
 */
import type { BaseChatModel } from "@langchain/core/language_models/chat_models";
import type { BaseMessage } from "@langchain/core/messages";
import type { Logger } from "pino";
import { MAX_QUESTION_CHARS } from "../engine/engine.js";
import type { TokenUsage } from "../engine/types.js";
import { callModel, LlmFault } from "./call.js";
import { OutputGuard } from "./guard.js";
import { REWRITE_SYSTEM_PROMPT, rewriteMessages, TERMS_SYSTEM_PROMPT, termsMessages } from "./prompt.js";
import type { QuestionRewriter, RewriteRequest } from "./types.js";

/** A question this long stands alone already; rewriting it would only cost time. */
const MAX_FOLLOW_UP_WORDS = 15;

export interface LlmRewriterOptions {
  model: BaseChatModel;
  modelName: string;
  timeoutMs: number;
  log: Logger;
}

export class LlmQuestionRewriter implements QuestionRewriter {
  private readonly guard = new OutputGuard(REWRITE_SYSTEM_PROMPT);
  private readonly termsGuard = new OutputGuard(TERMS_SYSTEM_PROMPT);

  constructor(private readonly opts: LlmRewriterOptions) {}

  async rewrite(req: RewriteRequest): Promise<{ question?: string; usage?: TokenUsage }> {
    if (!req.previousQuestion && !req.focusLabel) return {};
    if (req.question.split(/\s+/).length > MAX_FOLLOW_UP_WORDS) return {};
    return this.call("rewrite", rewriteMessages(req), this.guard, req.question);
  }

  async toDocumentTerms(question: string): Promise<{ question?: string; usage?: TokenUsage }> {
    return this.call("terms", termsMessages(question), this.termsGuard, question);
  }

  private async call(kind: "rewrite" | "terms", messages: BaseMessage[], guard: OutputGuard, asked: string): Promise<{ question?: string; usage?: TokenUsage }> {
    const started = performance.now();
    const { log, modelName: model } = this.opts;
    let usage: TokenUsage | undefined;
    try {
      const reply = await callModel(this.opts.model, messages, { timeoutMs: this.opts.timeoutMs });
      usage = reply.usage;
      const question = cleanQuestion(reply.text);
      if (!question) throw new LlmFault("format_ignored", "the reply is not one question");
      if (guard.reject(question)) throw new LlmFault("format_ignored", "the reply repeats an injection or the rules");
      log.info({ llm: kind, model, tokens: usage, ms: Math.round(performance.now() - started), changed: question !== asked }, "question rewritten");
      return { question, usage };
    } catch (e) {
      const fault = e instanceof LlmFault ? e : new LlmFault("internal_error", (e as Error).message);
      log.warn({ llm: kind, model, cause: fault.fault, detail: fault.message, tokens: usage ?? fault.usage, ms: Math.round(performance.now() - started) }, "question not rewritten");
      return { usage: usage ?? fault.usage };
    }
  }
}

/** The first line, without quotes or a "Câu hỏi:" prefix; undefined when it is no question. */
function cleanQuestion(reply: string): string | undefined {
  const line = reply.split("\n").map((l) => l.trim()).find(Boolean) ?? "";
  const q = line.replace(/^(câu hỏi( viết lại)?|question)\s*:\s*/i, "").replace(/^["“'«]+|["”'»]+$/g, "").trim();
  return q && q.length <= MAX_QUESTION_CHARS && /[\p{L}]/u.test(q) ? q : undefined;
}
