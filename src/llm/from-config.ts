/** The writer and rewriter the configuration asks for, or none (offline extractive answers). */
import { createLogger, type Logger } from "../log.js";
import { chatModelFromConfig, type LlmConfig } from "./client.js";
import { LlmQuestionRewriter } from "./rewriter.js";
import type { AnswerWriter, QuestionRewriter } from "./types.js";
import { LlmAnswerWriter } from "./writer.js";

export interface Llm {
  model: string;
  writer: AnswerWriter;
  rewriter: QuestionRewriter;
}

export function llmFromConfig(config: LlmConfig, log: Logger = createLogger()): Llm | undefined {
  const model = chatModelFromConfig(config);
  if (!model) {
    if (config.LLM_MODEL) log.info({ llm: "off" }, "OFFLINE_ONLY is set: LLM_MODEL ignored, answers stay extractive");
    return undefined;
  }
  const opts = { model, modelName: model.model, timeoutMs: config.LLM_TIMEOUT_MS, log };
  return { model: model.model, writer: new LlmAnswerWriter(opts), rewriter: new LlmQuestionRewriter(opts) };
}
