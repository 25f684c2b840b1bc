/**
 * Scoring of answers against gold answers (eval answer mode): yes/no and true/false answers by
 * their leading word, exactly; multiple choice by the letter; short answers by containment of
 * the gold words in the answer, folded, with numbers compared by value ("07 năm" = "7 năm").
 */
import { syllables } from "../llm/support.js";

const YES = new Set(["co", "dung", "duoc"]);
const NO = new Set(["khong", "sai", "chua"]);
const CHOICE = /^[A-D]$/i;

function polarity(word: string | undefined): "yes" | "no" | undefined {
  if (word === undefined) return undefined;
  return YES.has(word) ? "yes" : NO.has(word) ? "no" : undefined;
}

/** Gold answers that are a verdict ("Đúng", "Sai", "Có", "Không") rather than content. */
export function isPolar(gold: string): boolean {
  const words = syllables(gold);
  return words.length === 1 && polarity(words[0]) !== undefined;
}

/** True when the shown answer gives the gold answer. */
export function answerCorrect(shown: string, gold: string): boolean {
  const g = gold.trim();
  if (isPolar(g)) return polarity(syllables(shown)[0]) === polarity(syllables(g)[0]);
  if (CHOICE.test(g)) return shown.match(/(?<![\p{L}\p{N}])([A-D])(?![\p{L}\p{N}])/u)?.[1] === g.toUpperCase();
  return containsWords(shown, g);
}

/** The gold words appear, in order and contiguous, in the text (folded, numbers by value). */
export function containsWords(text: string, gold: string): boolean {
  const g = syllables(gold).join(" ");
  return g.length > 0 && ` ${syllables(text).join(" ")} `.includes(` ${g} `);
}
