/**
 * How well a scan was read, measured against the text it was made from: article recall (each
 * "Điều N" of the source found by the structure parser in the OCR'd text) and the character error
 * rate of each article (edit distance over the source article's length, whitespace folded).
 */
import { parseStructure } from "../../src/structure/index.js";
import { unitFullText, type ParsedDocument } from "../../src/model/document.js";

/** Levenshtein distance, two rows. */
export function editDistance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  let cur = new Array<number>(b.length + 1);
  for (let i = 1; i <= a.length; i++) {
    cur[0] = i;
    for (let j = 1; j <= b.length; j++) {
      cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a.charCodeAt(i - 1) === b.charCodeAt(j - 1) ? 0 : 1));
    }
    [prev, cur] = [cur, prev];
  }
  return prev[b.length];
}

const fold = (s: string): string => s.normalize("NFC").replace(/\s+/g, " ").trim();

/** Heading and full text of each article, by number. */
function articles(text: string): Map<string, string> {
  const parsed = parseStructure(text);
  const doc = { meta: {} as ParsedDocument["meta"], ...parsed } as ParsedDocument;
  const out = new Map<string, string>();
  doc.units.forEach((u, i) => {
    if (u.type === "dieu" && !out.has(u.label)) out.set(u.label, fold(`${u.heading ?? ""} ${unitFullText(doc, i)}`));
  });
  return out;
}

export interface OcrScore {
  articles: number;
  found: number;
  recall: number;
  /** Mean and worst character error rate over the source's articles (a missing article counts 1). */
  meanCer: number;
  worstCer: number;
  worstArticle?: string;
}

export function scoreOcr(source: string, ocr: string): OcrScore {
  const want = articles(source);
  const got = articles(ocr);
  let found = 0;
  let sum = 0;
  let worst = 0;
  let worstArticle: string | undefined;
  for (const [label, text] of want) {
    const read = got.get(label);
    if (read !== undefined) found++;
    const cer = read === undefined ? 1 : Math.min(1, editDistance(text, read) / Math.max(1, text.length));
    sum += cer;
    if (cer >= worst) [worst, worstArticle] = [cer, label];
  }
  const n = want.size;
  return { articles: n, found, recall: n ? found / n : 1, meanCer: n ? sum / n : 0, worstCer: worst, worstArticle };
}
