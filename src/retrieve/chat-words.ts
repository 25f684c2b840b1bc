/**
 * Chat shorthand spelled out: members type "ko", "đc", "cty", "j" where they mean "không", "được",
 * "công ty", "gì". Left as typed, each is a word no document uses, so it weighs like the rarest word
 * and sinks the question below the answer gate; spelled out, it is an ordinary word again. Only
 * shorthand that means one thing in Vietnamese chat is listed ("bn" only before what is counted,
 * "k" never as a point letter, "điểm k"); a question typed without tone marks gets the words
 * without marks, so it stays a question without marks.
 */
import { foldDiacritics, hasDiacritics } from "../text/normalize.js";

/** Shorthand (lower case, as typed) → the words it stands for. */
const SHORTHAND: Record<string, string> = {
  ko: "không", k0: "không", khg: "không", hok: "không", khum: "không",
  đc: "được", dc: "được",
  j: "gì",
  cty: "công ty",
  ng: "người",
  vs: "với",
  mk: "mình", mik: "mình",
  vk: "vợ", ck: "chồng",
  ntn: "như thế nào",
  bnhiu: "bao nhiêu", bnhieu: "bao nhiêu",
  trc: "trước",
  r: "rồi",
  nvqs: "nghĩa vụ quân sự",
  bít: "biết",
};

/** "bn" is also "bạn": it means "bao nhiêu" only before what is counted, or ending the question. */
const COUNTED = /^\s*(?:(?:tiền|tien|tuổi|tuoi|năm|nam|tháng|thang|tuần|tuan|ngày|ngay|giờ|gio|tiếng|tieng|lần|lan|phần trăm|phan tram|người|nguoi)(?![\p{L}])|%|[?]|$)/iu;

/** Letters that name a point of a clause ("điểm k", "điểm r"): never shorthand after "điểm". */
const POINT = /(?:điểm|diem)\s+$/iu;

const WORD = /(?<![\p{L}\p{N}])([\p{L}\p{N}]+)(?![\p{L}\p{N}])/gu;

/** The question with chat shorthand written out; everything else as typed. */
export function spelledOut(question: string): string {
  const marked = hasDiacritics(question);
  return question.replace(WORD, (word: string, _w: string, at: number, all: string) => {
    const lower = word.toLowerCase();
    // "Ko" opening the question is still shorthand; "K", "CTY" and other capitals are not.
    if (word !== lower && (word.length < 2 || word.slice(1) !== lower.slice(1))) return word;
    const write = (words: string) => {
      const w = marked ? words : foldDiacritics(words);
      return word === lower ? w : w[0].toUpperCase() + w.slice(1);
    };
    const before = all.slice(Math.max(0, at - 8), at);
    if (lower === "k") return POINT.test(before) || /\d\s*$/u.test(before) ? word : write("không");
    if (lower === "bn") return COUNTED.test(all.slice(at + 2)) ? write("bao nhiêu") : word;
    // "hông", "hem" are southern "không" only where a question ends ("có được hông?"); a toneless
    // "hong" may be "hỏng" and is left alone.
    if (lower === "hông" || lower === "hem") return /^\s*(?:[?!.]|$)/u.test(all.slice(at + word.length)) ? write("không") : word;
    const full = SHORTHAND[lower];
    if (!full || (word.length === 1 && POINT.test(before))) return word;
    return write(full);
  });
}
