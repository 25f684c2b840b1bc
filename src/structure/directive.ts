/**
 * Directive layout (Party directives, conclusions, instructions, official letters): header block →
 * preamble; narrative paragraphs before the first section → "doan" units "1", "2" ...; roman parts
 * "I." → "phan" (id "phan-ii"); numbered sections "1." → "muc" (id "muc-2", or "phan-ii/muc-2" inside
 * parts, numbering restarting per part) with the lead phrase as heading; "2.1." → child "muc";
 * bullets "-", "+", "•" and lettered items "a)" → "y" units. Prose after a section's items that is
 * not its last item's own (see trailing.ts) → "doan" children of the section, after its items, numbered
 * on from the section's own paragraphs ("đoạn 2 mục 3", as laws cite "đoạn 2 khoản 1 Điều 23"). The
 * signature block ends the body.
 */
import type { Unit } from "../model/document.js";
import { UnitBuilder } from "./builder.js";
import { endsClause, isCaps, splitLines } from "./lines.js";
import { romanToInt } from "./numbering.js";
import { toParagraphs } from "./paragraphs.js";
import { DIRECTIVE_KIND, isBodyEnd } from "./patterns.js";
import { continuationCount } from "./trailing.js";

const ROMAN_RE = /^([IVXLC]{1,6})\s*[.\-–:)/]\s*(.*)$/u;
/** "1.", "1)" and the Party's "1-" */
const SECTION_RE = /^(\d{1,2})\s*(?:\.(?!\d)|\)|-(?!\d))\s*(.*)$/u;
const SUB_RE = /^(\d{1,2})\.(\d{1,2})\.?(?!\d)\s*(.*)$/u;
const BULLET_RE = /^([-–—+•●▪◦○·*])\s*(.*)$/u;
/** "a)", or "a-" / "a." before a capital (Party numbering) */
const LETTER_RE = /^([a-zđ])(?:\)\s*|[.\-]\s+(?=\p{Lu}))(.*)$/u;

function isHeaderish(line: string): boolean {
  if (line.length > 300) return false;
  return (
    isCaps(line) ||
    /^[-–_*=.\s]+$/u.test(line) ||
    /^Số(?![\p{L}])/u.test(line) ||
    /Độc lập\s*[-–]\s*Tự do/u.test(line) ||
    /Kính gửi/u.test(line) ||
    /^V\/v\b/u.test(line) ||
    (line.length < 120 && /ngày\s+\d{1,2}\s+tháng\s+\d{1,2}\s+năm\s+\d{4}/u.test(line))
  );
}

/** Splits "…, ngày … CHỈ THỊ VỀ … TRONG CẢ NƯỚC Ngày 24 tháng 6 …" after the capitalised title. */
function splitAfterKind(line: string): [string, string] {
  const m = DIRECTIVE_KIND.exec(line);
  if (!m) return [line, ""];
  const after = line.slice(m.index + m[0].length);
  const tokens = after.split(/(\s+)/u);
  let k = 0;
  let consumed = 0;
  while (k < tokens.length) {
    const t = tokens[k];
    if (/\p{Ll}/u.test(t)) break;
    consumed += t.length;
    k++;
  }
  const cut = m.index + m[0].length + consumed;
  return [line.slice(0, cut).trim(), line.slice(cut).trim()];
}

export interface HeaderSplit {
  header: string[];
  /** Index of the first body line. */
  bodyStart: number;
  /** Body text split off the last header line (run-together headers), if any. */
  carry?: string;
}

/** Finds where the header block (national header, number, date, kind and title lines) ends. */
export function splitDirectiveHeader(lines: string[]): HeaderSplit {
  const header: string[] = [];
  let afterKind = false;
  let seen = 0;
  let first = true;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    if (!line) continue;
    if (++seen > 40) return { header, bodyStart: i };
    if (SECTION_RE.test(line) && !/^\d+\s*\.\s*$/u.test(line) && header.length > 0 && !isCaps(line)) return { header, bodyStart: i };
    // "I. ĐÁNH GIÁ ..." opens the body even though it is written in capitals
    const roman = ROMAN_RE.exec(line);
    if (roman && roman[1] === "I" && roman[2]) return { header, bodyStart: i };
    if (DIRECTIVE_KIND.test(line) && (isHeaderish(line) || seen <= 8)) {
      const [head, rest] = splitAfterKind(line);
      header.push(head);
      afterKind = true;
      if (rest) return { header, bodyStart: i + 1, carry: rest };
      continue;
    }
    if (isHeaderish(line)) {
      header.push(line);
      first = false;
      continue;
    }
    if (afterKind && /^(?:về|Về|của|Của|V\/v)\s/u.test(line)) {
      header.push(line);
      continue;
    }
    if (afterKind && /^\p{Ll}/u.test(line) && header.length > 0 && !endsClause(header[header.length - 1])) {
      header[header.length - 1] += " " + line;
      continue;
    }
    if (first && line.length <= 150 && !endsClause(line)) {
      // a title line above the header (crawled texts)
      header.push(line);
      first = false;
      continue;
    }
    return { header, bodyStart: i };
  }
  return { header, bodyStart: lines.length };
}

