/**
 * Repairs of group headings broken by crawled texts (thuvienphapluat-style pages): a page title
 * before the heading ("Bộ luật dân sự 2015. Mục 1."), headings glued after a note or sentence,
 * a part and its first chapter on one line, a bare "MỤC" line followed by "2. TITLE", an article
 * written on one line with its clauses (see inline.ts).
 * Input line numbers are kept so warnings can point at the original text.
 */
import { splitArticleLine } from "./inline.js";
import { isCaps, stripNotes } from "./lines.js";
import { matchArticle } from "./patterns.js";

/**
 * Crawled pages put the page title before some group headings: "Bộ luật dân sự 2015. Mục 1." —
 * the heading is what follows the title.
 */
const PREFIXED_HEADING =
  /^.{3,200}?\.\s+((?:MỤC|Mục|Tiểu mục|TIỂU MỤC|CHƯƠNG|Chương)(?:\s+(?:[IVXLC]+|\d{1,3})(?![\p{L}\d])\s*[.:]?(?:\s+[\p{Lu}\d[(].*)?)?)$/u;

/** Where a group heading may be glued after a note or sentence: "... 28/02/2025] Chương V BẢO VỆ ...". */
const GLUE_POINT = /[\]).\p{Lu}]\s+(?=(?:Chương|CHƯƠNG|Mục|MỤC)\s+(?:[IVXLC]+|\d{1,3})(?![\p{L}\d])\s*[.:]?\s+[\p{Lu}[])/gu;
/** A part and its first chapter on one line: "Phần thứ hai QUYỀN SỞ HỮU ... Chương XI QUY ĐỊNH CHUNG". */
const PART_WITH_CHAPTER = /^((?:Phần|PHẦN)\s.*?)\s+((?:Chương|CHƯƠNG)\s+(?:[IVXLC]+|\d{1,3})(?![\p{L}\d])\s*[.:]?\s+[\p{Lu}[].*)$/u;

/** The segment is a heading: keyword, number, then a title in capitals (notes aside). */
function capsHeading(segment: string): boolean {
  return isCaps(stripNotes(segment).replace(/^\S+\s+\S+\s*[.:]?/u, ""));
}

/** Splits group headings glued to the end of a line (possibly several: "...] Chương IX ... Mục 1 ..."). */
function splitGlued(line: string): string[] {
  const starts: number[] = [];
  GLUE_POINT.lastIndex = 0;
  for (let m = GLUE_POINT.exec(line); m; m = GLUE_POINT.exec(line)) starts.push(m.index + m[0].length);
  if (starts.length === 0) return [line];
  const kept: number[] = [];
  let end = line.length;
  for (let k = starts.length - 1; k >= 0; k--) {
    if (capsHeading(line.slice(starts[k], end))) {
      kept.unshift(starts[k]);
      end = starts[k];
    }
  }
  if (kept.length === 0) return [line];
  const out = [line.slice(0, kept[0]).trim()];
  for (let k = 0; k < kept.length; k++) out.push(line.slice(kept[k], k + 1 < kept.length ? kept[k + 1] : line.length).trim());
  return out;
}

/**
 * Repairs group headings broken by the crawl, keeping track of input line numbers: strips a page
 * title before the heading, splits a heading glued after a note, and merges a bare "MỤC" /
 * "Chương" line with the numbered title on the next line.
 */
export function repairHeadings(raw: string[]): { lines: string[]; lineNo: number[] } {
  const lines: string[] = [];
  const lineNo: number[] = [];
  for (let i = 0; i < raw.length; i++) {
    const l = raw[i];
    if (/(?:Mục|MỤC|Chương|CHƯƠNG)/u.test(l)) {
      const m = PREFIXED_HEADING.exec(l);
      if (m && /^(?:Tiểu mục|TIỂU MỤC|Mục|MỤC)$/u.test(m[1]) && !(i + 1 < raw.length && /^(?:\d{1,3}|[IVXLC]+)[.:]?\s/u.test(raw[i + 1]))) {
        lines.push(l);
        lineNo.push(i + 1);
        continue;
      }
      if (m) {
        lines.push(m[1]);
        lineNo.push(i + 1);
        continue;
      }
      const g = /^(?:Phần|PHẦN)\s/u.test(l) ? PART_WITH_CHAPTER.exec(l) : null;
      if (g && capsHeading(g[2])) {
        lines.push(g[1], g[2]);
        lineNo.push(i + 1, i + 1);
        continue;
      }
      const pieces = splitGlued(l);
      if (pieces.length > 1) {
        for (const p of pieces) {
          lines.push(p);
          lineNo.push(i + 1);
        }
        continue;
      }
    }
    // "NỘI DUNG QUYỀN SỞ HỮU Tiểu mục" + "1. QUYỀN CHIẾM HỮU": the keyword belongs to the next line
    const tail = l.endsWith("ục") || l.endsWith("ỤC") ? /^(.*\S)\s+(Tiểu mục|TIỂU MỤC|Mục|MỤC)$/u.exec(l) : null;
    if (tail && isCaps(tail[1]) && i + 1 < raw.length && /^\d{1,3}\.\s+\p{Lu}/u.test(raw[i + 1])) {
      lines.push(tail[1], tail[2]);
      lineNo.push(i + 1, i + 1);
      continue;
    }
    const head = l.startsWith("Điều") || l.startsWith("Ðiều") ? matchArticle(l) : undefined;
    if (head?.punct && head.rest) {
      for (const piece of splitArticleLine(l, l.length - head.rest.length, raw[i + 1] ?? "")) {
        lines.push(piece);
        lineNo.push(i + 1);
      }
      continue;
    }
    lines.push(l);
    lineNo.push(i + 1);
  }
  for (let i = 0; i < lines.length; i++) {
    if (!/^(?:MỤC|Mục|Tiểu mục|TIỂU MỤC|CHƯƠNG|Chương|PHẦN|Phần)$/u.test(lines[i])) continue;
    let j = i + 1;
    while (j < lines.length && lines[j] === "") j++;
    if (j < lines.length && /^(?:[IVXLC]+|\d{1,3})(?![\p{L}\d])/u.test(lines[j])) {
      lines[i] = `${lines[i]} ${lines[j]}`;
      for (let k = i + 1; k <= j; k++) lines[k] = "";
      i = j;
    }
  }
  return { lines, lineNo };
}
