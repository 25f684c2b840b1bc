/** Line patterns for headings and numbering markers of Vietnamese documents. */
import { capitalize } from "../model/citation.js";
import { NUMBERED_LEVELS, UNIT_WORD } from "../model/document.js";
import { DOCUMENT_KINDS, kindNames, REFERENCED_KINDS } from "../model/kinds.js";
import { ORDINAL_WORDS } from "./numbering.js";

/** Words of the levels an article's reference may go on with ("Điều 5 Chương II", "Điều 3 Mục này"). */
const OTHER_LEVELS = NUMBERED_LEVELS.filter((t) => t !== "dieu")
  .map((t) => capitalize(UNIT_WORD[t]))
  .join("|");

/**
 * Words that start a document name; "Điều 26 Luật Hải quan" is a reference, not a heading. Kind
 * names that are also everyday words ("Điều 7 Báo cáo thống kê") open titles instead.
 */
const DOC_KIND_START = new RegExp(
  `^(?:(?:${[...DOCUMENT_KINDS.filter((k) => !k.commonWord).map((k) => k.name), ...REFERENCED_KINDS].join("|")})(?![\\p{L}])|(?:${OTHER_LEVELS})\\s+(?:này|\\d|[IVX]+\\b))`,
  "u",
);

/** A kind word in capitals that heads a Party or office document ("CHỈ THỊ", "KẾT LUẬN"). */
export const DIRECTIVE_KIND = new RegExp(`(?<![\\p{L}])(${kindNames("directive").map((k) => k.toLocaleUpperCase("vi")).join("|")})(?![\\p{L}])`, "u");

/**
 * The previous line stops on a word that needs a complement ("... quy định tại", "khoản 2"), so a
 * following "Điều N" line continues the sentence: a reference broken over two lines.
 */
export function endsInReference(prev: string): boolean {
  return /(?:\s|^)(?:tại|của|theo|và|hoặc|vào|sau|trước|các|thuộc|từ|đến|với|khoản\s+\d+[a-zđ]?|điểm\s+[a-zđ]\d*|khoản|điểm|quy định)$/u.test(prev);
}

/**
 * strong: "Điều 5." / "Điều 5:" / bare "Điều 5" / "Điều 5 [note]"; weak: "Điều 5 Title" without
 * punctuation (old laws); ref: "Điều 5 Luật này ..." which reads like a reference (kept only when
 * it is exactly the next number).
 */
export type ArticleStrength = "strong" | "weak" | "ref";

export interface ArticleHead {
  /** Number as written: "5", "5a". */
  label: string;
  strength: ArticleStrength;
  /** What follows the number and its punctuation. */
  rest: string;
  /** True when the number was followed by "." or ":". */
  punct: boolean;
}

const ARTICLE_RE = /^[ĐÐ]iều\s+(\d{1,4})([a-zđ]?)(?![\p{L}\d])\s*([.:](?:\s*-(?![\d]))?)?\s*(.*)$/u;

/**
 * "Điều N." / "Điều N:" / "Điều N <Title>" at line start. Returns undefined for lines that are
 * sentences starting with a reference ("Điều 5 của Luật này", "Điều 5 và Điều 6 ...").
 */
