/**
 * The LLM answer writer: asks the model for sentences marked with passage ids, then keeps only
 * what verification accepts. It never throws: every failure is an outcome with a cause, logged,
 * on which the engine returns its extractive answer. Tokens are logged for every call.
 */
import { LlmFault } from "./call.js";
import { OutputGuard } from "./guard.js";
import { parseDraft } from "./parse.js";
import { partialFeed } from "./partial.js";
import { ANSWER_SYSTEM_PROMPT, answerMessages } from "./prompt.js";
import { runModelTask, type ModelOptions } from "./task.js";
import type { AnswerWriter, WriteOutcome, WriteRequest } from "./types.js";
import { verifyDraft } from "./verify.js";

export interface LlmWriterOptions extends ModelOptions {
  /** Least time between two partial texts (streaming); 1 s suits Telegram's edit limits. */
  partialIntervalMs?: number;
}

export class LlmAnswerWriter implements AnswerWriter {
  private readonly guard = new OutputGuard(ANSWER_SYSTEM_PROMPT);

  constructor(private readonly opts: LlmWriterOptions) {}

  async write(req: WriteRequest): Promise<WriteOutcome> {
    const onText = req.onPartial && partialFeed(req.passages, this.guard, req.onPartial, this.opts.partialIntervalMs ?? 1000);
    const r = await runModelTask(this.opts, {
      name: "answer",
      messages: answerMessages(req.question, req.passages),
      onText,
      used: "llm answer used",
      notUsed: "llm answer not used: extractive fallback",
      read: (text) => {
        const draft = parseDraft(text);
        if (draft.notFound) throw new LlmFault("model_not_found", "the model found no answer in passages the engine judged relevant");
        const checked = verifyDraft(draft.sentences, req.passages, this.guard);
        const dropped = checked.dropped.map((d) => d.reason);
        if (!checked.sentences.length) throw new LlmFault("no_supported_sentence", `all ${dropped.length} sentences dropped: ${dropped.join(", ")}`);
        return { value: { sentences: checked.sentences, dropped: dropped.length }, log: { sentences: checked.sentences.length, dropped, unknownIds: checked.unknownIds } };
      },
    });
    return r.ok ? { ok: true, ...r.value, usage: r.usage } : { ok: false, cause: r.cause, usage: r.usage };
  }
}
