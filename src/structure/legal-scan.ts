/**
 * First pass of the legal layout: repaired lines, quotations, appendices, the end of the body,
 * and the choice of article headings (see articles.ts). Also used for layout detection.
 */
import { chooseArticles, type ArticleCandidate } from "./articles.js";
import { quotedLines, splitLines, stripNotes } from "./lines.js";
import {
  endsInReference,
  isBodyEnd,
  isFootnote,
  matchAppendix,
  matchArticle,
  matchChapter,
  matchPart,
  type ArticleHead,
} from "./patterns.js";
import { repairHeadings } from "./repair.js";

export interface LegalScan {
  lines: string[];
  /** 1-based input line number of each line (headings split by repairs share a number). */
  lineNo: number[];
  quoted: boolean[];
  /** Per line: article heading when the line is one (before sequence filtering). */
  articleHeads: Map<number, ArticleHead>;
  /** Lines chosen as article headings. */
  articles: Set<number>;
  /** Lines that open an appendix (PHỤ LỤC, Mẫu số ...). */
  appendices: Set<number>;
  warnings: string[];
}

/** A line that is a heading by shape alone (used to end quotations whose closing mark is missing). */
function isHeadingLine(line: string): boolean {
  const a = matchArticle(line);
  if (a) return a.strength === "strong" && a.punct;
  return matchChapter(line) !== undefined || matchPart(line) !== undefined;
}

/** First pass: quotation, appendices, body end and article candidates; then the article choice. */
export function scanLegal(text: string): LegalScan {
  const { lines, lineNo } = repairHeadings(splitLines(text));
  const quoted = quotedLines(lines, isHeadingLine);
  const articleHeads = new Map<number, ArticleHead>();
  const appendices = new Set<number>();
  const cands: ArticleCandidate[] = [];
  let seenArticle = false;
  let postBody = false;
  let inAppendix = false;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    if (!line || quoted[i]) continue;
    if (seenArticle && (isBodyEnd(line) || isFootnote(line))) {
      postBody = true;
      continue;
    }
    if (matchAppendix(line, postBody)) {
      appendices.add(i);
      inAppendix = true;
      continue;
    }
    if (inAppendix) {
      if (matchChapter(line)) inAppendix = false;
      else continue;
    }
    const head = matchArticle(line);
    if (head) {
      if (head.strength !== "ref" && i > 0 && lines[i - 1] && !quoted[i - 1] && endsInReference(lines[i - 1])) {
        head.strength = "ref";
      }
      articleHeads.set(i, head);
      const title = stripNotes(head.rest);
      const titled = head.punct && title.length > 0 && title.length <= 160 && !/[.:;…]$/u.test(title) && !/\.{3}|…/u.test(title);
      cands.push({ line: i, lineNo: lineNo[i], label: head.label, strength: head.strength, postBody, titled });
      seenArticle = true;
    }
  }
  const choice = chooseArticles(cands);
  return { lines, lineNo, quoted, articleHeads, articles: choice.accepted, appendices, warnings: choice.warnings };
}
