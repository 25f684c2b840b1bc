/** What the engine returns: structured data that channels and the CLI only render. */
import type { Citation } from "../model/citation.js";
import type { DocMeta } from "../model/document.js";
import type { AnswerSentence, TokenUsage } from "../llm/types.js";
import type { Focus } from "../model/question.js";

export type { AnswerSentence, Focus, TokenUsage };

export type AskStatus = "answer" | "unit" | "not_found" | "invalid";

export type WarningCode =
  | "superseded"
  | "not_loaded"
  | "question_truncated"
  | "document_not_named"
  | "unit_not_found"
  | "partly_unsupported";

export interface EngineWarning {
  code: WarningCode;
  /** Vietnamese, ready to show. */
  message: string;
}

export interface AskResult {
  question: string;
  status: AskStatus;
  answer: AnswerSentence[];
  /** The passages the answer rests on, best first. */
  citations: Citation[];
  /** Further passages that matched, for "Văn bản liên quan". */
  related: Citation[];
  warnings: EngineWarning[];
  /** Why nothing was found (Vietnamese), when status is not_found or invalid. */
  reason?: string;
  focus?: Focus;
  /** How the answer was written: from the documents' sentences, or by the configured LLM. */
  mode: "extractive" | "llm";
  /** The user's words when a follow-up was rewritten into `question` by the LLM. */
  rewrittenFrom?: string;
  /** LLM tokens spent on this answer (rewrite and writing), when a model was called. */
  tokens?: TokenUsage;
  tookMs: number;
}

export interface CatalogEntry extends DocMeta {
  loaded: boolean;
}

export interface AskOptions {
  /** Subject of the previous answer in this chat, for follow-ups ("còn khoản 3 thì sao?"). */
  focus?: Focus;
  /** Number of citations wanted (default 3). */
  maxCitations?: number;
  /** The previous question in this chat, so an LLM can rewrite a follow-up into a stand-alone one. */
  previousQuestion?: string;
  /**
   * Streaming hook for channels that edit a message as the LLM writes (see WriteRequest.onPartial):
   * verified sentences so far, at most once a second. Never called for extractive answers.
   */
  onPartial?: (text: string) => void;
}

/** A searched block (article, directive section) matching a topic, with its best sentence. */
export interface PassageHit {
  /** Cites the best-matching unit inside the block; `quote` is that unit (when short) or the sentence. */
  citation: Citation;
  /** The best-matching sentence, verbatim. */
  sentence: string;
  /** Index of the block unit in its document. */
  block: number;
  /** Share of the topic's content words the block contains (0..1), as gated by `ask`. */
  coverage: number;
}
