/**
 * Word 97 automatic list numbering ("Điều 1.", "1.", "a)", "Chương I" made by a list, not typed).
 * The numbers are not text in a .doc: a paragraph carries an LFO index and a level (sprmPIlfo,
 * sprmPIlvl — directly or through its style), the LFO names a list (LSTF) whose levels (LVL) give
 * the format and the number text, and Word counts as it lays the document out. We read those
 * tables ([MS-DOC] 2.5 Fib, 2.9 Clx/PlcBtePapx/STSH/PlfLst/PlfLfo) and replay the counters like
 * docx-numbering.ts does for DOCX. Anything out of bounds throws DocNumberingError: the caller
 * then keeps the plain text and says so.
 */
import { bullet, formatNumber, type NumberFormat } from "./list-numbers.js";

export class DocNumberingError extends Error {
  override name = "DocNumberingError";
}

/** The three streams of a Word 97 file that the numbering needs. */
export interface DocStreams {
  /** "WordDocument": the Fib, the text and the paragraph property pages. */
  word: Buffer;
  /** "0Table" or "1Table", as the Fib says. */
  table: Buffer;
  /** "Data": only for paragraphs whose properties are too large for their page (sprmPHugePapx). */
  data?: Buffer;
}

/** A paragraph of the main text by character positions: [start, mark), mark = its paragraph mark. */
export interface DocParagraph { start: number; mark: number }

/** Bounds-checked little-endian reads: a table pointing outside its stream is a malformed file. */
class View {
  constructor(readonly buf: Buffer, readonly what: string) {}
  private check(o: number, n: number): void {
    if (!Number.isInteger(o) || o < 0 || o + n > this.buf.length) throw new DocNumberingError(`${this.what}: byte ${o} beyond ${this.buf.length}`);
  }
  u8(o: number): number { this.check(o, 1); return this.buf.readUInt8(o); }
  u16(o: number): number { this.check(o, 2); return this.buf.readUInt16LE(o); }
  i16(o: number): number { this.check(o, 2); return this.buf.readInt16LE(o); }
  u32(o: number): number { this.check(o, 4); return this.buf.readUInt32LE(o); }
  i32(o: number): number { this.check(o, 4); return this.buf.readInt32LE(o); }
  slice(o: number, n: number): Buffer { this.check(o, n); return this.buf.subarray(o, o + n); }
  utf16(o: number, chars: number): string { return this.slice(o, chars * 2).toString("utf16le"); }
}

// FibRgFcLcb97 pairs we use (index of the fc/lcb pair, [MS-DOC] 2.5.6).
const FC_STSHF = 1, FC_PLCF_BTE_PAPX = 13, FC_CLX = 33, FC_PLF_LST = 73, FC_PLF_LFO = 74;
const SPRM_P_ILVL = 0x260a, SPRM_P_ILFO = 0x460b, SPRM_P_HUGE_PAPX = 0x6646;
const SPRM_T_DEF_TABLE = 0xd608, SPRM_P_CHG_TABS = 0xc615;

interface Fib { ccpText: number; fcLcb(i: number): { fc: number; lcb: number } }

function readFib(word: View): Fib {
  if (word.u16(0) !== 0xa5ec) throw new DocNumberingError("no Word 97 Fib");
  const csw = word.u16(32);
  const cslw = word.u16(34 + csw * 2);
  const rgLw = 36 + csw * 2;
  const cbRgFcLcb = word.u16(rgLw + cslw * 4);
  const rgFcLcb = rgLw + cslw * 4 + 2;
  return {
    ccpText: word.u32(rgLw + 12),
    fcLcb(i) {
      if (i >= cbRgFcLcb) return { fc: 0, lcb: 0 };
      return { fc: word.u32(rgFcLcb + i * 8), lcb: word.u32(rgFcLcb + i * 8 + 4) };
    },
  };
}

interface Piece { cpStart: number; cpEnd: number; fc: number; compressed: boolean }

