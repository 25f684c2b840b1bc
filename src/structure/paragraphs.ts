/** Paragraph assembly for prose layouts (directives, articles): blank lines and wrapped lines. */
import { endsClause } from "./lines.js";

export interface Paragraph {
  text: string;
  /** 0-based index of the paragraph's first line in the input. */
  line: number;
}

/**
 * Groups lines into paragraphs. A blank line always ends a paragraph. A line continues the previous
 * one when it starts in lower case after text that does not end a clause, or when the text is hard
 * wrapped (PDF: most lines about the same width) and the previous line was a full-width line without
 * final punctuation. `isStart` marks lines that always start a paragraph (numbered sections, bullets).
 */
export function toParagraphs(lines: string[], isStart: (line: string) => boolean): Paragraph[] {
  const width = wrapWidth(lines);
  const out: Paragraph[] = [];
  let cur: Paragraph | undefined;
  let prevLine = "";
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    if (!line) {
      cur = undefined;
      prevLine = "";
      continue;
    }
    if (cur && !isStart(line)) {
      // after "Vùng đồng bằng sông Cửu Long:" a lower-case line ("cuối năm 1982;") still continues the item
      const lowerStart = /^\p{Ll}/u.test(line) && (!endsClause(prevLine) || /:\s*$/u.test(prevLine));
      const wrapped = width > 0 && prevLine.length >= width * 0.8 && !endsClause(prevLine);
      if (lowerStart || wrapped) {
        cur.text += (/^[,;.)]/u.test(line) ? "" : " ") + line;
        prevLine = line;
        continue;
      }
    }
    cur = { text: line, line: i };
    out.push(cur);
    prevLine = line;
  }
  return out;
}

/**
 * Typical width of hard-wrapped text (PDF extraction), or 0 when lines are whole paragraphs: the
 * 80th percentile of line lengths, when many lines share it within a few characters.
 */
function wrapWidth(lines: string[]): number {
  const lens = lines.filter((l) => l.length > 0).map((l) => l.length).sort((a, b) => a - b);
  if (lens.length < 10) return 0;
  const p80 = lens[Math.floor(lens.length * 0.8)];
  if (p80 > 160) return 0;
  const near = lens.filter((l) => l >= p80 * 0.85 && l <= p80 * 1.1).length;
  return near >= lens.length * 0.3 ? p80 : 0;
}
