/**
 * Fitting text to limits without cutting words: a stem is shortened only at clause boundaries
 * (commas, semicolons, colons) around the key fact, and only while enough words remain to make
 * sense — otherwise the candidate is skipped. Explanations are display text and clip at words.
 */

const ELLIPSIS = "…";
/** Words a shortened stem must keep besides the fact, to still say something. */
const MIN_WORDS = 6;

/** Offsets where a clause starts: the text's start and after ", " "; " ": ". */
export function clauseStarts(s: string): number[] {
  const starts = [0];
  for (const m of s.matchAll(/[,;:]\s+/gu)) starts.push(m.index! + m[0].length);
  return starts;
}

function words(s: string): number {
  return s.split(/\s+/).filter((w) => /[\p{L}\p{N}]/u.test(w)).length;
}

/**
 * `s` with [start, end) replaced by `fill`, shortened to whole clauses around it to fit `max`;
 * undefined when even the clause holding the fact is too long, or too few words would remain.
 * `keepFrom` extends the part that must stay to the clause holding that offset (a list's lead).
 */
export function clauseWindow(s: string, start: number, end: number, fill: string, max: number, keepFrom = start): string | undefined {
  const starts = clauseStarts(s);
  const bounds = [...starts, s.length + 1];
  const render = (a: number, b: number): string => {
    const body = (s.slice(a, start) + fill + s.slice(end, b)).trim();
    // A list item ends with "; và" or ",": the stem ends on its words.
    const cut = b < s.length ? body.replace(/[,;:]$/u, "") + ELLIPSIS : body.replace(/(?:[,;]|\s+(?:và|hoặc))+$/u, "");
    // A window opening on the blank needs no "…": the blank is the subject of what follows.
    return a > 0 && a < start ? ELLIPSIS + cut : cut;
  };
  let i = starts.filter((x) => x <= Math.min(start, keepFrom)).length - 1;
  let j = bounds.findIndex((x) => x >= end && x > starts[i]);
  if (render(starts[i], Math.min(bounds[j], s.length)).length > max) return undefined;
  // Grow to the right first (a sentence reads on), then to the left, while it fits.
  for (let grown = true; grown; ) {
    grown = false;
    if (j + 1 < bounds.length && render(starts[i], Math.min(bounds[j + 1], s.length)).length <= max) (j++, (grown = true));
    else if (i > 0 && render(starts[i - 1], Math.min(bounds[j], s.length)).length <= max) (i--, (grown = true));
  }
  const text = render(starts[i], Math.min(bounds[j], s.length));
  return words(text) - words(fill) >= MIN_WORDS ? text : undefined;
}

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
 * what a trainee sees after answering.
 */
export function explanation(answerLine: string, source: string, sentence: string, start: number, end: number, max: number): string {
  const first = clipWords(answerLine, Math.floor(max / 2));
  const second = clipWords(source, max - first.length - 1);
  const room = max - first.length - second.length - 2 - 3; // two line breaks, «» and a space
  const lines = [first, second];
  if (room >= 30) lines.push(`«${wordWindow(sentence, start, end, room)}»`);
  return lines.join("\n");
}
