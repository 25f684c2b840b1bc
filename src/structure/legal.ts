/**
 * Legal layout: Phần > Chương > Mục > Điều > khoản > điểm, plus preamble and appendices.
 * Ids do not depend on grouping levels: "dieu-5", "dieu-5/khoan-2", "dieu-5/khoan-2/diem-a";
 * chapters "chuong-ii", parts "phan-1", sections "chuong-ii/muc-1", appendices "phu-luc-i".
 * Part and chapter labels are roman numerals whatever the spelling ("Phần thứ nhất" → "I",
 * "Chương 1:" → "I"), since lookups compare labels.
 */
import type { Unit } from "../model/document.js";
import { UnitBuilder } from "./builder.js";
import { isCaps, notesOf, stripNotes } from "./lines.js";
import { scanLegal, type LegalScan } from "./legal-scan.js";
import { intToRoman, letterIndex, ordinalToInt, parseNumKey, romanToInt, slug, type NumKey } from "./numbering.js";
import { splitTrailingParagraphs } from "./point-paragraphs.js";

/** Latin letter order, for points numbered by a word processor ("f)" after "e)"). */
const LATIN = "abcdefghijklmnopqrstuvwxyz";
import {
  isBodyEnd,
  isFootnote,
  matchAppendix,
  matchArticle,
  matchChapter,
  matchClause,
  matchPart,
  matchPoint,
  matchSection,
  matchSubsection,
} from "./patterns.js";

export { scanLegal, type LegalScan } from "./legal-scan.js";

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

/** A heading line ending like a sentence: ":" or ";" always, "." unless it ends an ellipsis. */
function endsSentence(rest: string): boolean {
  return /[:;]$/u.test(rest) || (/\.$/u.test(rest) && !/(?:\.{2}|…)$/u.test(rest));
}

/**
 * Texts whose articles have no titles (constitutions, old resolutions and decrees): three in four
 * article heading lines or more end like sentences. There every such line is text, even when more text follows.
 */
function untitledStyle(scan: LegalScan): boolean {
  let sentences = 0;
  let titles = 0;
  for (const i of scan.articles) {
    const head = scan.articleHeads.get(i)!;
    const rest = stripNotes(head.rest);
    if (!head.punct || !rest) continue;
    if (endsSentence(rest)) sentences++;
    else titles++;
  }
  return sentences >= 3 && sentences >= 3 * titles;
}

/**
 * Whether what follows "Điều N." is the article's text rather than its title: a line ending in ":"
 * or ";" introduces or continues text; one ending in "." is text when the article has nothing else
 * (its text would be lost otherwise), when the document's articles have no titles, or when it holds
 * several sentences or is too long for a title. In an untitled text a line that wraps onto a
 * lower-case line is a sentence too.
 */
function headingIsText(rest: string, untitled: boolean, hasBody: () => boolean, next: string): boolean {
  if (!rest) return false;
  // "(được bãi bỏ)": what a consolidated text says in place of a repealed article
  if (/[:;]$/u.test(rest) || /^\(.*\)$/u.test(rest)) return true;
  if (endsSentence(rest)) return untitled || rest.length > 160 || /[.!?]\s+\p{Lu}/u.test(rest) || !hasBody();
  return untitled && /^\p{Ll}/u.test(next);
}

/**
 * A line that ends a sentence begun on the previous one: it starts in lower case and ends like a
 * sentence, and the two are longer than a title ("… thay mặt nước Cộng hòa … về" + "đối nội và đối
 * ngoại."), so the first line was text wrapped by PDF extraction, not a title.
 */
function endsWrappedSentence(first: string, line: string): boolean {
  const plain = stripNotes(line);
  // "… đánh giá đất đai 1." ends on the marker of the first clause, not a sentence
  return /^\p{Ll}/u.test(line) && endsSentence(plain) && !/\s\d{1,3}\.$/u.test(plain) && first.length + line.length >= 60 && !matchClause(line) && !matchPoint(line);
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
    const label = String(/^\d+$/u.test(ch.label) ? Number(ch.label) : romanToInt(ch.label) ?? ch.label);
    if (seen.has(label)) return true;
    seen.add(label);
  }
  return false;
}

