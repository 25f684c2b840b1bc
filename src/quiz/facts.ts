/**
 * Key facts in a sentence — time limits, amounts, percentages, dates, grading levels, responsible
 * bodies — as verbatim slices with a "pool" key: distractors for a fact are drawn from facts of the
 * same pool found elsewhere in the documents (other day counts, other levels, other bodies).
 */
import { NUMBERED_LEVELS, UNIT_WORD } from "../model/document.js";
import type { Conditional } from "./conditions.js";
import type { FactType } from "./types.js";

export interface Fact {
  type: FactType;
  /** Verbatim words of the sentence. */
  text: string;
  start: number;
  end: number;
  /** Facts that can stand in for each other: "duration:ngày", "percent", "level", "body". */
  pool: string;
  /** Amounts: the numeral as written and the words after it, so another value can take its place. */
  numeral?: string;
  suffix?: string;
  /** Orders distractors by closeness (amounts, dates); absent for names. */
  magnitude?: number;
  /** A question may blank it: a body given a duty, a level where grading is the subject. */
  askable: boolean;
  /** A consequence: the rule it follows from, for a scenario. */
  rule?: Conditional;
}

const NOT_LETTER = "(?![\\p{L}\\p{M}\\p{N}])";
const NO_LEFT = "(?<![\\p{L}\\p{M}\\p{N}/.,])";

/** Spelling variants the texts use for the same name (Uỷ/Ủy, hoá/hóa). */
function flex(name: string): string {
  return name
    .replace(/[.*+?^${}()|[\]\\]/g, "\\$&")
    .replace(/Ủy/g, "(?:Ủy|Uỷ)")
    .replace(/ủy/g, "(?:ủy|uỷ)")
    .replace(/óa/g, "(?:óa|oá)")
    .replace(/òa/g, "(?:òa|oà)");
}

const DOMAINS = [
  "Lao động - Thương binh và Xã hội", "Nông nghiệp và Phát triển nông thôn", "Nông nghiệp và Môi trường", "Văn hóa, Thể thao và Du lịch",
  "Tài nguyên và Môi trường", "Kế hoạch và Đầu tư", "Giáo dục và Đào tạo", "Khoa học và Công nghệ", "Thông tin và Truyền thông",
  "Dân tộc và Tôn giáo", "Giao thông vận tải", "Tư pháp", "Nội vụ", "Công an", "Quốc phòng", "Ngoại giao", "Tài chính", "Công Thương",
  "Xây dựng", "Y tế",
].map(flex).join("|");
const PARTY_SEATS = ["Trung ương", "Tỉnh ủy", "Thành ủy", "Huyện ủy", "Quận ủy", "Thị ủy", "Đảng ủy"].map(flex).join("|");
const LEVELS_OF_GOVERNMENT = ["các cấp", "cấp tỉnh", "cấp huyện", "cấp xã", "tỉnh, thành phố trực thuộc trung ương"].join("|");

/** Bodies that are given duties in legal and Party texts, longest spelling first. */
const BODY = new RegExp(
  NO_LEFT +
    "(" +
    [
      `(?:Bộ trưởng |Thứ trưởng )?Bộ (?:${DOMAINS})`,
      `(?:Giám đốc )?Sở (?:${DOMAINS})`,
      flex("Ủy ban Thường vụ Quốc hội"),
      `(?:Chủ tịch )?(?:${flex("Ủy ban nhân dân")}|Hội đồng nhân dân)(?: (?:${LEVELS_OF_GOVERNMENT}))?`,
      `Thường trực Hội đồng nhân dân(?: (?:${LEVELS_OF_GOVERNMENT}))?`,
      `(?:Chánh án )?(?:Tòa|Toà) án nhân dân(?: (?:tối cao|cấp tỉnh|cấp huyện))?`,
      "(?:Viện trưởng )?Viện kiểm sát nhân dân(?: (?:tối cao|cấp tỉnh|cấp huyện))?",
      `(?:Ban Thường vụ|Ban Tổ chức|Ban Tuyên giáo|Ban Dân vận|Ban Nội chính|${flex("Ủy ban Kiểm tra")}|Văn phòng) (?:${PARTY_SEATS})`,
      "Thủ tướng Chính phủ", "Văn phòng Chính phủ", "Thanh tra Chính phủ", "Chính phủ", "Văn phòng Quốc hội", "Quốc hội", "Chủ tịch nước",
      "Kiểm toán nhà nước", "Ngân hàng Nhà nước Việt Nam", `${flex("Ủy ban")} Mặt trận Tổ quốc Việt Nam`, "Mặt trận Tổ quốc Việt Nam",
      "Bộ Chính trị", "Ban Bí thư", "Ban Chấp hành Trung ương",
    ].join("|") +
    ")" +
    NOT_LETTER,
  "gu",
);
/** A body is asked about only as the one given the duty: "X có trách nhiệm …", "X chủ trì …". */
const DUTY =
  /^,?\s+(?:có trách nhiệm|chịu trách nhiệm|chủ trì|quyết định|hướng dẫn|ban hành|quy định|tổ chức|thực hiện|xem xét|trình|báo cáo|phối hợp|kiểm tra|cấp(?! (?:tỉnh|huyện|xã|trung ương|trên|dưới|cơ sở|mình)(?![\p{L}\p{M}]))|thẩm định|giải quyết|theo dõi|đôn đốc|lãnh đạo|chỉ đạo|giao|thông báo|gửi|có thẩm quyền)(?![\p{L}\p{M}])/u;
