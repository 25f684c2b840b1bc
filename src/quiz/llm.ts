/**
 * The language-model QuizWriter, on the same client as answers (src/llm): one bounded call per
 * block, the reply read as drafts. Drafts are only proposals — `generateQuiz` keeps those that
 * pass `verifyQuestion`, and the offline generator fills the rest.
 */
import type { BaseChatModel } from "@langchain/core/language_models/chat_models";
import type { Logger } from "pino";
import { z } from "zod";
import { callModel, LlmFault } from "../llm/call.js";
import { chatModelFromConfig, type LlmConfig } from "../llm/client.js";
import { parseJsonReply } from "../llm/parse.js";
import { quizMessages } from "./prompt.js";
import type { QuizKind } from "./types.js";
import type { QuizDraft, QuizSource, QuizWriter } from "./writer.js";

const replySchema = z.object({
  questions: z.array(
    z.object({
      kind: z.enum(["mcq", "truefalse"]),
      unit: z.string(),
      stem: z.string(),
      options: z.array(z.string()).default([]),
      correct: z.number().int(),
      quote: z.string(),
      answer: z.string().optional(),
      swapped: z.string().optional(),
    }),
  ),
});

export function parseQuizReply(reply: string, docId: string): QuizDraft[] {
  return parseJsonReply(reply, replySchema).questions.map(({ unit, ...q }) => ({ ...q, docId, unitId: unit }));
}

export class LlmQuizWriter implements QuizWriter {
  constructor(private readonly opts: { model: BaseChatModel; modelName: string; timeoutMs: number; log: Logger }) {}

  async draft(source: QuizSource, want: { kinds: QuizKind[]; count: number }): Promise<QuizDraft[]> {
    const { log, modelName: model } = this.opts;
    const started = performance.now();
    try {
      const reply = await callModel(this.opts.model, quizMessages(source, want), { timeoutMs: this.opts.timeoutMs });
      const drafts = parseQuizReply(reply.text, source.docId);
      log.info({ llm: "quiz", model, tokens: reply.usage, ms: Math.round(performance.now() - started), drafts: drafts.length }, "llm quiz drafts");
      return drafts;
    } catch (e) {
      const fault = e instanceof LlmFault ? e : new LlmFault("internal_error", (e as Error).message);
      log.warn({ llm: "quiz", model, cause: fault.fault, detail: fault.message }, "llm quiz drafts not used: offline questions");
      return [];
    }
  }
}

/** The writer the configuration asks for, or undefined (offline: questions from the text alone). */
export function quizWriterFromConfig(config: LlmConfig, log: Logger): QuizWriter | undefined {
  const model = chatModelFromConfig(config);
  return model ? new LlmQuizWriter({ model, modelName: model.model, timeoutMs: config.LLM_TIMEOUT_MS, log }) : undefined;
}
