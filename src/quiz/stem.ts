/**
 * Display text within limits: an explanation's lines (rephrased shorter first, then clipped at
 * words) and the excerpt of the document around the key fact. Stems are never cut: they are
 * rephrased (src/quiz/shorten.ts) or skipped.
 */
import { fitText, shortest } from "./shorten.js";

const ELLIPSIS = "…";

/** Cuts at a word boundary with an ellipsis. */
export function clipWords(s: string, max: number): string {
  if (s.length <= max) return s;
  const cut = s.lastIndexOf(" ", max - 1);
  return s.slice(0, cut > 0 ? cut : max - 1).replace(/[\s,;:]+$/u, "") + ELLIPSIS;
}

/** Words around [start, end) of `s`, whole words only, at most `max` characters. */
export function wordWindow(s: string, start: number, end: number, max: number): string {
  if (s.length <= max) return s;
  let a = start;
  let b = end;
  const core = s.slice(a, b);
  if (core.length + 2 > max) return clipWords(core, max);
  for (let grown = true; grown; ) {
    grown = false;
    const nb = s.indexOf(" ", b + 1);
    const right = nb < 0 ? s.length : nb;
    const na = a > 0 ? s.lastIndexOf(" ", a - 2) + 1 : -1;
    const cost = (x: number, y: number) => y - x + (x > 0 ? 1 : 0) + (y < s.length ? 1 : 0);
    if (b < s.length && cost(a, right) <= max) (b = right, (grown = true));
    if (na >= 0 && a > 0 && cost(na, b) <= max) (a = na, (grown = true));
  }
  return (a > 0 ? ELLIPSIS : "") + s.slice(a, b).trim() + (b < s.length ? ELLIPSIS : "");
}

/**
 * Three lines within the limits: the answer, the source, then the true text around the fact —
 * what a trainee sees after answering. The answer and source lines are shortened by rephrasing
 * (src/quiz/shorten.ts) first; only what still does not fit is clipped, and the quoted excerpt is
 * the document's words around the fact.
 */
export function explanation(answerLine: string, source: string, sentence: string, start: number, end: number, max: number): string {
  // The answer and the source are rephrased shorter before anything is clipped.
  const first = clipWords(fitText(answerLine, Math.floor(max / 2)) ?? shortest(answerLine), Math.floor(max / 2));
  const second = clipWords(fitText(source, max - first.length - 1) ?? shortest(source), max - first.length - 1);
  const room = max - first.length - second.length - 2 - 3; // two line breaks, «» and a space
  const lines = [first, second];
  if (room >= 30) lines.push(`«${wordWindow(sentence, start, end, room)}»`);
  return lines.join("\n");
}