/**
 * Bodies sharing one subject — "X cấp tỉnh, cấp huyện", "X và Y", "X, Y" — are not asked: blanking
 * one leaves the other beside the blank, and either could fill it.
 */
const LEVEL_AFTER = /^,?\s+(?:và\s+|hoặc\s+)?(?:cấp (?:tỉnh|huyện|xã|trung ương)|các cấp)(?![\p{L}\p{M}])/u;
const JOINED = /^(?:\s*,\s*|\s+(?:và|hoặc)\s+)$/u;
/** A comma joins two bodies only when the first opens the subject ("của Sở X, Ủy ban Y có trách nhiệm" ends a phrase). */
const SUBJECT_START = /(?:^|[,;:]\s*|^(?:Khi|Nếu|Trường hợp|Giao|Yêu cầu|Đề nghị)\s|\sthì\s)$/u;

/** The four grading levels of the annual assessment, longest first so "tốt" is not read as plain. */
export const LEVELS = ["hoàn thành xuất sắc nhiệm vụ", "hoàn thành tốt nhiệm vụ", "không hoàn thành nhiệm vụ", "hoàn thành nhiệm vụ"];
const LEVEL = new RegExp(`${NO_LEFT}(${LEVELS.join("|")})${NOT_LETTER}`, "giu");
const GRADING_CONTEXT = /xếp loại|mức|đánh giá/iu;

const DURATION = new RegExp(`${NO_LEFT}(\\d{1,4})(\\s+(?:ngày làm việc|ngày|tháng|năm|giờ|tuần|phút))${NOT_LETTER}`, "gu");
const PERCENT = new RegExp(`${NO_LEFT}(\\d{1,3}(?:,\\d+)?)(\\s?%|\\s+phần trăm${NOT_LETTER})`, "gu");
const MONEY = new RegExp(`${NO_LEFT}(\\d{1,3}(?:\\.\\d{3})+|\\d{1,4}(?:,\\d+)?)(\\s+(?:triệu đồng|tỷ đồng|đồng))${NOT_LETTER}`, "gu");
const COUNT = new RegExp(`${NO_LEFT}(\\d{1,3})(\\s+(?:tuổi|lần|người|thành viên|đại biểu|ủy viên))${NOT_LETTER}`, "gu");
const LONG_DATE = new RegExp(`ngày\\s+((\\d{1,2})\\s+tháng\\s+(\\d{1,2})\\s+năm\\s+(\\d{4}))${NOT_LETTER}`, "gu");
const SLASH_DATE = /(?<![\d/])((\d{1,2})\/(\d{1,2})\/(\d{4}))(?![\d/])/gu;
/** A date is a fact worth asking when it starts, ends or limits something, not when it names a law. */
const DATE_CONTEXT = /(hiệu lực|từ|trước|đến|chậm nhất|hạn|kể từ)[^.;]{0,12}$/iu;
/** A number right after these is a date part or a reference ("ngày 13", "Điều 5"), not an amount. */
const NOT_AMOUNT_BEFORE = new RegExp(`(?:${["ngày", "tháng", "năm", "số", ...NUMBERED_LEVELS.map((t) => UNIT_WORD[t])].join("|")})\\s*$`, "iu");