/** The piece table (Clx → Pcdt → PlcPcd): where each run of character positions lives in WordDocument. */
function readPieces(table: View, fib: Fib): Piece[] {
  const { fc, lcb } = fib.fcLcb(FC_CLX);
  let pos = fc;
  while (table.u8(pos) === 0x01) pos += 3 + table.i16(pos + 1); // Prc: property modifiers, not needed here
  if (table.u8(pos) !== 0x02) throw new DocNumberingError("Clx without a piece table");
  const size = table.u32(pos + 1);
  if (pos + 5 + size > fc + lcb || (size - 4) % 12 !== 0) throw new DocNumberingError("piece table size");
  const n = (size - 4) / 12;
  const base = pos + 5;
  const pieces: Piece[] = [];
  for (let i = 0; i < n; i++) {
    const raw = table.u32(base + (n + 1) * 4 + i * 8 + 2);
    const compressed = (raw & 0x40000000) !== 0;
    const start = table.u32(base + i * 4);
    const end = table.u32(base + (i + 1) * 4);
    if (end < start) throw new DocNumberingError("piece table order");
    pieces.push({ cpStart: start, cpEnd: end, fc: compressed ? (raw & 0x3fffffff) / 2 : raw, compressed });
  }
  return pieces;
}

/** Paragraphs of the main text: each ends at a paragraph mark (0x0D) or a table cell/row mark (0x07). */
function findParagraphs(word: View, pieces: Piece[], ccpText: number): Array<DocParagraph & { fc: number }> {
  const out: Array<DocParagraph & { fc: number }> = [];
  let start = 0;
  for (const p of pieces) {
    for (let cp = p.cpStart; cp < Math.min(p.cpEnd, ccpText); cp++) {
      const fc = p.fc + (cp - p.cpStart) * (p.compressed ? 1 : 2);
      const ch = p.compressed ? word.u8(fc) : word.u16(fc);
      if (ch !== 0x0d && ch !== 0x07) continue;
      out.push({ start, mark: cp, fc });
      start = cp + 1;
    }
  }
  return out;
}

/** What a grpprl says about lists: LFO index and level when present, and the PAPX's style. */
interface ListProps { ilfo?: number; ilvl?: number }

/** Walks a grpprl (a run of Sprm + operand); sizes by spra, with the two variable-size exceptions. */
function readGrpprl(v: View, pos: number, end: number, data: View | undefined, into: ListProps): void {
  while (pos + 2 <= end) {
    const sprm = v.u16(pos);
    const op = pos + 2;
    let size: number;
    switch (sprm >> 13) {
      case 0: case 1: size = 1; break;
      case 2: case 4: case 5: size = 2; break;
      case 3: size = 4; break;
      case 7: size = 3; break;
      default:
        if (sprm === SPRM_T_DEF_TABLE) size = v.u16(op) + 1;
        else if (sprm === SPRM_P_CHG_TABS && v.u8(op) === 255) {
          const del = v.u8(op + 1);
          const add = v.u8(op + 2 + del * 4);
          size = 1 + 1 + del * 4 + 1 + add * 3;
        } else size = v.u8(op) + 1;
    }
    if (op + size > end) throw new DocNumberingError(`sprm ${sprm.toString(16)} runs past its grpprl`);
    if (sprm === SPRM_P_ILFO) into.ilfo = v.i16(op);
    else if (sprm === SPRM_P_ILVL) into.ilvl = v.u8(op);
    else if (sprm === SPRM_P_HUGE_PAPX && data) {
      // The real grpprl is in the Data stream: PrcData = cbGrpprl, grpprl.
      const at = v.u32(op);
      readGrpprl(data, at + 2, at + 2 + data.u16(at), undefined, into);
    }
    pos = op + size;
  }
}

/** Paragraph properties at a paragraph mark's file position: PlcBtePapx → PapxFkp → PapxInFkp. */
function papxReader(word: View, table: View, fib: Fib, data: View | undefined): (fc: number) => ListProps & { istd: number } {
  const { fc, lcb } = fib.fcLcb(FC_PLCF_BTE_PAPX);
  if (lcb < 4 || (lcb - 4) % 8 !== 0) throw new DocNumberingError("PlcBtePapx size");
  const n = (lcb - 4) / 8;
  const pages = new Map<number, View>();
  return (at) => {
    let i = -1;
    for (let k = 0; k < n; k++) if (table.u32(fc + k * 4) <= at && at < table.u32(fc + (k + 1) * 4)) { i = k; break; }
    if (i < 0) return { istd: 0 }; // not covered: Word's defaults
    const pn = table.u32(fc + (n + 1) * 4 + i * 4) & 0x3fffff;
    let page = pages.get(pn);
    if (!page) pages.set(pn, (page = new View(word.slice(pn * 512, 512), "PapxFkp")));
    const crun = page.u8(511);
    for (let j = 0; j < crun; j++) {
      if (!(page.u32(j * 4) <= at && at < page.u32((j + 1) * 4))) continue;
      const bOffset = page.u8((crun + 1) * 4 + j * 13);
      if (bOffset === 0) return { istd: 0 };
      let pos = bOffset * 2;
      let cb = page.u8(pos++) * 2 - 1;
      if (cb === -1) cb = page.u8(pos++) * 2;
      const props: ListProps & { istd: number } = { istd: page.u16(pos) };
      readGrpprl(page, pos + 2, pos + cb, data, props);
      return props;
    }
    return { istd: 0 };
  };
}

