/**
 * Contracts between the engine and an optional language model. The engine owns retrieval and
 * citations; a writer only phrases sentences over passages the engine chose, by position.
 */

/** Tokens a model call (or several, summed) consumed, as the endpoint reported them. */
export interface TokenUsage {
  input: number;
  output: number;
  total: number;
}

/** One sentence of the direct answer and the citations (by index) it rests on. */
export interface AnswerSentence {
  text: string;
  citations: number[];
}

/** A retrieved unit as the model sees it: shown as "[i+1]" for the passage at index i. */
export interface Passage {
  /** "khoản 2 Điều 5 — Quy chế …": where the text comes from, rendered by the engine. */
  label: string;
  /** The engine's verbatim text of the unit. */
  text: string;
}

export interface WriteRequest {
  question: string;
  passages: Passage[];
  /**
   * Streaming hook: called with the answer so far, made only of sentences that already passed
   * verification, at most once per `partialIntervalMs` of the writer (1 s by default). The final
   * AskResult replaces it (and may be the extractive answer if the model fails later on).
   */
  onPartial?: (text: string) => void;
}

/** Why a model answer was not used; logged, and the engine answers extractively instead. */
export type FallbackCause =
  | "timeout"
  | "rate_limited"
  | "server_error"
  | "request_rejected"
  | "network_error"
  | "empty_output"
  | "malformed_output"
  | "format_ignored"
  | "model_not_found"
  | "no_supported_sentence"
  | "internal_error";

export type WriteOutcome =
  | {
      ok: true;
      /** Citation indexes point into the request's passages. */
      sentences: AnswerSentence[];
      /** Sentences removed for lacking support: the answer is then marked partly unsupported. */
      dropped: number;
      usage?: TokenUsage;
    }
  | { ok: false; cause: FallbackCause; usage?: TokenUsage };

/** Writes a fluent answer from passages; never throws — a failure is an outcome. */
export interface AnswerWriter {
  write(req: WriteRequest): Promise<WriteOutcome>;
}

export interface RewriteRequest {
  question: string;
  previousQuestion?: string;
  /** Label of the unit the conversation is about ("Điều 3 — Quy chế …"). */
  focusLabel?: string;
}

/** Turns a follow-up into a stand-alone question; `question` is absent when it could not. */
export interface QuestionRewriter {
  rewrite(req: RewriteRequest): Promise<{ question?: string; usage?: TokenUsage }>;
  /**
   * The question in the documents' wording, searched beside the user's words (never shown, never
   * replacing them); `question` is absent when it could not. Never throws.
   */
  toDocumentTerms?(question: string): Promise<{ question?: string; usage?: TokenUsage }>;
}
