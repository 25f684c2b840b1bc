/**
 * The chat model, from configuration: any OpenAI-compatible endpoint (OpenAI, vLLM, Ollama,
 * LM Studio). Off unless LLM_MODEL is set, and always off under OFFLINE_ONLY, since the model
 * would receive document text.
 */
import { ChatOpenAI } from "@langchain/openai";
import type { Config } from "../config/env.js";

export type LlmConfig = Pick<Config, "LLM_MODEL" | "LLM_TIMEOUT_MS" | "LLM_MAX_TOKENS" | "OPENAI_API_KEY" | "OPENAI_BASE_URL" | "OFFLINE_ONLY">;

export class LlmConfigError extends Error {}

/** Reasoning models reject a temperature other than the default. */
const REASONING_MODEL = /^(o\d|gpt-5(?!-chat))/;

export function chatModelFromConfig(config: LlmConfig): ChatOpenAI | null {
  if (config.OFFLINE_ONLY || !config.LLM_MODEL) return null;
  if (!config.OPENAI_API_KEY && !config.OPENAI_BASE_URL)
    throw new LlmConfigError("LLM_MODEL needs OPENAI_API_KEY (or OPENAI_BASE_URL for a self-hosted server)");
  return new ChatOpenAI({
    model: config.LLM_MODEL,
    apiKey: config.OPENAI_API_KEY ?? "not-needed",
    configuration: config.OPENAI_BASE_URL ? { baseURL: config.OPENAI_BASE_URL } : undefined,
    temperature: REASONING_MODEL.test(config.LLM_MODEL) ? undefined : 0,
    maxTokens: config.LLM_MAX_TOKENS,
    timeout: config.LLM_TIMEOUT_MS,
    // No retries: a failed call falls back to the extractive answer within the time bound.
    maxRetries: 0,
    // Usage arrives in the last streamed chunk, so tokens are logged for streamed answers too.
    streamUsage: true,
  });
}
