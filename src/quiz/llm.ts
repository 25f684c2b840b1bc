/**
 * The language-model QuizWriter, on the same client as answers (src/llm), every call one model task
 * (`runModelTask`): drafts per block, a situation's wording for a scenario, a shorter wording for a
 * stem over the limit. All are proposals — `generateQuiz` keeps only what passes its checks and
 * `verifyQuestion`; the key and the citation stay the engine's.
 */
import type { Logger } from "pino";
import { z } from "zod";
import { LlmFault } from "../llm/call.js";
import { chatModelFromConfig, type LlmConfig } from "../llm/client.js";
import { parseJsonReply } from "../llm/parse.js";
import { runModelTask, type ModelOptions } from "../llm/task.js";
import { quizMessages, shortenMessages, situationMessages } from "./prompt.js";
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

/** The reply's first line, without quotes or a label: one sentence, or a fault. */
function oneLine(reply: string): string {
  const line = reply.split("\n").map((l) => l.trim()).find(Boolean) ?? "";
  const text = line.replace(/^(?:câu hỏi|question)\s*:\s*/iu, "").replace(/^["“'«]+|["”'»]+$/gu, "").trim();
  if (!text) throw new LlmFault("format_ignored", "the reply is not one sentence");
  return text;
}

export class LlmQuizWriter implements QuizWriter {
  constructor(private readonly opts: ModelOptions) {}

  async draft(source: QuizSource, want: { kinds: QuizKind[]; count: number }): Promise<QuizDraft[]> {
    const r = await runModelTask(this.opts, {
      name: "quiz",
      messages: quizMessages(source, want),
      context: { docId: source.docId },
      used: "llm quiz drafts",
      notUsed: "llm quiz drafts not used: offline questions",
      read: (text) => {
        const drafts = parseQuizReply(text, source.docId);
        return { value: drafts, log: { drafts: drafts.length } };
      },
    });
    return r.ok ? r.value : [];
  }

  async situation(req: { condition: string; actor: string }): Promise<string | undefined> {
    const r = await runModelTask(this.opts, {
      name: "quiz",
      messages: situationMessages(req),
      used: "llm quiz situation",
      notUsed: "llm quiz situation not used: the rule's own words",
      read: (text) => ({ value: oneLine(text) }),
    });
    return r.ok ? r.value : undefined;
  }

  async shorten(req: { stem: string; max: number }): Promise<string | undefined> {
    const r = await runModelTask(this.opts, {
      name: "quiz",
      messages: shortenMessages(req),
      used: "llm quiz stem shortened",
      notUsed: "llm quiz stem not shortened: question skipped",
      read: (text) => ({ value: oneLine(text), log: { from: req.stem.length } }),
    });
    return r.ok ? r.value : undefined;
  }
}

/** The writer the configuration asks for, or undefined (offline: questions from the text alone). */
export function quizWriterFromConfig(config: LlmConfig, log: Logger): QuizWriter | undefined {
  const model = chatModelFromConfig(config);
  return model ? new LlmQuizWriter({ model, modelName: model.model, timeoutMs: config.LLM_TIMEOUT_MS, log }) : undefined;
}
