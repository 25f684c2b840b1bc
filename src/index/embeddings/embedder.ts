/**
 * The embedder the index is built with, chosen by configuration. Any LangChain `Embeddings`
 * fits; the id is stored with the index so vectors of different models are never mixed.
 */
import type { Embeddings } from "@langchain/core/embeddings";
import { OpenAIEmbeddings } from "@langchain/openai";
import type { Config } from "../../config/env.js";
import { HashingEmbeddings } from "./hashing.js";
import { CorpusEmbeddings } from "./corpus.js";

export interface Embedder {
  id: string;
  dimensions: number;
  model: Embeddings;
  /** Remote embedders cost money and time: their vectors are cached by text hash. */
  remote: boolean;
  /**
   * Learnt from the documents at ingest (corpus vectors): ingest fits it on the blocks and stores
   * it with the index version, which then embeds questions with it. `model` is unused until then.
   */
  learn?: (texts: string[]) => CorpusEmbeddings;
}

/** Dimensions of the corpus vectors (fewer for a corpus too small to have that many directions). */
const CORPUS_DIMENSIONS = 128;

export class EmbedderConfigError extends Error {}

export function embedderFromConfig(config: Pick<Config, "EMBEDDER" | "EMBEDDING_MODEL" | "OPENAI_API_KEY" | "OPENAI_BASE_URL" | "OFFLINE_ONLY">): Embedder | null {
  if (config.EMBEDDER === "none") return null;
  if (config.EMBEDDER === "openai") {
    if (config.OFFLINE_ONLY) throw new EmbedderConfigError("EMBEDDER=openai conflicts with OFFLINE_ONLY=1: document text may not leave this machine");
    if (!config.OPENAI_API_KEY && !config.OPENAI_BASE_URL)
      throw new EmbedderConfigError("EMBEDDER=openai needs OPENAI_API_KEY (or OPENAI_BASE_URL for a self-hosted server)");
    const model = new OpenAIEmbeddings({
      model: config.EMBEDDING_MODEL,
      apiKey: config.OPENAI_API_KEY ?? "not-needed",
      configuration: config.OPENAI_BASE_URL ? { baseURL: config.OPENAI_BASE_URL } : undefined,
      maxRetries: 2,
      // The client otherwise asks for base64 and decodes blindly: a self-hosted server that answers
      // with plain floats anyway would yield garbage vectors. Floats are understood everywhere.
      encodingFormat: "float",
    });
    // The dimension is learnt from the first vector; the id pins model and endpoint.
    return { id: `openai:${config.OPENAI_BASE_URL ?? "api.openai.com"}:${config.EMBEDDING_MODEL}`, dimensions: 0, model, remote: true };
  }
  if (config.EMBEDDER === "corpus") {
    const model = new HashingEmbeddings();
    return { id: `corpus-lsa-v1-${CORPUS_DIMENSIONS}`, dimensions: CORPUS_DIMENSIONS, model, remote: false, learn: (texts) => CorpusEmbeddings.fit(texts, CORPUS_DIMENSIONS) };
  }
  const model = new HashingEmbeddings();
  return { id: model.id, dimensions: model.dimensions, model, remote: false };
}