export function matchArticle(line: string): ArticleHead | undefined {
  if (!line.startsWith("Điều") && !line.startsWith("Ðiều")) return undefined;
  const m = ARTICLE_RE.exec(line);
  if (!m) return undefined;
  const label = m[1].replace(/^0+(?=\d)/, "") + (m[2] ?? "");
  const punct = m[3] !== undefined;
  const rest = m[4];
  if (rest === "") return { label, strength: "strong", rest, punct };
  const first = rest.charAt(0);
  if (punct) {
    if (/[\p{Lu}\d[(“"«]/u.test(first)) return { label, strength: "strong", rest, punct };
    return undefined;
  }
  if (first === "[") return { label, strength: "strong", rest, punct };
  if (/\p{Lu}/u.test(first)) {
    return { label, strength: DOC_KIND_START.test(rest) ? "ref" : "weak", rest, punct };
  }
  // "Điều 14 1- Chính phủ ..." (old laws without titles)
  if (/^["“]?\d{1,2}\s*[-.)]\s*\p{Lu}/u.test(rest)) return { label, strength: "weak", rest, punct };
  return undefined;
}

export interface GroupHead {
  /** Number as written: "II", "2", "thứ nhất". */
  label: string;
  /** Title after the number, notes included (may be empty: title on the next line). */
  rest: string;
}

const CHAPTER_RE = /^(?:Chương|CHƯƠNG)\s+([IVXLC]+|\d{1,3})(?![\p{L}\d])\s*[.:\-–]?\s*(.*)$/u;
const SECTION_RE = /^(?:Mục|MỤC)\s+([IVXLC]+|\d{1,3})(?![\p{L}\d])\s*[.:\-–]?\s*(.*)$/u;
const PART_RE = new RegExp(
  `^(?:Phần|PHẦN)\\s+(thứ\\s+(?:${ORDINAL_WORDS})|[IVXLC]+|\\d{1,2})(?![\\p{L}\\d])\\s*[.:\\-–]?\\s*(.*)$`,
  "iu",
);

function groupHead(re: RegExp, line: string): GroupHead | undefined {
  const m = re.exec(line);
  if (!m) return undefined;
  const rest = m[2];
  // the title is capitalised or absent; "Chương II của Luật này ..." is a sentence
  if (rest && !/^[\p{Lu}\d[(“"]/u.test(rest)) return undefined;
  return { label: m[1], rest };
}

export function matchChapter(line: string): GroupHead | undefined {
  if (!line.startsWith("Chương") && !line.startsWith("CHƯƠNG")) return undefined;
  return groupHead(CHAPTER_RE, line);
}

export function matchSection(line: string): GroupHead | undefined {
  if (!line.startsWith("Mục") && !line.startsWith("MỤC")) return undefined;
  return groupHead(SECTION_RE, line);
}

const SUBSECTION_RE = /^(?:Tiểu mục|TIỂU MỤC)\s+(\d{1,3})(?![\p{L}\d])\s*[.:\-–]?\s*(.*)$/u;

/** "Tiểu mục 2. QUYỀN SỬ DỤNG" (a level inside Mục, used by the Civil Code). */
export function matchSubsection(line: string): GroupHead | undefined {
  if (!line.startsWith("Tiểu mục") && !line.startsWith("TIỂU MỤC")) return undefined;
  return groupHead(SUBSECTION_RE, line);
}

export function matchPart(line: string): GroupHead | undefined {
  if (!/^(?:Phần|PHẦN)\s/u.test(line)) return undefined;
  const m = PART_RE.exec(line);
  if (!m) return undefined;
  const rest = m[2];
  if (rest && !/^[\p{Lu}\d[(“"]/u.test(rest)) return undefined;
  // the word after "Phần" must be written consistently ("PHẦN I", "Phần thứ nhất")
  return { label: m[1].replace(/\s+/g, " "), rest };
}

export interface Marker {
  /** "2", "2a" for clauses; "a", "đ", "d1" for points. */
  label: string;
  rest: string;
}

const CLAUSE_RE = /^(\d{1,3})([a-zđ]?)\s*(?:\.(?!\d)|\)|-(?![\d]))\s*(.*)$/u;

/** Clause marker "1." / "1)" / "1-" / "2a." at line start. */
export function matchClause(line: string): Marker | undefined {
  const c = line.charCodeAt(0);
  if (c < 48 || c > 57) return undefined;
  const m = CLAUSE_RE.exec(line);
  if (!m) return undefined;
  return { label: m[1].replace(/^0+(?=\d)/, "") + m[2], rest: m[3] };
}

const POINT_RE = /^([a-zđ])(\d{0,2})\s*\)\s*(.*)$/u;
const POINT_DOT_RE = /^([a-zđ])(\d{0,2})[.\-]\s+(\p{Lu}.*)$/u;

/** Point marker "a)" / "đ)" / "d1)" (or "a. " / the Party's "a- " before a capital) at line start. */
export function matchPoint(line: string): Marker | undefined {
  const m = POINT_RE.exec(line) ?? POINT_DOT_RE.exec(line);
  if (!m) return undefined;
  return { label: m[1] + m[2], rest: m[3] };
}

/** "PHỤ LỤC", "Phụ lục 01", "Mẫu số 01b." heading; `mixedCase` allows the lower-case spellings. */
export function matchAppendix(line: string, mixedCase: boolean): { marker: string; label: string; rest: string } | undefined {
  const re = mixedCase
    ? /^(PHỤ LỤC|Phụ lục|PHỤ BIỂU|Phụ biểu|MẪU SỐ|Mẫu số|Mẫu|BIỂU MẪU|Biểu mẫu|Biểu số)(?![\p{L}])\s*(?:số\s*)?((?:[IVXLC]+|\d{1,3}[a-zđA-Z]?(?:[./-][\p{L}\d]+)*)(?![\p{L}\d]))?\s*[.:\-–]?\s*(.*)$/u
    : /^(PHỤ LỤC)(?![\p{L}])\s*(?:SỐ\s*)?((?:[IVXLC]+|\d{1,3}[a-zđA-Z]?)(?![\p{L}\d]))?\s*[.:\-–]?\s*(.*)$/u;
  const m = re.exec(line);
  if (!m) return undefined;
  const marker = m[1];
  // bare "Mẫu"/"Biểu số" need a number to be a heading
  if ((marker === "Mẫu" || marker === "Biểu số") && !m[2]) return undefined;
  const rest = m[3];
  if (!m[2] && rest && !/^[\p{Lu}(“"[]/u.test(rest)) return undefined;
  return { marker, label: m[2] ?? "", rest };
}

/** End of a legal document's body: the recipients list or a signature line. */
export function isBodyEnd(line: string): boolean {
  if (/^Nơi nhận\s*:?/u.test(line)) return true;
  if (line.length > 160) return false;
  if (/^(?:TM|T\/M|KT|K\/T|TL|T\/L|TUQ|Q|Q\/)\.?\s+\p{Lu}{2,}/u.test(line) && isMostlyCaps(line)) return true;
  if (/^XÁC THỰC VĂN BẢN HỢP NHẤT/u.test(line)) return true;
  return /^(?:CHỦ TỊCH|PHÓ CHỦ TỊCH|BỘ TRƯỞNG|THỨ TRƯỞNG|THỦ TƯỚNG|PHÓ THỦ TƯỚNG|CHÁNH ÁN|VIỆN TRƯỞNG|TỔNG CỤC TRƯỞNG|PHÓ TỔNG CỤC TRƯỞNG|CỤC TRƯỞNG|TỔNG KIỂM TOÁN|TỔNG BÍ THƯ|BÍ THƯ|PHÓ BÍ THƯ|GIÁM ĐỐC|CHỦ NHIỆM|TỔNG THƯ KÝ|THỐNG ĐỐC|TRƯỞNG BAN|PHÓ TRƯỞNG BAN|THƯỜNG TRỰC)(?:\s+\p{Lu}[\p{Lu}\s,.-]*)?(?:\s+\p{Lu}\p{Ll}+(?:\s+\p{Lu}\p{Ll}+){1,4}(?:\s*\(Đã ký\))?)?$/u.test(
    line,
  );
}

function isMostlyCaps(line: string): boolean {
  let upper = 0;
  let lower = 0;
  for (const ch of line) {
    if (ch !== ch.toLowerCase()) upper++;
    else if (ch !== ch.toUpperCase()) lower++;
  }
  return upper >= lower;
}

/**
 * Start of the footnotes of a consolidated text: "[1] Luật Đất đai số 31/2024/QH15 có hiệu lực ...".
 * Inside the body, lines may also start with a footnote mark ("[3] Luật này quy định ..."), but those
 * go up; the notes themselves start again from [1].
 */
export function isFootnote(line: string): boolean {
  return /^\[1\]\s*\p{Lu}/u.test(line);
}