/** Paragraph styles' list properties, each already merged with those of the styles it is based on. */
function readStyles(table: View, fib: Fib): Array<ListProps | undefined> {
  const { fc, lcb } = fib.fcLcb(FC_STSHF);
  if (lcb === 0) return [];
  const cbStshi = table.u16(fc);
  const cstd = table.u16(fc + 2);
  const cbStdBase = table.u16(fc + 4);
  const own: Array<{ base: number; props: ListProps } | undefined> = [];
  let pos = fc + 2 + cbStshi;
  for (let istd = 0; istd < cstd; istd++) {
    const cbStd = table.u16(pos);
    const std = pos + 2;
    pos = std + cbStd;
    if (cbStd === 0) continue;
    if (table.u16(std + 2) % 16 !== 1) continue; // stk: only paragraph styles carry a paragraph UPX
    const base = table.u16(std + 2) >> 4;
    const nameChars = table.u16(std + cbStdBase);
    let upx = std + cbStdBase + 2 + nameChars * 2 + 2; // xstzName: cch, chars, terminating zero
    const cbUpx = table.u16(upx);
    upx += 2;
    const props: ListProps = {};
    if (cbUpx >= 2) readGrpprl(table, upx + 2, upx + cbUpx, undefined, props); // UpxPapx: istd, grpprl
    own[istd] = { base, props };
  }
  const resolved: Array<ListProps | undefined> = [];
  const resolve = (istd: number, depth: number): ListProps => {
    const s = own[istd];
    if (!s || depth > 10) return {};
    const inherited = s.base === 0xfff ? {} : resolve(s.base, depth + 1);
    return { ...inherited, ...s.props };
  };
  for (let istd = 0; istd < own.length; istd++) if (own[istd]) resolved[istd] = resolve(istd, 0);
  return resolved;
}

interface Level { start: number; fmt: NumberFormat; legal: boolean; noRestart: boolean; restartLim: number; text: string; slots: Set<number> }

const NFC: Record<number, NumberFormat> = { 0: "decimal", 1: "upperRoman", 2: "lowerRoman", 3: "upperLetter", 4: "lowerLetter", 22: "decimalZero", 23: "bullet", 255: "none" };

/** An LVL: LVLF (28 bytes), grpprlPapx, grpprlChpx, then the number text with level placeholders. */
function readLevel(table: View, pos: number): { level: Level; end: number } {
  const flags = table.u8(pos + 5);
  const slots = new Set<number>();
  for (let k = 0; k < 9; k++) {
    const at = table.u8(pos + 6 + k);
    if (at === 0) break;
    slots.add(at - 1); // 1-based character positions of the placeholders in xst
  }
  const xst = pos + 28 + table.u8(pos + 25) + table.u8(pos + 24);
  const cch = table.u16(xst);
  const level: Level = {
    start: table.i32(pos),
    fmt: NFC[table.u8(pos + 4)] ?? "decimal",
    legal: (flags & 0x04) !== 0,
    noRestart: (flags & 0x08) !== 0,
    restartLim: table.u8(pos + 26),
    text: table.utf16(xst + 2, cch),
    slots,
  };
  return { level, end: xst + 2 + cch * 2 };
}

/** PlfLst: the lists by lsid, each with its 1 or 9 levels (the LVLs follow the PlfLst). */
function readLists(table: View, fib: Fib): Map<number, Level[]> {
  const { fc, lcb } = fib.fcLcb(FC_PLF_LST);
  const lists = new Map<number, Level[]>();
  if (lcb === 0) return lists;
  const count = table.i16(fc);
  if (count < 0 || 2 + count * 28 > lcb) throw new DocNumberingError("PlfLst count");
  let pos = fc + lcb;
  for (let i = 0; i < count; i++) {
    const lstf = fc + 2 + i * 28;
    const levels: Level[] = [];
    for (let l = 0; l < ((table.u8(lstf + 26) & 1) ? 1 : 9); l++) {
      const { level, end } = readLevel(table, pos);
      levels.push(level);
      pos = end;
    }
    lists.set(table.i32(lstf), levels);
  }
  return lists;
}

