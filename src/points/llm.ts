/**
 * The language-model PointsWriter, on the same client as answers (src/llm): one bounded call,
 * the reply parsed as the answers' JSON draft; failures throw, and the outline stays extractive.
 */
import type { BaseChatModel } from "@langchain/core/language_models/chat_models";
import type { Logger } from "pino";
import { callModel, LlmFault } from "../llm/call.js";
import { chatModelFromConfig, type LlmConfig } from "../llm/client.js";
import { parseDraft, type DraftSentence } from "../llm/parse.js";
import { pointsMessages } from "./prompt.js";
import type { TalkingPoints } from "./types.js";
import type { PointsWriter } from "./writer.js";

export class LlmPointsWriter implements PointsWriter {
  constructor(private readonly opts: { model: BaseChatModel; modelName: string; timeoutMs: number; log: Logger }) {}

  async reword(outline: TalkingPoints): Promise<DraftSentence[]> {
    const { log, modelName: model } = this.opts;
    const started = performance.now();
    try {
      const reply = await callModel(this.opts.model, pointsMessages(outline), { timeoutMs: this.opts.timeoutMs });
      const draft = parseDraft(reply.text);
      if (draft.notFound) throw new LlmFault("model_not_found", "the model declined to reword the points");
      log.info({ llm: "points", model, tokens: reply.usage, ms: Math.round(performance.now() - started), sentences: draft.sentences.length }, "llm points reworded");
      return draft.sentences;
    } catch (e) {
      const fault = e instanceof LlmFault ? e : new LlmFault("internal_error", (e as Error).message);
      log.warn({ llm: "points", model, cause: fault.fault, detail: fault.message, ms: Math.round(performance.now() - started) }, "llm points not used: extractive wording");
      throw fault;
    }
  }
}

/** The writer the configuration asks for, or undefined (offline: the documents' own sentences). */
export function pointsWriterFromConfig(config: LlmConfig, log: Logger): PointsWriter | undefined {
  const model = chatModelFromConfig(config);
  return model ? new LlmPointsWriter({ model, modelName: model.model, timeoutMs: config.LLM_TIMEOUT_MS, log }) : undefined;
}
