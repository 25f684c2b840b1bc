/**
 * The one way to ask a model for something: a bounded call (callModel), transient failures tried
 * again while time is left, the reply read by the caller, and one log line either way with the
 * task, the model, tokens, time, attempts and the caller's context. Never throws: a failure is an
 * outcome with its cause, on which every caller falls back to what the documents say.
 */
import type { BaseChatModel } from "@langchain/core/language_models/chat_models";
import type { BaseMessage } from "@langchain/core/messages";
import type { Logger } from "../log.js";
import { callModel, LlmFault } from "./call.js";
import type { FallbackCause, TokenUsage } from "./types.js";
import { addUsage } from "./usage.js";

export interface ModelOptions {
  model: BaseChatModel;
  /** Logged with every call. */
  modelName: string;
  /** Bounds the whole task, retries included. */
  timeoutMs: number;
  log: Logger;
  /**
   * Further attempts after a rate limit, server or network error (0 by default: a chat answer
   * falls back at once rather than keep the user waiting). Never after text began to stream.
   */
  retries?: number;
}

export interface ModelTask<T> {
  /** Logged as `llm`: "answer", "rewrite", "points", "quiz". */
  name: string;
  messages: BaseMessage[];
  /** Streams the reply: called with the text so far. */
  onText?: (textSoFar: string) => void;
  /** The reply as the caller's value, and what to log about it; throws LlmFault when it is unusable. */
  read(text: string): { value: T; log?: Record<string, unknown> };
  /** Logged with both outcomes: ids and counts, never document text. */
  context?: Record<string, unknown>;
  /** The log messages: the reply was used / was not (and what the caller does instead). */
  used: string;
  notUsed: string;
}

export type TaskOutcome<T> = { ok: true; value: T; usage?: TokenUsage } | { ok: false; cause: FallbackCause; detail: string; usage?: TokenUsage };

const TRANSIENT = new Set<FallbackCause>(["rate_limited", "server_error", "network_error"]);

/**
 * Runs one task. Example, a one-line summary with a fallback:
 *
 * ```ts
 * const r = await runModelTask(opts, {
 *   name: "summary",
 *   messages: [new HumanMessage("Tóm tắt: …")],
 *   read: (text) => ({ value: text.trim() }),
 *   used: "summary used",
 *   notUsed: "summary not used: first sentence instead",
 * });
 * const summary = r.ok ? r.value : firstSentence;
 * ```
 */
export async function runModelTask<T>(o: ModelOptions, task: ModelTask<T>): Promise<TaskOutcome<T>> {
  const started = performance.now();
  const deadline = Date.now() + o.timeoutMs;
  const base = { llm: task.name, model: o.modelName, ...task.context };
  const ms = () => Math.round(performance.now() - started);
  let usage: TokenUsage | undefined;
  let streamed = false;
  const onText = task.onText && ((t: string) => ((streamed = true), task.onText!(t)));
  for (let attempt = 1; ; attempt++) {
    const tries = attempt > 1 ? { attempts: attempt } : {};
    try {
      const reply = await callModel(o.model, task.messages, { timeoutMs: Math.max(1, deadline - Date.now()), onText });
      usage = addUsage(usage, reply.usage);
      const { value, log } = task.read(reply.text);
      o.log.info({ ...base, tokens: usage, ms: ms(), ...tries, ...log }, task.used);
      return { ok: true, value, usage };
    } catch (e) {
      const fault = e instanceof LlmFault ? e : new LlmFault("internal_error", (e as Error).message);
      // An empty reply still cost tokens: they come with the fault.
      usage = addUsage(usage, fault.usage);
      if (attempt <= (o.retries ?? 0) && TRANSIENT.has(fault.fault) && !streamed && Date.now() < deadline) continue;
      o.log.warn({ ...base, cause: fault.fault, detail: fault.message, tokens: usage, ms: ms(), ...tries }, task.notUsed);
      return { ok: false, cause: fault.fault, detail: fault.message, usage };
    }
  }
}
