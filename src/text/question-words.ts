import { foldDiacritics, searchForm } from "./normalize.js";

/**
 * Words that frame a Vietnamese question rather than say what it is about ("là gì", "bao nhiêu",
 * "thế nào", "hãy liệt kê"), in one place: search, coverage, quoting, the support check and the
 * talking-points gate derive their lists from these.
 */

/** Question, request and linking syllables, accented: they say what is asked, not what the answer holds. */
export const QUESTION_SYLLABLES: readonly string[] = (
  "gì nào bao nhiêu lâu ai mấy đâu sao thế như không có là phải hỏi được những các của và theo thì về cho trong với khi nếu " +
  "hãy liệt kê mô tả nên trình bày biết"
).split(" ");

/**
 * Question syllables in their search form, and "điều" as in "những điều gì" (a unit reference,
 * "Điều 5", is read from the question apart).
 */
const QUESTION_ACCENTED = new Set([...QUESTION_SYLLABLES.map(searchForm), "điều"]);
const QUESTION_FOLDED = new Set([...QUESTION_ACCENTED].map(foldDiacritics));

/**
 * True when a syllable (search form: `searchForm`, lower-case NFC) frames the question rather than
 * naming its subject. Typed with tone marks, it is one only as written: "cơ" in "cơ quan" is not
 * "có", nor "hội" in "Quốc hội" "hỏi", nor "bảo" "bao". Typed without, "co" may be either, and
 * is taken as the question word, as before. `folded`: its folded form, when the caller has it.
 */
export function isQuestionWord(accented: string, folded = foldDiacritics(accented)): boolean {
  return folded === accented ? QUESTION_FOLDED.has(folded) : QUESTION_ACCENTED.has(accented);
}

/**
 * Interrogatives and requests cut out of the searched words, so that no syllable pair spans them;
 * `folded`: also cut when typed without tone marks, the toneless form being no other word ("gi",
 * "bao nhieu" — not "may", "dau", "nao", "hay").
 */
export const INTERROGATIVES: ReadonlyArray<{ words: string; folded?: true }> = [
  { words: "gì", folded: true },
  { words: "nào" },
  { words: "bao nhiêu", folded: true },
  { words: "bao lâu", folded: true },
  { words: "ai" },
  { words: "mấy" },
  { words: "đâu" },
  { words: "ra sao", folded: true },
  { words: "thế nào", folded: true },
  { words: "như nào", folded: true },
  { words: "hãy" },
  { words: "liệt kê" },
  { words: "mô tả" },
];

/**
 * Words naming the kind of amount asked for ("bao nhiêu phần trăm"): documents write the figure
 * ("50%"), so these say what kind of answer is wanted, not what the question is about.
 */
export const AMOUNT_WORDS: readonly string[] = ["phần trăm"];
