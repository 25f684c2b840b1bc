/**
 * Legal layout: Phần > Chương > Mục > Điều > khoản > điểm, plus preamble and appendices.
 * Ids do not depend on grouping levels: "dieu-5", "dieu-5/khoan-2", "dieu-5/khoan-2/diem-a";
 * chapters "chuong-ii", parts "phan-1", sections "chuong-ii/muc-1", appendices "phu-luc-i".
 */
import type { Unit } from "../model/document.js";
import { chooseArticles, type ArticleCandidate } from "./articles.js";
import { UnitBuilder } from "./builder.js";
import { isCaps, notesOf, quotedLines, splitLines, stripNotes } from "./lines.js";
import { letterIndex, ordinalToInt, parseNumKey, romanToInt, slug, type NumKey } from "./numbering.js";
import {
  endsInReference,
  isBodyEnd,
  isFootnote,
  matchAppendix,
  matchArticle,
  matchChapter,
  matchClause,
  matchPart,
  matchPoint,
  matchSection,
  type ArticleHead,
} from "./patterns.js";

export interface LegalScan {
  lines: string[];
  quoted: boolean[];
  /** Per line: article heading when the line is one (before sequence filtering). */
  articleHeads: Map<number, ArticleHead>;
  /** Lines chosen as article headings. */
  articles: Set<number>;
  /** Lines that open an appendix (PHỤ LỤC, Mẫu số ...). */
  appendices: Set<number>;
  warnings: string[];
}

/** Merges a bare "MỤC" / "Chương" line with the numbered title on the next line. */
function mergeSplitHeadings(lines: string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    if (/^(?:MỤC|Mục|CHƯƠNG|Chương|PHẦN|Phần)$/u.test(line)) {
      let j = i + 1;
      while (j < lines.length && lines[j] === "") j++;
      if (j < lines.length && /^(?:[IVXLC]+|\d{1,3})(?![\p{L}\d])/u.test(lines[j])) {
        out.push(`${line} ${lines[j]}`);
        for (let k = i + 1; k <= j; k++) out.push("");
        i = j;
        continue;
      }
    }
    out.push(line);
  }
  return out;
}

/** A line that is a heading by shape alone (used to end quotations whose closing mark is missing). */
function isHeadingLine(line: string): boolean {
  const a = matchArticle(line);
  if (a) return a.strength === "strong" && a.punct;
  return matchChapter(line) !== undefined || matchPart(line) !== undefined;
}

/** First pass: quotation, appendices, body end and article candidates; then the article choice. */
export function scanLegal(text: string): LegalScan {
  const lines = mergeSplitHeadings(splitLines(text));
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
      cands.push({ line: i, label: head.label, strength: head.strength });
      seenArticle = true;
    }
  }
  const choice = chooseArticles(cands);
  return { lines, quoted, articleHeads, articles: choice.accepted, appendices, warnings: choice.warnings };
}

/** Number of article headings the legal parser would produce (used for layout detection). */
export function countArticles(text: string): number {
  return scanLegal(text).articles.size;
}

/** Title-like line after a bare "Điều N.": short, capitalised, not ending a sentence. */
function looksLikeTitle(line: string): boolean {
  return (
    line.length <= 160 &&
    /^\p{Lu}/u.test(line) &&
    !/[.;:,]$/u.test(line) &&
    !matchClause(line) &&
    !matchPoint(line)
  );
}

function partNumber(label: string): string {
  const ord = /^thứ\s/iu.test(label) ? ordinalToInt(label) : undefined;
  if (ord !== undefined) return String(ord);
  const roman = romanToInt(label);
  if (roman !== undefined) return String(roman);
  return label;
}

/**
 * Some codes number chapters afresh in each part (Luật Xử lý vi phạm hành chính: Phần thứ hai,
 * Chương I ...); their chapter ids then carry the part ("phan-2/chuong-i") so they stay unique.
 */
function chaptersRestartPerPart(scan: LegalScan): boolean {
  const seen = new Set<string>();
  let part = 0;
  for (let i = 0; i < scan.lines.length; i++) {
    const line = scan.lines[i];
    if (!line || scan.quoted[i] || scan.appendices.has(i)) continue;
    if (matchPart(line)) {
      part++;
      continue;
    }
    const ch = matchChapter(line);
    if (!ch || part === 0) continue;
    const label = ch.label.toLowerCase();
    if (seen.has(label)) return true;
    seen.add(label);
  }
  return false;
}

