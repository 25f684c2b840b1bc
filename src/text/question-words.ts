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
