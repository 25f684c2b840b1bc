/**
 * The words of a question that say what it is about, for the "do the documents treat this?" gate.
 * How a question is asked is not what it is about: a statement to judge ("…, đúng hay sai?"), a
 * multiple-choice stem ("Hành vi nào sau đây bị cấm? A. … B. …"), a short story ending in "Hỏi …"
 * with its made-up people ("anh Nguyễn Văn A", "chị B"). Those framings are written the same way in
 * every domain, so removing them follows from Vietnamese, not from one benchmark.
 */

import { foldKey, hasDiacritics } from "../text/normalize.js";

/** Verdict and choice framings ("đúng hay sai", "phải không", "nào sau đây", "Hỏi:"). */
const FRAMING = new RegExp(
  [
    "(?:là\\s+)?(?:đúng|sai)\\s+hay\\s+(?:sai|đúng|không)",
    "(?:có\\s+)?(?:đúng|phải)\\s+(?:không|chăng)",
    "nhận\\s+định\\s+(?:sau|trên|này)(?:\\s+đây)?",
    "(?:nào\\s+)?(?:sau|dưới)\\s+đây",
    "(?:^|[.?!:]\\s*)(?:hỏi|câu\\s+hỏi|trả\\s+lời|đáp\\s+án)\\s*:?",
  ].join("|"),
  "giu",
);

/**
 * How a chat question is said, not what it asks: the sentence-final particles of spoken Vietnamese
 * ("vậy", "ạ", "nhé", "hả"), a greeting or thanks ("cho em hỏi", "luật sư ơi", "cảm ơn"), the
 * asker's "tôi", "tui" ("sân nhà tôi"), and the function words of speech written Vietnamese does
 * without ("rồi", "nữa", "nó", "người ta", "thằng"). No document uses them, so each would weigh
 * like the rarest word against every passage. Matched with their tone marks only: without marks
 * "nha", "vay", "toi" are "nhà", "vay", "tội".
 */
const SPOKEN = new RegExp(
  `(?<![\\p{L}\\p{N}])(?:${[
    "(?:cho|xin)(?:\\s+(?:em|tôi|tui|mình|cháu|con|anh|chị))?\\s+hỏi",
    "(?:luật\\s+sư|ad|admin|anh\\s+chị|mọi\\s+người|các\\s+bác|bot)\\s+ơi",
    "giúp\\s+(?:em|tôi|tui|mình|cháu)\\s+với",
    "(?:xin\\s+)?(?:cảm|cám)\\s+ơn(?:\\s+nhiều)?",
    "ạ|à|ư|nhỉ|nhé|hả|hở|hén|vậy|đấy|chứ|ơi|nè|dạ|vâng|ak|ah|z|dzậy|zậy",
    "tôi|tui|tớ|tao",
    "rồi|nữa|nó|người\\s+ta|lắm|thằng|đứa",
  ].join("|")})(?![\\p{L}\\p{N}])`,
  "giu",
);
/** "nha", "nhen" end a question typed with tone marks; typed without, "nha" is "nhà". */
const SPOKEN_UNMARKED = /(?<![\p{L}\p{N}])(?:nha|nhen)(?![\p{L}\p{N}])/giu;

/** Option letters of a multiple-choice question: "A.", "B)", "c/" at a word start. */
const OPTION = /(?<![\p{L}\p{N}])[A-Da-d][.)/](?=\s)/gu;

/** Kinship and courtesy words that introduce a person in a story. */
const PERSON = "anh|chị|ông|bà|em|cháu|cô|chú|bác|bạn|cụ|vợ|chồng|con";
/** "anh A", "chị Nguyễn Thị B", "ông X": the title and the capitalised name after it. */
const NAMED = new RegExp(`(?<![\\p{L}])(?:${PERSON.replace(/(^|\|)(\p{L})/gu, (_m, bar: string, c: string) => `${bar}[${c}${c.toUpperCase()}]`)})\\s+((?:\\p{Lu}[\\p{L}\\p{M}]*\\s*){1,4})`, "gu");
/** A lone capital letter standing for a person or party ("A cho B vay"). */
const LETTER = /(?<![\p{L}\p{N}.\/-])\p{Lu}(?![\p{L}\p{N}.\/-])/gu;

/** "Hỏi:" / "Câu hỏi:" after a story: what follows is what is asked. */
const ASKED = /(?:^|[.?!:;]\s*)(?:câu\s+hỏi|hỏi)\s*:?\s+/giu;
/** Where the options of a multiple-choice question start: "A." after the stem's "?" or ":". */
const OPTIONS_START = /[?:]\s*(?:[Aa][.)/]|\(?[Aa]\))\s/u;

/**
 * What is asked, for the gate: after a story, the sentence after "Hỏi"; in a multiple-choice
 * question, the stem (the options are candidate answers, most of them wrong by design).
 */
export function askedPart(question: string): string {
  let q = question;
  const options = OPTIONS_START.exec(q);
  if (options) q = q.slice(0, options.index + 1);
  const asked = [...q.matchAll(ASKED)].at(-1);
  if (asked && asked.index! > 0) q = q.slice(asked.index! + asked[0].length);
  return q;
}

/** In a question typed in capitals every word looks like a name. */
const inCapitals = (text: string) => (text.match(/\p{Lu}/gu) ?? []).length > (text.match(/\p{Ll}/gu) ?? []).length;

/** The asked part's words without its framing and its story's names; the rest verbatim. */
export function informativeText(question: string): string {
  const capitals = inCapitals(question);
  // A removed word breaks the run, so its neighbours do not make a pair no document holds.
  let q = askedPart(question).replace(FRAMING, " ").replace(OPTION, " ").replace(SPOKEN, " , ");
  if (hasDiacritics(question)) q = q.replace(SPOKEN_UNMARKED, " , ");
  if (!capitals) q = q.replace(NAMED, (m, name: string) => m.slice(0, m.length - name.length)).replace(LETTER, " ");
  return q.replace(/\s+/gu, " ").trim();
}

/** A word inside a sentence (not opening it) that starts with a capital. */
const INNER_CAPITAL = /(?<=[\p{L}\p{N},)"”]\s+)\p{Lu}[\p{L}\p{M}\p{N}]*/gu;

/**
 * Folded syllables of the names in a text: words capitalised inside a sentence ("xã Hòa Phong",
 * "vịnh Hạ Long", "Bộ Công an"). A name says who or where, not what is asked: the gate never
 * refuses for want of one. None in a text typed in capitals (nor, unavoidably, in one typed
 * without them).
 */
export function nameSyllables(text: string): Set<string> {
  if (inCapitals(text)) return new Set();
  return new Set([...text.matchAll(INNER_CAPITAL)].map((m) => foldKey(m[0])));
}
