/** Line-level helpers: splitting, quotation tracking, text joining, capitals detection. */

/** Lines of the text, trimmed, with runs of spaces collapsed; empty lines kept as "". */
export function splitLines(text: string): string[] {
  const raw = text.split(/\r\n|\r|\n/);
  const out = new Array<string>(raw.length);
  for (let i = 0; i < raw.length; i++) {
    const l = raw[i];
    const messy = l.includes("  ") || l.includes("\t") || l.includes("\u00a0");
    out[i] = messy ? l.replace(/[ \t\u00a0]+/g, " ").trim() : l.trim();
  }
  return out;
}

const OPEN_QUOTES = "“„«";

/** Opening quotation mark at the start of a line (after optional spaces). */
export function startsWithOpenQuote(line: string): boolean {
  const c = line.charAt(0);
  return OPEN_QUOTES.includes(c) || (c === '"' && line.length > 1 && line.charAt(1) !== " ");
}

/**
 * Reduces a line's quotation marks to "c closes then o opens" so that the depth after the line is
 * max(depth - c, 0) + o. Straight quotes open before a non-space and after a space, else close.
 */
function quoteEffect(line: string): { c: number; o: number } {
  let c = 0;
  let o = 0;
  for (let i = 0; i < line.length; i++) {
    const ch = line.charCodeAt(i);
    // fast skip of ordinary characters
    if (ch !== 0x201c && ch !== 0x201e && ch !== 0xab && ch !== 0x201d && ch !== 0xbb && ch !== 0x22) continue;
    const s = line[i];
    let open: boolean;
    if (s === '"') {
      const prev = i === 0 ? " " : line[i - 1];
      const next = i + 1 < line.length ? line[i + 1] : " ";
      open = /[\s([{]/.test(prev) && !/\s/.test(next);
    } else {
      open = OPEN_QUOTES.includes(s);
    }
    if (open) o++;
    else if (o > 0) o--;
    else c++;
  }
  return { c, o };
}

/** An amending instruction whose quotation starts on the same line: "... như sau: “4. ...". */
const AMEND_INTRO = /(?:như sau|sau đây)\s*:?\s*(?:\[[^\]]*\]\s*)*["“„]/u;

/** Longest span a quotation may run over lines before we assume its closing mark is missing. */
const MAX_QUOTE_LINES = 2500;

/**
 * For each line, whether it lies inside quoted text: it starts with an opening quotation mark, or a
 * quotation opened on an earlier line is still open. Amending documents quote whole articles this
 * way. A line that starts with an opening mark resets the depth (the previous quote is taken as
 * closed), and a quotation that never closes is ignored rather than swallowing the rest of the text.
 * A mark opened in the middle of a line carries over only after "như sau:" (amending instructions),
 * and stops before a line for which `breaks` is true (a heading).
 */
export function quotedLines(lines: string[], breaks?: (line: string) => boolean): boolean[] {
  const n = lines.length;
  const effects = lines.map(quoteEffect);
  const startsOpen = lines.map(startsWithOpenQuote);
  const amends = lines.map((l) => (l.includes("như sau") || l.includes("sau đây")) && AMEND_INTRO.test(l));
  const quoted = new Array<boolean>(n).fill(false);
  /**
   * End of the last scan that found no closing mark. Depth resets at every line that opens a
   * quotation (at its start or after "như sau:"), and every region starts on such a line, so a scan
   * reaching one inside that span would fail the same way: this keeps texts full of unclosed
   * quotations linear instead of quadratic.
   */
  let failUntil = -1;
  let i = 0;
  while (i < n) {
    let depth = 0;
    // scan one region starting at line i
    const start = i;
    if (startsOpen[i]) quoted[i] = true;
    const e = effects[i];
    depth = Math.max(0 - e.c, 0) + e.o;
    // only a quotation that opens the line, or follows "như sau:", may run over the next lines;
    // other unclosed marks are typos ("Sông Gianh “") and would swallow real structure
    if (depth === 0 || !(startsOpen[i] || amends[i])) {
      i++;
      continue;
    }
    // region open after line `start`: find where it closes
    const midLine = !startsOpen[i];
    let j = start + 1;
    let closed = -1;
    if (start <= failUntil) {
      i = start + 1;
      continue;
    }
    while (j < n && j - start <= MAX_QUOTE_LINES) {
      // a new quotation or amending instruction means the previous quotation has ended
      const reset = startsOpen[j] || amends[j];
      if (reset && j <= failUntil) break;
      if (midLine && breaks?.(lines[j])) {
        // a quotation opened mid-line does not run over a heading: its closing mark is missing
        closed = j - 1;
        break;
      }
      if (reset) depth = 0;
      const ej = effects[j];
      depth = Math.max(depth - ej.c, 0) + ej.o;
      if (depth === 0) {
        closed = j;
        break;
      }
      j++;
    }
    if (closed < 0) {
      // never closed: treat only the opening line as quoted
      failUntil = Math.max(failUntil, j);
      i = start + 1;
      continue;
    }
    for (let k = start + 1; k <= closed; k++) quoted[k] = true;
    i = closed + 1;
  }
  return quoted;
}

/** True when the text ends a sentence or clause (so a following line starts a new paragraph). */
export function endsClause(s: string): boolean {
  // only the tail is looked at: unit texts grow line by line and may be long
  return /[.:;!?…”"'’»)\]]\s*$/u.test(s.length > 16 ? s.slice(-16) : s);
}

/**
 * Appends a line to unit text: a line that starts in lower case after text that does not end a
 * clause is a wrapped continuation and joins with a space; otherwise lines stay separate.
 */
export function joinLine(prev: string, line: string): string {
  if (!prev) return line;
  if (!line) return prev;
  if (/^[,;.)]/u.test(line)) return prev + line;
  if (!endsClause(prev) && /^\p{Ll}/u.test(line)) return prev + " " + line;
  return prev + "\n" + line;
}

/** Letters of the string are all upper case (at least `min` letters). */
export function isCaps(s: string, min = 3): boolean {
  let letters = 0;
  for (const ch of s) {
    if (/\p{L}/u.test(ch)) {
      if (ch !== ch.toUpperCase() || ch === ch.toLowerCase()) return false;
      letters++;
    }
  }
  return letters >= min;
}

/** Removes editorial notes in square brackets ("[1]", "[Điều này được sửa đổi bởi ...]"). */
export function stripNotes(s: string): string {
  if (!s.includes("[")) return s.trim();
  return s.replace(/\s*\[[^\]\n]{0,4000}\]\s*/gu, " ").replace(/\s+/g, " ").trim();
}

/** The editorial notes of a string, joined with spaces ("" when none, footnote numbers skipped). */
export function notesOf(s: string): string {
  const notes = s.match(/\[[^\]\n]{0,4000}\]/gu) ?? [];
  return notes.filter((x) => !/^\[\d+\]$/u.test(x)).join(" ");
}
