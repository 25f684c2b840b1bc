/**
 * The language-model PointsWriter, on the same client as answers (src/llm): one model task
 * (`runModelTask`), the reply parsed as the answers' JSON draft; failures throw, and the outline
 * stays extractive.
 */
import type { Logger } from "pino";
import { LlmFault } from "../llm/call.js";
import { chatModelFromConfig, type LlmConfig } from "../llm/client.js";
import { parseDraft, type DraftSentence } from "../llm/parse.js";
import { runModelTask, type ModelOptions } from "../llm/task.js";
import { pointsMessages } from "./prompt.js";
import type { TalkingPoints } from "./types.js";
import type { PointsWriter } from "./writer.js";

export class LlmPointsWriter implements PointsWriter {
  constructor(private readonly opts: ModelOptions) {}

  async reword(outline: TalkingPoints): Promise<DraftSentence[]> {
    const r = await runModelTask(this.opts, {
      name: "points",
      messages: pointsMessages(outline),
      used: "llm points reworded",
      notUsed: "llm points not used: extractive wording",
      read: (text) => {
        const draft = parseDraft(text);
        if (draft.notFound) throw new LlmFault("model_not_found", "the model declined to reword the points");
        return { value: draft.sentences, log: { sentences: draft.sentences.length } };
      },
    });
    if (!r.ok) throw new LlmFault(r.cause, r.detail, r.usage);
    return r.value;
  }
}

/** The writer the configuration asks for, or undefined (offline: the documents' own sentences). */
export function pointsWriterFromConfig(config: LlmConfig, log: Logger): PointsWriter | undefined {
  const model = chatModelFromConfig(config);
  return model ? new LlmPointsWriter({ model, modelName: model.model, timeoutMs: config.LLM_TIMEOUT_MS, log }) : undefined;
}
