/**
 * The LLM answer writer: asks the model for sentences marked with passage ids, then keeps only
 * what verification accepts. It never throws: every failure is an outcome with a cause, logged,
 * on which the engine returns its extractive answer. Tokens are logged for every call.
 */
import type { BaseChatModel } from "@langchain/core/language_models/chat_models";
import type { Logger } from "pino";
import { callModel, LlmFault } from "./call.js";
import { OutputGuard } from "./guard.js";
import { parseDraft } from "./parse.js";
import { partialFeed } from "./partial.js";
import { ANSWER_SYSTEM_PROMPT, answerMessages } from "./prompt.js";
import type { AnswerWriter, TokenUsage, WriteOutcome, WriteRequest } from "./types.js";
import { verifyDraft } from "./verify.js";

export interface LlmWriterOptions {
  model: BaseChatModel;
  /** Name logged with usage. */
  modelName: string;
  timeoutMs: number;
  log: Logger;
  /** Least time between two partial texts (streaming); 1 s suits Telegram's edit limits. */
  partialIntervalMs?: number;
}

export class LlmAnswerWriter implements AnswerWriter {
  private readonly guard = new OutputGuard(ANSWER_SYSTEM_PROMPT);

  constructor(private readonly opts: LlmWriterOptions) {}

  async write(req: WriteRequest): Promise<WriteOutcome> {
    const started = performance.now();
    const { log, modelName: model } = this.opts;
    const onText = req.onPartial && partialFeed(req.passages, this.guard, req.onPartial, this.opts.partialIntervalMs ?? 1000);
    let usage: TokenUsage | undefined;
    try {
      const reply = await callModel(this.opts.model, answerMessages(req.question, req.passages), { timeoutMs: this.opts.timeoutMs, onText });
      usage = reply.usage;
      const draft = parseDraft(reply.text);
      if (draft.notFound) throw new LlmFault("model_not_found", "the model found no answer in passages the engine judged relevant");
      const checked = verifyDraft(draft.sentences, req.passages, this.guard);
      const dropped = checked.dropped.map((d) => d.reason);
      if (!checked.sentences.length) throw new LlmFault("no_supported_sentence", `all ${dropped.length} sentences dropped: ${dropped.join(", ")}`);
      log.info({ llm: "answer", model, tokens: usage, ms: Math.round(performance.now() - started), sentences: checked.sentences.length, dropped, unknownIds: checked.unknownIds }, "llm answer used");
      return { ok: true, sentences: checked.sentences, dropped: dropped.length, usage };
    } catch (e) {
      const fault = e instanceof LlmFault ? e : new LlmFault("internal_error", (e as Error).message);
      usage ??= fault.usage;
      log.warn({ llm: "answer", model, cause: fault.fault, detail: fault.message, tokens: usage, ms: Math.round(performance.now() - started) }, "llm answer not used: extractive fallback");
      return { ok: false, cause: fault.fault, usage };
    }
  }
}