interface Lfo { lsid: number; starts: Map<number, number>; levels: Map<number, Level> }

/** PlfLfo: the LFOs a paragraph's ilfo points at (1-based), with their per-level overrides. */
function readLfos(table: View, fib: Fib): Lfo[] {
  const { fc, lcb } = fib.fcLcb(FC_PLF_LFO);
  if (lcb === 0) return [];
  const count = table.u32(fc);
  if (4 + count * 16 > lcb) throw new DocNumberingError("PlfLfo count");
  const lfos: Lfo[] = [];
  let pos = fc + 4 + count * 16;
  for (let i = 0; i < count; i++) {
    const lfo: Lfo = { lsid: table.i32(fc + 4 + i * 16), starts: new Map(), levels: new Map() };
    const overrides = table.u8(fc + 4 + i * 16 + 12);
    pos += 4; // LFOData.cp
    for (let k = 0; k < overrides; k++) {
      const start = table.i32(pos);
      const flags = table.u32(pos + 4);
      pos += 8;
      const ilvl = flags & 0x0f;
      if (flags & 0x10) lfo.starts.set(ilvl, start);
      if (flags & 0x20) {
        const { level, end } = readLevel(table, pos);
        lfo.levels.set(ilvl, level);
        pos = end;
      }
    }
    lfos.push(lfo);
  }
  return lfos;
}

/**
 * Label ("Điều 3.", "2.", "b)", "Chương II", "-") for each automatically numbered paragraph of the
 * main text, keyed by the paragraph's first character position; empty when the file has no lists.
 * `shown` says whether a paragraph is in the final text (not a deleted revision): only those count.
 * Counters follow Word: per list, a level restarts when a shallower one advances (unless the level
 * says not to), and an LFO that overrides a level's start restarts it where the LFO is first used.
 */
export function docListLabels(streams: DocStreams, shown: (p: DocParagraph) => boolean): Map<number, string> {
  const word = new View(streams.word, "WordDocument");
  const table = new View(streams.table, "table stream");
  const data = streams.data?.length ? new View(streams.data, "Data") : undefined;
  const fib = readFib(word);
  const labels = new Map<number, string>();
  if (fib.fcLcb(FC_PLF_LFO).lcb === 0) return labels;
  const lists = readLists(table, fib);
  const lfos = readLfos(table, fib);
  const styles = readStyles(table, fib);
  const papx = papxReader(word, table, fib, data);
  const counters = new Map<number, Array<number | undefined>>();
  const seen = new Set<number>();
  for (const para of findParagraphs(word, readPieces(table, fib), fib.ccpText)) {
    const own = papx(para.fc);
    const style = styles[own.istd];
    const ilfo = own.ilfo ?? style?.ilfo ?? 0;
    const ilvl = own.ilvl ?? style?.ilvl ?? 0;
    if (ilfo < 1 || ilfo > lfos.length || !shown(para)) continue;
    const lfo = lfos[ilfo - 1];
    const list = lists.get(lfo.lsid);
    if (!list) throw new DocNumberingError(`LFO ${ilfo} names a missing list`);
    const levels = list.map((lvl, l) => lfo.levels.get(l) ?? lvl);
    if (ilvl >= levels.length) continue;
    const count = counters.get(lfo.lsid) ?? [];
    counters.set(lfo.lsid, count);
    if (!seen.has(ilfo)) {
      seen.add(ilfo);
      for (const [l, start] of lfo.starts) count[l] = start - 1;
    }
    count[ilvl] = (count[ilvl] ?? levels[ilvl].start - 1) + 1;
    for (let l = ilvl + 1; l < levels.length; l++) if (!levels[l].noRestart || ilvl < levels[l].restartLim) count[l] = undefined;
    const level = levels[ilvl];
    const label = level.fmt === "bullet"
      ? bullet(level.text)
      : level.text.split("").map((ch, i) => { // placeholders are UTF-16 positions
          if (!level.slots.has(i)) return ch;
          const l = ch.charCodeAt(0);
          if (l >= levels.length) return "";
          return formatNumber(count[l] ?? levels[l].start, level.legal ? "decimal" : levels[l].fmt);
        }).join("");
    if (label) labels.set(para.start, label);
  }
  return labels;
}