interface PointState {
  parent: number;
  last?: { index: number; digits: string; letter: string };
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
  /** "Tiểu mục" inside a Mục (Bộ luật Dân sự): a "muc" unit under the "muc". */
  let tieuMuc: number | undefined;
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
  const untitled = untitledStyle(scan);
  /** The article whose heading is line i has lines of its own before the next heading. */
  const hasBody = (i: number): boolean => {
    let j = i + 1;
    while (j < lines.length && !lines[j]) j++;
    if (j >= lines.length || quoted[j]) return j < lines.length;
    const l = lines[j];
    return !(scan.articles.has(j) || scan.appendices.has(j) || isBodyEnd(l) || isFootnote(l) || matchChapter(l) || matchSection(l) || matchPart(l) || matchSubsection(l));
  };
  const duplicates: string[] = [];
  let lastChapter: number | undefined;

  const sink = (): number => {
    const s = appendix ?? diem ?? khoan ?? dieu ?? tieuMuc ?? muc ?? chuong ?? phan;
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
      if (isCaps(stripNotes(line)) && !matchArticle(line) && !matchChapter(line) && !matchSection(line) && !matchPart(line) && !matchSubsection(line)) {
        const u = b.unit(titleOpen);
        const add = stripNotes(line);
        u.heading = u.heading ? `${u.heading} ${add}` : add;
        const notes = notesOf(line);
        if (notes) b.appendText(titleOpen, notes);
        continue;
      }
      titleOpen = undefined;
    }
    if (articleTitleWraps !== undefined) {
      const idx = articleTitleWraps;
      articleTitleWraps = undefined;
      const heading = b.unit(idx).heading ?? "";
      if (!scan.articles.has(i) && endsWrappedSentence(heading, line)) {
        // crawled: the title's last words, then the text on the same line ("Giải thích từ" +
        // "ngữ Trong Luật này, …:"); or one sentence wrapped ("Điều 86. Chủ tịch nước là … về" +
        // "đối nội và đối ngoại."), which is the article's text
        const split = /^((?:\p{Ll}[\p{L}\d-]*,?\s+){0,14}\p{Ll}[\p{L}\d-]*)\s+((?:\[[^\]\n]*\]\s*)*\p{Lu}.*)$/u.exec(line);
        if (split) {
          b.unit(idx).heading = `${heading} ${split[1]}`;
          b.appendText(idx, split[2]);
          continue;
        }
        // a short line only finishes the sentence; a long one is the text after a wrapped title
        if (line.length <= 120) {
          delete b.unit(idx).heading;
          b.appendText(idx, heading);
          b.appendText(idx, line);
          continue;
        }
      }
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
      const next = lines.slice(i + 1).find(Boolean) ?? "";
      if (!scan.articles.has(i) && looksLikeTitle(line) && !matchChapter(line) && !matchSection(line) && !endsWrappedSentence(line, next)) {
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
      lastChapter = undefined;
      const m = matchAppendix(line, true)!;
      const kind = /^(PHỤ LỤC|Phụ lục|PHỤ BIỂU|Phụ biểu)$/u.test(m.marker) ? "phu-luc" : slug(m.marker);
      const id = m.label ? `${kind}-${slug(m.label)}` : kind;
      const label = m.label ? `${m.marker} ${m.label}` : m.marker;
      closeArticle();
      phan = chuong = muc = tieuMuc = undefined;
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
      // labels in roman numerals whatever the spelling ("Phần thứ nhất", "PHẦN I"): citations and
      // lookups ("phần 1" → "I") compare labels
      const partNo = partNumber(part.label);
      part.label = /^\d+$/u.test(partNo) ? intToRoman(Number(partNo)) : part.label;
      if (chapterInPartIds) lastChapter = undefined;
      closeArticle();
      chuong = muc = tieuMuc = undefined;
      phan = b.add("phan", part.label, `phan-${partNo}`, undefined, {}, (id) =>
        warnings.push(`Phần ${part.label} lặp lại → ${id} (dòng ${scan.lineNo[i]})`),
      );
      setHeading(phan, part.rest);
      titleOpen = phan;
      dropping = false;
      continue;
    }
    const chapter = matchChapter(line);
    if (chapter) {
      const n = /^\d+$/u.test(chapter.label) ? Number(chapter.label) : romanToInt(chapter.label);
      // "Chương 1:" and "Chương I" are the same chapter: label and id in roman numerals
      if (n !== undefined && n > 0) chapter.label = intToRoman(n);
      if (n !== undefined && lastChapter !== undefined && n > lastChapter + 1) {
        const gap = n === lastChapter + 2 ? `${lastChapter + 1}` : `${lastChapter + 1}–${n - 1}`;
        warnings.push(`Chương ${chapter.label}: thiếu chương thứ ${gap} (dòng ${scan.lineNo[i]})`);
      }
      if (n !== undefined) lastChapter = n;
      closeArticle();
      muc = tieuMuc = undefined;
      const prefix = chapterInPartIds && phan !== undefined ? `${b.id(phan)}/` : "";
      chuong = b.add("chuong", chapter.label, `${prefix}chuong-${chapter.label.toLowerCase()}`, phan, {}, (id) =>
        warnings.push(`Chương ${chapter.label} lặp lại → ${id} (dòng ${scan.lineNo[i]})`),
      );
      setHeading(chuong, chapter.rest);
      titleOpen = chuong;
      dropping = false;
      continue;
    }
    const section = matchSection(line);
    if (section) {
      closeArticle();
      tieuMuc = undefined;
      const parent = chuong ?? phan;
      const prefix = parent !== undefined ? `${b.id(parent)}/` : "";
      muc = b.add("muc", section.label, `${prefix}muc-${section.label.toLowerCase()}`, parent, {}, (id) =>
        warnings.push(`Mục ${section.label} lặp lại → ${id} (dòng ${scan.lineNo[i]}; thiếu tiêu đề Chương?)`),
      );
      setHeading(muc, section.rest);
      titleOpen = muc;
      dropping = false;
      continue;
    }

