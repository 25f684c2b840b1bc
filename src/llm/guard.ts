/**
 * Injection and leak guard on model output: a sentence that repeats an instruction to break the
 * rules, or a stretch of the system prompt, is never shown — even when a document contains the
 * very same words, since such a line is no answer to a question.
 */
import { foldKey } from "../text/normalize.js";
import { syllables } from "./support.js";

/** Folded phrasings of "ignore the rules" / "show the prompt"; kept narrow so legal prose passes. */
const INJECTION = [
  /\bbo qua (cac |moi |tat ca |nhung )?(huong dan|chi dan|quy tac)\b/,
  /\b(ignore|disregard|forget) (all |the |any )?(previous|above|prior|earlier) (instructions|rules|prompts?)\b/,
  /\bsystem prompt\b/,
  /\b(loi nhac|chi dan) he thong\b/,
  /\bin ra (cac |toan bo )?(huong dan|chi dan|quy tac|prompt)\b/,
];

/** Length of a run of words shared with the system prompt that counts as leaking it. */
const LEAK_WORDS = 6;

function shingles(words: string[], n: number): Set<string> {
  const out = new Set<string>();
  for (let i = 0; i + n <= words.length; i++) out.add(words.slice(i, i + n).join(" "));
  return out;
}

export class OutputGuard {
  private readonly promptShingles: Set<string>;

  constructor(systemPrompt: string) {
    this.promptShingles = shingles(syllables(systemPrompt), LEAK_WORDS);
  }

  /** Why a sentence must not be shown, or undefined when it may be. */
  reject(sentence: string): "injection" | "prompt_leak" | undefined {
    const folded = foldKey(sentence);
    if (INJECTION.some((re) => re.test(folded))) return "injection";
    for (const s of shingles(syllables(sentence), LEAK_WORDS)) if (this.promptShingles.has(s)) return "prompt_leak";
    return undefined;
  }
}