function amount(s: string, re: RegExp, type: FactType, pool: (suffix: string) => string): Fact[] {
  const out: Fact[] = [];
  for (const m of s.matchAll(re)) {
    const start = m.index!;
    const end = start + m[0].length;
    if (NOT_AMOUNT_BEFORE.test(s.slice(0, start)) || /^\s*(?:\d|năm\s+\d)/u.test(s.slice(end))) continue;
    const value = Number(m[1].replace(/\./g, "").replace(",", "."));
    out.push({ type, text: m[0], start, end, pool: pool(m[2].trim()), numeral: m[1], suffix: m[2], magnitude: value, askable: true });
  }
  return out;
}

function dates(s: string): Fact[] {
  const out: Fact[] = [];
  for (const [re, style] of [[LONG_DATE, "long"], [SLASH_DATE, "slash"]] as const) {
    for (const m of s.matchAll(re)) {
      const start = m.index! + m[0].indexOf(m[1]);
      if (!DATE_CONTEXT.test(s.slice(0, m.index!))) continue;
      const [d, mo, y] = [Number(m[2]), Number(m[3]), Number(m[4])];
      if (d < 1 || d > 31 || mo < 1 || mo > 12) continue;
      out.push({ type: "date", text: m[1], start, end: start + m[1].length, pool: `date:${style}`, magnitude: Date.UTC(y, mo - 1, d) / 864e5, askable: true });
    }
  }
  return out;
}

/**
 * A name right after a title or a paper is part of a longer name: "Văn phòng Chủ tịch nước", "Đại
 * biểu Hội đồng nhân dân", "Điều lệ Mặt trận …". Vietnamese capitalises a name's first syllable, so
 * a capitalised word (of one or two syllables) before the name heads it — unless it opens the
 * sentence as a clause word ("Khi", "Trường hợp", a directive's "Giao", "Yêu cầu"); a few titles are
 * written in lower case ("Tổ đại biểu", "Ủy ban trung ương").
 */
const INSIDE_NAME = /(?:(?:^|[\s(])\p{Lu}[\p{L}\p{M}]*(?:\s\p{Ll}[\p{L}\p{M}]*)?|(?:đại biểu|điều lệ|thành viên|ủy viên|uỷ viên|người đứng đầu|thủ trưởng|thường trực|kỳ họp|phiên họp|nhiệm kỳ|trụ sở|trung ương))\s$/u;
const CLAUSE_OPENER =
  /^(?:Khi|Nếu|Trường hợp|Trong trường hợp|Sau khi|Trước khi|Đối với|Theo|Căn cứ|Giao|Yêu cầu|Đề nghị|Chỉ đạo|Riêng|Hằng năm|Hàng năm|Định kỳ|Các|Những|Mỗi|Mọi|Việc|Do|Được|Để|Tại|Trong|Ngoài|Cho|Khuyến khích)\s$/u;

function insideName(before: string): boolean {
  return INSIDE_NAME.test(before) && !CLAUSE_OPENER.test(before);
}

function names(s: string, re: RegExp, type: FactType, askable: (m: RegExpMatchArray) => boolean): Fact[] {
  return [...s.matchAll(re)]
    .filter((m) => !insideName(s.slice(0, m.index!)))
    .map((m) => ({ type, text: m[1], start: m.index!, end: m.index! + m[1].length, pool: type, askable: askable(m) }));
}

/** Every fact in a sentence: all feed the distractor pools, the askable ones can be blanked. */
export function findFacts(s: string): Fact[] {
  const facts = [
    ...dates(s),
    ...amount(s, DURATION, "duration", (u) => `duration:${u.replace(/ làm việc$/u, "")}`),
    ...amount(s, PERCENT, "percent", () => "percent"),
    ...amount(s, MONEY, "money", (u) => `money:${u}`),
    ...amount(s, COUNT, "count", (u) => `count:${u}`),
    ...names(s, LEVEL, "level", () => GRADING_CONTEXT.test(s)),
    ...names(s, BODY, "body", (m) => DUTY.test(s.slice(m.index! + m[1].length))),
  ];
  // Patterns may overlap (a count inside a money amount): keep the longest fact at each place.
  facts.sort((a, b) => a.start - b.start || b.end - a.end);
  const kept = facts.filter((f, i) => !facts.slice(0, i).some((g) => f.start < g.end && g.start < f.end));
  const bodies = kept.filter((f) => f.type === "body");
  bodies.forEach((f, i) => {
    const next = bodies[i + 1];
    const between = next ? s.slice(f.end, next.start) : "";
    const joined = !!next && JOINED.test(between) && (between.trim() !== "," || SUBJECT_START.test(s.slice(0, f.start)));
    if (LEVEL_AFTER.test(s.slice(f.end))) f.askable = false;
    if (joined) f.askable = next.askable = false;
  });
  return kept;
}
