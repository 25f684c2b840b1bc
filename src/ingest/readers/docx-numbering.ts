/**
 * Word auto-numbering ("1.", "a)", "Điều 5.") is not text in a DOCX: it lives in numbering.xml and
 * mammoth only reports "ordered list, level n". Legal structure hangs on those numbers, so we read
 * the formats ourselves and replay Word's counters in document order.
 */
import { bullet, formatNumber } from "./list-numbers.js";
import { unzipEntry } from "./zip.js";

interface Level { fmt: string; text: string; start: number }
interface Numbering {
  abstracts: Map<string, Map<number, Level>>;
  nums: Map<string, { abstractId: string; starts: Map<number, number> }>;
  /** Paragraph style → numbering level attached to it (w:lvl/w:pStyle), as mammoth resolves it. */
  styles: Map<string, { abstractId: string; ilvl: number }>;
}

const attr = (xml: string, tag: string): string | undefined => new RegExp(`<w:${tag}\\b[^>]*?w:val="([^"]*)"`).exec(xml)?.[1];
const unescapeXml = (s: string): string =>
  s.replace(/&(lt|gt|quot|apos|amp|#x?[0-9a-f]+);/gi, (_m, e: string) =>
    ({ lt: "<", gt: ">", quot: '"', apos: "'", amp: "&" })[e.toLowerCase()] ??
    String.fromCodePoint(e[1].toLowerCase() === "x" ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10)));

function readNumbering(xml: string): Numbering {
  const numbering: Numbering = { abstracts: new Map(), nums: new Map(), styles: new Map() };
  for (const [, id, body] of xml.matchAll(/<w:abstractNum\b[^>]*?w:abstractNumId="(\d+)"[^>]*>([\s\S]*?)<\/w:abstractNum>/g)) {
    const levels = new Map<number, Level>();
    for (const [, ilvl, lvl] of body.matchAll(/<w:lvl\b[^>]*?w:ilvl="(\d+)"[^>]*>([\s\S]*?)<\/w:lvl>/g)) {
      levels.set(Number(ilvl), { fmt: attr(lvl, "numFmt") ?? "decimal", text: unescapeXml(attr(lvl, "lvlText") ?? ""), start: Number(attr(lvl, "start") ?? 1) });
      const style = attr(lvl, "pStyle");
      if (style) numbering.styles.set(style, { abstractId: id, ilvl: Number(ilvl) });
    }
    numbering.abstracts.set(id, levels);
  }
  for (const [, id, body] of xml.matchAll(/<w:num\b[^>]*?w:numId="(\d+)"[^>]*>([\s\S]*?)<\/w:num>/g)) {
    const abstractId = attr(body, "abstractNumId");
    if (abstractId === undefined) continue;
    const starts = new Map<number, number>();
    for (const [, ilvl, over] of body.matchAll(/<w:lvlOverride\b[^>]*?w:ilvl="(\d+)"[^>]*>([\s\S]*?)<\/w:lvlOverride>/g)) {
      const start = attr(over, "startOverride");
      if (start !== undefined) starts.set(Number(ilvl), Number(start));
    }
    numbering.nums.set(id, { abstractId, starts });
  }
  return numbering;
}

/**
 * Prefix ("1.", "a)", "Điều 3.", "-") for every numbered paragraph in document.xml, in order, or
 * undefined when the file has no numbering part. Counters follow Word: per abstract list, a level
 * restarts when a shallower level advances, and a w:num with startOverride restarts on first use.
 */
export function numberPrefixes(docx: Buffer): Array<{ ilvl: number; prefix: string }> | undefined {
  const numberingXml = unzipEntry(docx, "word/numbering.xml")?.toString("utf8");
  const documentXml = unzipEntry(docx, "word/document.xml")?.toString("utf8");
  if (!numberingXml || !documentXml) return undefined;
  const numbering = readNumbering(numberingXml);
  const counters = new Map<string, number[]>();
  const seenNums = new Set<string>();
  const out: Array<{ ilvl: number; prefix: string }> = [];
  // mammoth reads mc:Fallback and ignores tracked property changes: skip what it skips.
  const body = documentXml.replace(/<mc:Choice\b[\s\S]*?<\/mc:Choice>/g, "").replace(/<w:pPrChange\b[\s\S]*?<\/w:pPrChange>/g, "");
  for (const [, pPr] of body.matchAll(/<w:pPr\b[^>]*>([\s\S]*?)<\/w:pPr>/g)) {
    // Same resolution order as mammoth's readNumberingProperties.
    const numPr = /<w:numPr>([\s\S]*?)<\/w:numPr>/.exec(pPr)?.[1] ?? "";
    const ilvlAttr = attr(numPr, "ilvl");
    const numId = attr(numPr, "numId");
    const style = numbering.styles.get(attr(pPr, "pStyle") ?? "");
    let abstractId: string | undefined;
    let ilvl = 0;
    if (numId !== undefined && (ilvlAttr !== undefined || !style)) {
      abstractId = numbering.nums.get(numId)?.abstractId;
      ilvl = Number(ilvlAttr ?? 0);
    } else if (style) {
      ({ abstractId, ilvl } = style);
    }
    const levels = abstractId === undefined ? undefined : numbering.abstracts.get(abstractId);
    if (!levels || !levels.has(ilvl) || abstractId === undefined) continue;
    const count = counters.get(abstractId) ?? [];
    counters.set(abstractId, count);
    if (numId !== undefined && !seenNums.has(numId)) {
      seenNums.add(numId);
      for (const [l, start] of numbering.nums.get(numId)?.starts ?? []) count[l] = start - 1;
    }
    count[ilvl] = (count[ilvl] ?? (levels.get(ilvl)!.start - 1)) + 1;
    count.length = ilvl + 1; // deeper levels start over
    const level = levels.get(ilvl)!;
    const prefix = level.fmt === "bullet"
      ? bullet(level.text)
      : level.text.replace(/%([1-9])/g, (_m, d: string) => {
          const l = Number(d) - 1;
          return formatNumber(count[l] ?? levels.get(l)?.start ?? 1, levels.get(l)?.fmt ?? "decimal");
        });
    out.push({ ilvl, prefix });
  }
  return out;
}