interface PointState {
  parent: number;
  last?: { index: number; digits: string };
}

export function parseLegal(text: string, scanned?: LegalScan): { units: Unit[]; warnings: string[] } {
  const scan = scanned ?? scanLegal(text);
  const { lines, quoted } = scan;
  const b = new UnitBuilder();
  const warnings = [...scan.warnings];

  let preamble: number | undefined;
  let phan: number | undefined;
  let chuong: number | undefined;
  let muc: number | undefined;
  let dieu: number | undefined;
  let khoan: number | undefined;
  let diem: number | undefined;
  let appendix: number | undefined;
  let lastClause: NumKey | undefined;
  let points: PointState | undefined;
  /** After the recipients list / signature: drop lines until the next heading. */
  let dropping = false;
  /** Group heading whose title may continue on the next capitalised lines. */
  let titleOpen: number | undefined;
  /** Article heading without title: the next line may be the title. */
  let articleTitlePending: number | undefined;
  /** Article whose title line may wrap onto the next line ("... có hành lang\nbảo vệ an toàn"). */
  let articleTitleWraps: number | undefined;
  let seenArticle = false;
  const chapterInPartIds = chaptersRestartPerPart(scan);
  const duplicates: string[] = [];

  const sink = (): number => {
    const s = appendix ?? diem ?? khoan ?? dieu ?? muc ?? chuong ?? phan;
    if (s !== undefined) return s;
    if (preamble === undefined) preamble = b.add("preamble", "", "preamble", undefined);
    return preamble;
  };
  const closeArticle = () => {
    dieu = khoan = diem = undefined;
    lastClause = undefined;
    points = undefined;
  };
  const setHeading = (idx: number, rest: string) => {
    const heading = stripNotes(rest);
    if (heading) b.unit(idx).heading = heading;
    const notes = notesOf(rest);
    if (notes) b.appendText(idx, notes);
  };

  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    if (!line) continue;
    if (quoted[i]) {
      titleOpen = articleTitlePending = articleTitleWraps = undefined;
      if (!dropping) b.appendText(sink(), line);
      continue;
    }

    if (titleOpen !== undefined) {
      if (isCaps(line) && !matchArticle(line) && !matchChapter(line) && !matchSection(line) && !matchPart(line)) {
        const u = b.unit(titleOpen);
        const add = stripNotes(line);
        u.heading = u.heading ? `${u.heading} ${add}` : add;
        continue;
      }
      titleOpen = undefined;
    }
    if (articleTitleWraps !== undefined) {
      const idx = articleTitleWraps;
      articleTitleWraps = undefined;
      const heading = b.unit(idx).heading ?? "";
      if (
        !scan.articles.has(i) &&
        line.length <= 160 &&
        !/[.;:]$/u.test(line) &&
        !matchClause(line) &&
        !matchPoint(line) &&
        (/^\p{Ll}/u.test(line) || /(?:\s(?:số|của|và|về|tại|theo)|,)$/u.test(heading))
      ) {
        b.unit(idx).heading = `${heading} ${stripNotes(line)}`.trim();
        continue;
      }
    }
    if (articleTitlePending !== undefined) {
      const idx = articleTitlePending;
      articleTitlePending = undefined;
      if (!scan.articles.has(i) && looksLikeTitle(line) && !matchChapter(line) && !matchSection(line)) {
        setHeading(idx, line);
        continue;
      }
    }

    if (seenArticle && (isBodyEnd(line) || isFootnote(line))) {
      dropping = true;
      appendix = undefined;
      closeArticle();
      continue;
    }

    if (scan.appendices.has(i)) {
      const m = matchAppendix(line, true)!;
      const kind = /^(PHỤ LỤC|Phụ lục|PHỤ BIỂU|Phụ biểu)$/u.test(m.marker) ? "phu-luc" : slug(m.marker);
      const id = m.label ? `${kind}-${slug(m.label)}` : kind;
      const label = m.label ? `${m.marker} ${m.label}` : m.marker;
      closeArticle();
      phan = chuong = muc = undefined;
      appendix = b.add("phan", label, id, undefined);
      setHeading(appendix, m.rest);
      dropping = false;
      continue;
    }
    if (appendix !== undefined) {
      if (!matchChapter(line)) {
        b.appendText(appendix, line);
        continue;
      }
      appendix = undefined;
    }

    const part = matchPart(line);
    if (part) {
      closeArticle();
      chuong = muc = undefined;
      phan = b.add("phan", part.label, `phan-${partNumber(part.label)}`, undefined, {}, (id) =>
        warnings.push(`Phần ${part.label} lặp lại → ${id} (dòng ${i + 1})`),
      );
      setHeading(phan, part.rest);
      titleOpen = phan;
      dropping = false;
      continue;
    }
    const chapter = matchChapter(line);
    if (chapter) {
      closeArticle();
      muc = undefined;
      const prefix = chapterInPartIds && phan !== undefined ? `${b.id(phan)}/` : "";
      chuong = b.add("chuong", chapter.label, `${prefix}chuong-${chapter.label.toLowerCase()}`, phan, {}, (id) =>
        warnings.push(`Chương ${chapter.label} lặp lại → ${id} (dòng ${i + 1})`),
      );
      setHeading(chuong, chapter.rest);
      titleOpen = chuong;
      dropping = false;
      continue;
    }
    const section = matchSection(line);
    if (section) {
      closeArticle();
      const parent = chuong ?? phan;
      const prefix = parent !== undefined ? `${b.id(parent)}/` : "";
      muc = b.add("muc", section.label, `${prefix}muc-${section.label.toLowerCase()}`, parent, {}, (id) =>
        warnings.push(`Mục ${section.label} lặp lại → ${id} (dòng ${i + 1})`),
      );
      setHeading(muc, section.rest);
      titleOpen = muc;
      dropping = false;
      continue;
    }

    if (scan.articles.has(i)) {
      const head = scan.articleHeads.get(i)!;
      closeArticle();
      const parent = muc ?? chuong ?? phan;
      dieu = b.add("dieu", head.label, `dieu-${head.label}`, parent, {}, (id) =>
        duplicates.push(`Điều ${head.label} trùng số → ${id} (dòng ${i + 1})`),
      );
      seenArticle = true;
      dropping = false;
      if (!head.punct && head.rest) {
        // old laws: "Điều 57 Nhà nước khuyến khích ..." is text, "Điều 5 Phạm vi điều chỉnh" a title
        const rest = head.rest;
        const plain = stripNotes(rest);
        if (plain.length > 120 || /[.;:]$/u.test(plain) || /^\d/u.test(plain)) b.appendText(dieu, rest);
        else setHeading(dieu, rest);
      } else if (head.rest) {
        const plain = stripNotes(head.rest);
        if (plain) {
          setHeading(dieu, head.rest);
          articleTitleWraps = dieu;
        } else {
          setHeading(dieu, head.rest);
          articleTitlePending = dieu;
        }
      } else {
        articleTitlePending = dieu;
      }
      continue;
    }

    if (dropping) continue;

    if (dieu !== undefined) {
      const clause = matchClause(line);
      if (clause) {
        const key = parseNumKey(clause.label);
        const ok =
          lastClause === undefined
            ? key.n === 1 && key.suffix === ""
            : key.n === lastClause.n + 1 || (key.n === lastClause.n && key.suffix > lastClause.suffix);
        if (ok) {
          lastClause = key;
          khoan = b.add("khoan", clause.label, `${b.id(dieu)}/khoan-${clause.label}`, dieu, { text: clause.rest });
          diem = undefined;
          points = { parent: khoan };
          continue;
        }
      }
      const point = matchPoint(line);
      if (point) {
        const parent = khoan ?? dieu;
        if (!points || points.parent !== parent) points = { parent };
        const letter = point.label.charAt(0);
        const digits = point.label.slice(1);
        const idx = letterIndex(letter);
        const last = points.last;
        const ok =
          last === undefined
            ? idx === 0 && digits === ""
            : (idx > last.index && idx <= last.index + 2 && digits === "") ||
              (idx === last.index && digits !== "" && Number(digits) > Number(last.digits || "0"));
        if (ok) {
          points.last = { index: idx, digits };
          diem = b.add("diem", point.label, `${b.id(parent)}/diem-${point.label}`, parent, { text: point.rest });
          continue;
        }
      }
    }
    b.appendText(sink(), line);
  }
  if (duplicates.length <= 3) warnings.push(...duplicates);
  else warnings.push(`${duplicates.length} điều trùng số, id thêm hậu tố ~N: ${duplicates.slice(0, 3).join("; ")} …`);
  return { units: b.finish(), warnings: warnings.concat(b.warnings) };
}