    const sub = matchSubsection(line);
    if (sub && (muc !== undefined || tieuMuc !== undefined)) {
      closeArticle();
      const parent = muc!;
      tieuMuc = b.add("muc", sub.label, `${b.id(parent)}/tieu-muc-${sub.label.toLowerCase()}`, parent, {}, (id) =>
        warnings.push(`Tiểu mục ${sub.label} lặp lại → ${id} (dòng ${scan.lineNo[i]})`),
      );
      setHeading(tieuMuc, sub.rest);
      titleOpen = tieuMuc;
      dropping = false;
      continue;
    }

    if (scan.articles.has(i)) {
      const head = scan.articleHeads.get(i)!;
      closeArticle();
      const parent = tieuMuc ?? muc ?? chuong ?? phan;
      dieu = b.add("dieu", head.label, `dieu-${head.label}`, parent, {}, (id) =>
        duplicates.push(`Điều ${head.label} trùng số → ${id} (dòng ${scan.lineNo[i]})`),
      );
      seenArticle = true;
      dropping = false;
      if (head.punct && headingIsText(stripNotes(head.rest), untitled, () => hasBody(i), lines[i + 1] ?? "")) {
        // "Điều 86. Chủ tịch nước là người đứng đầu Nhà nước, ..." is the article's text, not a title
        b.appendText(dieu, head.rest);
      } else if (!head.punct && head.rest) {
        // old laws: "Điều 57 Nhà nước khuyến khích ..." is text, "Điều 5 Phạm vi điều chỉnh" a title
        const rest = head.rest;
        const plain = stripNotes(rest);
        if (plain.length > 120 || /[.;:]$/u.test(plain) || /^\d/u.test(plain)) b.appendText(dieu, rest);
        else setHeading(dieu, rest);
      } else {
        // "Điều 5. Title" (the title may wrap onto the next line) or "Điều 5." + title on the next line
        setHeading(dieu, head.rest);
        if (stripNotes(head.rest)) articleTitleWraps = dieu;
        else articleTitlePending = dieu;
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
        // Word's automatic lettering runs a b c d e f g (Latin), typed points a b c d đ e g.
        const latin = last !== undefined && LATIN.indexOf(letter) > LATIN.indexOf(last.letter) && LATIN.indexOf(letter) <= LATIN.indexOf(last.letter) + 2;
        const ok =
          last === undefined
            ? idx === 0 && digits === ""
            : (((idx > last.index && idx <= last.index + 2) || latin) && digits === "") ||
              (letter === last.letter && digits !== "" && Number(digits) > Number(last.digits || "0"));
        if (ok) {
          points.last = { index: idx < 0 ? last!.index + 1 : idx, digits, letter };
          diem = b.add("diem", point.label, `${b.id(parent)}/diem-${point.label}`, parent, { text: point.rest });
          continue;
        }
      }
    }
    b.appendText(sink(), line);
  }
  if (duplicates.length <= 3) warnings.push(...duplicates);
  else warnings.push(`${duplicates.length} điều trùng số, id thêm hậu tố ~N: ${duplicates.slice(0, 3).join("; ")} …`);
  return { units: splitTrailingParagraphs(b.finish()), warnings: warnings.concat(b.warnings) };
}
