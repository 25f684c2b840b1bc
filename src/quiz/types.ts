/** Quiz questions as data: channels and exporters render them, `verifyQuestion` checks them. */
import type { Citation } from "../model/citation.js";

/**
 * Multiple choice, true/false, "which is NOT in the list" (three items of a list and one from
 * elsewhere), and a short scenario ("Tình huống: Anh A … Theo Điều 5 …, Anh A ……") whose key is
 * what a rule of the document says follows.
 */
export type QuizKind = "mcq" | "truefalse" | "not" | "scenario";
export const QUIZ_KINDS: QuizKind[] = ["mcq", "truefalse", "not", "scenario"];

/**
 * Dễ: a true statement, an item of a list; vừa: a blanked fact, a false statement, a scenario's
 * consequence; khó: "which is NOT", close amounts (a scenario's deadline too).
 */
export type Difficulty = "de" | "vua" | "kho";
export const DIFFICULTIES: Difficulty[] = ["de", "vua", "kho"];

/** What the blanked key fact is; distractors are always of the same type. */
export type FactType = "duration" | "date" | "percent" | "money" | "count" | "level" | "body" | "list-item" | "consequence";

export interface QuizQuestion {
  /** Stable for the same question from the same unit: for de-duplication and answer records. */
  id: string;
  kind: QuizKind;
  /** Multiple choice: the sentence with the key fact blanked ("……"). True/false: the statement. Scenario: the situation, then the blanked question. */
  stem: string;
  /** Four options, or ["Đúng", "Sai"]; for "not", three items of the list and the one that is not. */
  options: string[];
  /** Index of the correct option. */
  correct: number;
  /** Answer, source and the true text, within Telegram's quiz explanation limits. */
  explanation: string;
  /** The unit the question rests on; the correct option is stated in its text and no distractor is. */
  citation: Citation;
  /** Verbatim sentence (or list item) of the cited unit. */
  quote: string;
  /** The key fact as written in the unit; for a true/false statement, the true fact. */
  answer: string;
  /** A false true/false statement: the same-type value put in place of `answer`. */
  swapped?: string;
  /** The kind of fact asked about; "written" for questions drafted by a QuizWriter. */
  fact: FactType | "written";
  level: Difficulty;
  /** Shortened to fit the target's limits (abbreviations, short document name, parenthetical or tail dropped). */
  rephrased?: boolean;
}

/** Length limits a question must fit; longer ones are rephrased shorter (src/quiz/shorten.ts) or skipped. */
export interface QuizLimits {
  stem: number;
  option: number;
  explanation: number;
  explanationLineBreaks: number;
}

/** Telegram quiz polls: question 1–300, option 1–100, explanation 0–200 with at most 2 line breaks. */
export const TELEGRAM_LIMITS: QuizLimits = { stem: 300, option: 100, explanation: 200, explanationLineBreaks: 2 };
/** Kahoot's spreadsheet import: question 120, answer 75 characters. */
export const KAHOOT_LIMITS: QuizLimits = { stem: 120, option: 75, explanation: 200, explanationLineBreaks: 2 };


export const TRUE_FALSE = ["Đúng", "Sai"] as const;
export const BLANK = "……";
export const MAX_COUNT = 200;

/** A request the trainer can fix (unknown document, nothing on the topic, count out of range). */
export class QuizError extends Error {}
