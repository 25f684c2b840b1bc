/** What the engine returns: structured data that channels and the CLI only render. */
import type { Citation } from "../model/citation.js";
import type { DocMeta } from "../model/document.js";
import type { Explanation } from "../index/scorer.js";
import type { AnswerSentence, TokenUsage } from "../llm/types.js";
import type { Focus } from "../model/question.js";

export type { AnswerSentence, Focus, TokenUsage };

/** Warnings the engine emits; each is also given as a Vietnamese message. */
export type WarningCode = "superseded" | "question_truncated" | "document_not_named" | "partly_unsupported";

export interface EngineWarning {
  code: WarningCode;
  /** Vietnamese, ready to show. */
  message: string;
}

/** What every result carries, whatever its kind. */
interface AskCommon {
  question: string;
  warnings: EngineWarning[];
  /** How the answer was written: from the documents' sentences, or by the configured LLM. */
  mode: "extractive" | "llm";
  /** The user's words when a follow-up was rewritten into `question` by the LLM. */
  rewrittenFrom?: string;
  /** LLM tokens spent on this answer (rewrite and writing), when a model was called. */
  tokens?: TokenUsage;
  tookMs: number;
}

/** An answer found by search: the direct answer sentences, the passages they rest on, related ones. */
export interface AnswerResult extends AskCommon {
  status: "answer";
  answer: AnswerSentence[];
  /** The passages the answer rests on, best first. */
  citations: Citation[];
  /** Further passages that matched, for "Văn bản liên quan". */
  related: Citation[];
  focus?: Focus;
  reason?: never;
}

/** A unit asked for by name ("Điều 5 Nghị định 73") or by a follow-up: its text, cited. */
export interface UnitResult extends AskCommon {
  status: "unit";
  answer: [];
  citations: Citation[];
  related: [];
  focus: Focus;
  reason?: never;
}

/** Nothing to show: the documents do not answer (`not_found`) or the question is unusable (`invalid`). */
export interface NoAnswerResult extends AskCommon {
  status: "not_found" | "invalid";
  answer: [];
  citations: [];
  related: [];
  /** Why, in Vietnamese, ready to show. */
  reason: string;
  focus?: Focus;
}

/** What `Engine.ask` returns, by kind: renderers switch on `status`. */
export type AskResult = AnswerResult | UnitResult | NoAnswerResult;

export type AskStatus = AskResult["status"];

/** A result before the engine adds the fields common to all kinds. */
export type Drafted = AskResult extends infer R ? (R extends AskResult ? Omit<R, keyof AskCommon> & { mode?: AskCommon["mode"] } : never) : never;

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
export interface QuotedBlock {
  /** Cites the best-matching unit inside the block; `quote` is that unit (when short) or the sentence. */
  citation: Citation;
  /** The best-matching sentence, verbatim. */
  sentence: string;
  /** Index of the block unit in its document. */
  block: number;
  /** Share of the topic's content words the block contains (0..1), as gated by `ask`. */
  coverage: number;
}

/** Why each hit ranked and which gates it passed (`Engine.explain`). */
export interface ExplainReport {
  question: string;
  /** The words the coverage gate weighs (framing, options and names left out). */
  askedPart: string;
  /** Documents the question names, searched first. */
  named: string[];
  /** The term of a definition question, whose defining passage is boosted. */
  definition?: string;
  /** The holder a duty question asks about, whose assigning passage is preferred in its block. */
  dutyHolder?: string;
  minCoverage: number;
  /** Share of the question's two-syllable words a hit must hold as well. */
  minWordCoverage: number;
  /** Coverage a hit needs when it lacks a specific term of the question (`absent`). */
  minCoverageWithoutRare: number;
  answerable: boolean;
  /** `absent`: a specific term of the question (few units use it) that the hit lacks: it cannot answer. */
  hits: Array<{ label: string; coverage: number; wordCoverage: number; absent?: string; gate: "cited" | "related" | "below coverage" | "below relative score"; explanation: Explanation }>;
}