/** Lead phrase of a section: the text before the first ":" or ".", or the whole line if short. */
export function leadPhrase(rest: string): { lead?: string; after: string; whole: boolean } {
  const t = rest.trim();
  if (t.length <= 150 && !/[.:;!?]\s/u.test(t)) {
    const lead = t.replace(/[.:;]+$/u, "").trim();
    return { lead: lead || undefined, after: "", whole: true };
  }
  const m = /^(.{3,120}?)[:.](?=\s|$)/u.exec(t);
  if (m && !/\d$/u.test(m[1])) return { lead: m[1].trim(), after: t.slice(m[0].length).trim(), whole: false };
  return { after: t, whole: false };
}

export function parseDirective(text: string): { units: Unit[]; warnings: string[] } {
  const lines = splitLines(text);
  const split = splitDirectiveHeader(lines);
  const b = new UnitBuilder();
  const warnings: string[] = [];
  if (split.header.length) b.add("preamble", "", "preamble", undefined, { text: split.header.join("\n") });

  const body = (split.carry ? [split.carry] : []).concat(lines.slice(split.bodyStart));
  const isStart = (l: string) =>
    ROMAN_RE.test(l) || SECTION_RE.test(l) || SUB_RE.test(l) || BULLET_RE.test(l) || LETTER_RE.test(l) || isBodyEnd(l);
  const paragraphs = toParagraphs(body, isStart);

  let part: { idx: number; n: number } | undefined;
  let lastPart = 0;
  let section: { idx: number; n: number } | undefined;
  let lastSection = 0;
  let sub: { idx: number; n: number } | undefined;
  let lastDoan: number | undefined;
  let doanCount = 0;
  let bodyUnits = 0;
  const yCount = new Map<number, number>();
  let bullets: Array<{ mark: string; idx: number }> = [];
  /** Prose after a lettered item, held until what follows says whether the item goes on. */
  let pending: { item: number; paras: string[] } | undefined;
  /** Bullets that end in ":": the prose right after one is what it introduces. */
  const introducing = new Set<number>();

  const topDoan = (t: string) => {
    doanCount++;
    lastDoan = b.add("doan", String(doanCount), `doan-${doanCount}`, undefined, { text: t });
    bodyUnits++;
  };
  /** A paragraph of `parent` written after its items: numbered on from its own paragraphs. */
  const childDoan = (parent: number, t: string): number => {
    const own = b.textOf(parent);
    const n = (own ? own.split("\n").length : 0) + b.unit(parent).children.filter((c) => b.unit(c).type === "doan").length + 1;
    bodyUnits++;
    return b.add("doan", String(n), `${b.id(parent)}/doan-${n}`, parent, { text: t });
  };
  /** The item's own prose: more of its text, or after its own bullets a paragraph of its own. */
  const toItem = (item: number, t: string) => {
    if (b.unit(item).children.length === 0) b.appendText(item, t);
    else childDoan(item, t);
  };
  /** Another item or bullet follows: the held prose was the item's own. */
  const keepPending = () => {
    if (pending) for (const t of pending.paras) toItem(pending.item, t);
    pending = undefined;
  };
  /** The list ends: the held prose is the item's own up to the first paragraph that is not. */
  const closePending = () => {
    if (!pending) return;
    const { item, paras } = pending;
    pending = undefined;
    const unit = b.unit(item);
    const k = continuationCount({ text: b.textOf(item), hasList: unit.children.length > 0 }, paras);
    for (const t of paras.slice(0, k)) toItem(item, t);
    const parent = unit.parent;
    for (const t of paras.slice(k)) {
      if (parent === undefined || b.unit(parent).type === "doan") topDoan(t);
      else childDoan(parent, t);
    }
  };

  const container = () => sub?.idx ?? section?.idx ?? part?.idx;
  const addY = (parent: number, label: string | undefined, textIn: string): number => {
    // bullets are numbered among the bullets of their parent; lettered items keep their letter
    let lab = label;
    if (lab === undefined) {
      const n = (yCount.get(parent) ?? 0) + 1;
      yCount.set(parent, n);
      lab = String(n);
    }
    return b.add("y", lab, `${b.id(parent)}/y-${lab}`, parent, { text: textIn });
  };

  for (const p of paragraphs) {
    const t = p.text;
    if (bodyUnits > 0 && isBodyEnd(t)) break;
    const sm = SUB_RE.exec(t);
    const sec = SECTION_RE.exec(t);
    const bullet = BULLET_RE.exec(t);
    const letter = bullet ? undefined : LETTER_RE.exec(t);
    if (bullet || letter) keepPending();

    const roman = ROMAN_RE.exec(t);
    const romanN = roman ? romanToInt(roman[1]) : undefined;
    if (roman && romanN !== undefined && romanN === lastPart + 1) {
      closePending();
      lastPart = romanN;
      const lp = leadPhrase(roman[2]);
      const fields = lp.whole ? { heading: lp.lead } : lp.lead ? { heading: lp.lead, text: lp.after } : { text: lp.after };
      part = { idx: b.add("phan", roman[1], `phan-${roman[1].toLowerCase()}`, undefined, fields), n: romanN };
      section = sub = undefined;
      lastSection = 0;
      bullets = [];
      bodyUnits++;
      continue;
    }

    // "2.1." under section 2; the first may sit inside the section's own line ("2. Về ... 2.1. ...")
    const subOk = (n: number) =>
      sub ? n === sub.n + 1 : n === 1 || (section !== undefined && b.textOf(section.idx).includes(`${section.n}.${n - 1}.`));
    if (sm && section && Number(sm[1]) === section.n && subOk(Number(sm[2]))) {
      closePending();
      const label = `${sm[1]}.${sm[2]}`;
      const prefix = part ? `${b.id(part.idx)}/` : "";
      const lp = leadPhrase(sm[3]);
      const idx = b.add("muc", label, `${prefix}muc-${label}`, section.idx, { heading: lp.lead, text: sm[3] });
      sub = { idx, n: Number(sm[2]) };
      bullets = [];
      bodyUnits++;
      continue;
    }

    if (sec && Number(sec[1]) === lastSection + 1 && !SUB_RE.test(t)) {
      closePending();
      lastSection = Number(sec[1]);
      const prefix = part ? `${b.id(part.idx)}/` : "";
      const lp = leadPhrase(sec[2]);
      const idx = b.add("muc", sec[1], `${prefix}muc-${sec[1]}`, part?.idx, { heading: lp.lead, text: sec[2] });
      section = { idx, n: lastSection };
      sub = undefined;
      bullets = [];
      bodyUnits++;
      continue;
    }

    if ((bullet || letter) && (container() !== undefined || lastDoan !== undefined)) {
      const base = container() ?? lastDoan!;
      const mark = bullet ? (bullet[1] === "–" || bullet[1] === "—" ? "-" : bullet[1]) : "a)";
      const content = bullet ? bullet[2] : letter![2];
      const level = bullets.findIndex((x) => x.mark === mark);
      if (level >= 0) bullets = bullets.slice(0, level);
      const parent = bullets.length ? bullets[bullets.length - 1].idx : base;
      const idx = addY(parent, letter ? letter[1] : undefined, content);
      bullets.push({ mark, idx });
      if (!letter && content.trimEnd().endsWith(":")) introducing.add(idx);
      bodyUnits++;
      continue;
    }

    // plain paragraph: held for the open lettered item ("a) ...:" followed by prose), else the
    // section's: its own text before its items, a paragraph of its own after them. The list stays
    // open so the bullets after it keep their level.
    const top = bullets[bullets.length - 1];
    if (top && introducing.has(top.idx) && b.unit(top.idx).children.length === 0) {
      // "- Tiêu chí …:" followed by the prose it introduces
      b.appendText(top.idx, t);
      continue;
    }
    const letterItem = [...bullets].reverse().find((x) => x.mark === "a)");
    if (letterItem) {
      bullets = bullets.slice(0, bullets.indexOf(letterItem) + 1);
      if (pending?.item !== letterItem.idx) {
        keepPending();
        pending = { item: letterItem.idx, paras: [] };
      }
      pending.paras.push(t);
      continue;
    }
    const c = container();
    if (c !== undefined) {
      if (b.unit(c).children.length === 0) b.appendText(c, t);
      else {
        const idx = childDoan(c, t);
        // "Ngoài ra, cần:" introduces the bullets that follow it
        if (t.trimEnd().endsWith(":")) bullets = [{ mark: "§", idx }];
      }
      continue;
    }
    bullets = [];
    topDoan(t);
  }
  closePending();
  if (bodyUnits === 0) warnings.push("không tìm thấy nội dung sau phần đầu văn bản");
  return { units: b.finish(), warnings: warnings.concat(b.warnings) };
}
