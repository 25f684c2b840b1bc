/**
 * Articles written on one line: "Điều 12a. Tác giả 1. Tác giả là ... 2. Người hỗ trợ ... a) ...",
 * as crawled texts print inserted articles, or "Điều 2. 1. Nhà nước ..." where the first clause
 * starts on the heading line. The line is cut before each clause and point marker so the usual
 * line-by-line parse sees them. Markers must come in order (1., 2., 3. … and a), b), c) … inside a
 * clause) and be followed by a capital, so "đến 2.000.000 đồng" or "khoản 2 Điều 5" stay text.
 */
import { VIET_LETTERS } from "./numbering.js";

/** "1." / "1-" / "1)" followed by a capital (or an opening quote). */
const clauseAt = (n: number) => new RegExp(`(?:^|\\s)(${n})\\s*(?:\\.(?!\\d)|-(?!\\d)|\\))\\s+(?=[\\p{Lu}“"«])`, "u");
/** "a)" followed by anything, or "a." / "a-" followed by a capital. */
const pointAt = (letter: string) => new RegExp(`(?:^|\\s)(${letter})(?:\\)\\s*|[.\\-]\\s+(?=\\p{Lu}))`, "u");

/** Cuts `text` before successive markers produced by `at(k)` for k = first, next(first) ... */
function cutSequence<K>(text: string, first: K, next: (k: K) => K | undefined, at: (k: K) => RegExp, from = 0): string[] {
  const pieces: string[] = [];
  let rest = text;
  let offset = from;
  for (let k: K | undefined = first; k !== undefined; k = next(k)) {
    const m = at(k).exec(rest.slice(offset));
    if (!m) break;
    const start = offset + m.index + (m[0].length - m[0].trimStart().length);
    pieces.push(rest.slice(0, start).trim());
    rest = rest.slice(start);
    offset = 1;
  }
  pieces.push(rest.trim());
  return pieces.filter(Boolean);
}

const nextLetter = (l: string) => VIET_LETTERS[VIET_LETTERS.indexOf(l) + 1];

/** Clause pieces of a run-together article body, each further cut at its points. */
function splitClauses(body: string): string[] {
  const clauses = cutSequence<number>(body, 1, (n) => n + 1, clauseAt);
  return clauses.flatMap((c) => {
    // points start after the clause's own words ("1. Kiểm ngư viên ... có quyền: a) ...")
    const cut = cutSequence<string>(c, "a", nextLetter, pointAt, 1);
    return cut.length > 1 && /:\s*$/u.test(cut[0]) ? cut : [c];
  });
}

/**
 * The lines an article heading line stands for: itself when it holds a title only, else the
 * heading ("Điều 12a. Tác giả") followed by one line per clause and point. `headLength` is the
 * length of "Điều 12a." (the part before the title).
 */
export function splitArticleLine(line: string, headLength: number, nextLine = ""): string[] {
  const head = line.slice(0, headLength).trim();
  const rest = line.slice(headLength).trim();
  // the first clause opens the line: "Điều 2. 1. Nhà nước ..."
  const first = clauseAt(1).exec(rest);
  if (!first) return [line];
  const title = rest.slice(0, first.index).trim();
  const clauses = splitClauses(rest.slice(first.index).trim());
  // one clause only is not a run-together list: "Điều 5. Quy định 1. lần" is left as written
  if (clauses.length < 2 && title && !clauseAt(2).test(nextLine)) return [line];
  return [title ? `${head} ${title}` : head, ...clauses];
}
