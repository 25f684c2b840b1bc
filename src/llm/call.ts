/**
 * One bounded model call: the whole exchange (streamed or not) is aborted at the deadline, and
 * every failure becomes an LlmFault with a cause the engine can log and fall back on.
 */
import type { BaseChatModel } from "@langchain/core/language_models/chat_models";
import type { AIMessageChunk, BaseMessage } from "@langchain/core/messages";
import type { FallbackCause, TokenUsage } from "./types.js";

export interface ModelReply {
  text: string;
  usage?: TokenUsage;
}

export class LlmFault extends Error {
  constructor(
    readonly fault: FallbackCause,
    detail: string,
    readonly usage?: TokenUsage,
  ) {
    super(detail);
  }
}

function contentText(content: AIMessageChunk["content"]): string {
  if (typeof content === "string") return content;
  return content.map((part) => (typeof part === "string" ? part : part.type === "text" && typeof part.text === "string" ? part.text : "")).join("");
}

function usageOf(message?: AIMessageChunk): TokenUsage | undefined {
  const u = message?.usage_metadata;
  return u ? { input: u.input_tokens, output: u.output_tokens, total: u.total_tokens } : undefined;
}

function classify(e: unknown, signal: AbortSignal): LlmFault {
  if (e instanceof LlmFault) return e;
  const err = e as { name?: string; message?: string; status?: number };
  const detail = err?.message ?? String(e);
  if (signal.aborted || err?.name === "AbortError" || err?.name === "TimeoutError") return new LlmFault("timeout", detail);
  const status = typeof err?.status === "number" ? err.status : undefined;
  if (status === 429) return new LlmFault("rate_limited", detail);
  if (status !== undefined && status >= 500) return new LlmFault("server_error", detail);
  if (status !== undefined) return new LlmFault("request_rejected", detail);
  return new LlmFault("network_error", detail);
}

/**
 * Sends the messages; with `onText` the reply is streamed and `onText` gets the text so far.
 * Throws LlmFault on any failure, including an empty reply.
 */
export async function callModel(
  model: BaseChatModel,
  messages: BaseMessage[],
  opts: { timeoutMs: number; onText?: (textSoFar: string) => void },
): Promise<ModelReply> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(new Error(`no complete reply within ${opts.timeoutMs} ms`)), opts.timeoutMs);
  const { signal } = controller;
  // A server that hangs mid-stream may never settle the client's promise: the deadline wins the race.
  const deadline = new Promise<never>((_, reject) => signal.addEventListener("abort", () => reject(new LlmFault("timeout", String(signal.reason))), { once: true }));
  deadline.catch(() => undefined);
  try {
    const reply = await Promise.race([exchange(model, messages, signal, opts.onText), deadline]);
    if (!reply.text.trim()) throw new LlmFault("empty_output", "the model returned no text", reply.usage);
    return reply;
  } catch (e) {
    throw classify(e, signal);
  } finally {
    clearTimeout(timer);
    controller.abort(); // ends a stream still open after an early failure
  }
}

async function exchange(model: BaseChatModel, messages: BaseMessage[], signal: AbortSignal, onText?: (t: string) => void): Promise<ModelReply> {
  if (!onText) {
    const message = (await model.invoke(messages, { signal })) as AIMessageChunk;
    return { text: contentText(message.content), usage: usageOf(message) };
  }
  let text = "";
  let usage: TokenUsage | undefined;
  for await (const chunk of await model.stream(messages, { signal })) {
    usage = usageOf(chunk as AIMessageChunk) ?? usage;
    const piece = contentText(chunk.content);
    if (!piece) continue;
    text += piece;
    onText(text);
  }
  return { text, usage };
}
