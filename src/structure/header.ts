/**
 * Header metadata of Vietnamese documents: number ("Số: 102/2017/NĐ-CP", "Số 34-CT/TU"), kind
 * (the first kind word in capitals: NGHỊ ĐỊNH, CHỈ THỊ ...), trích yếu (the title after the kind),
 * issuer and date. Works on the run-together headers of crawled texts as well as line-per-field ones.
 */
import { kindNames } from "../model/kinds.js";
import { sentenceCase } from "./case.js";
import { isCaps, stripNotes } from "./lines.js";
import { partyIssuer } from "./party-header.js";

export interface HeaderMeta {
  number?: string;
  kind: string;
  title: string;
  issuer?: string;
  date?: string;
}

/** Kind words in capitals with their sentence-case form; longer names first. */
const KINDS: Array<[string, string]> = kindNames().map((k) => [k.toLocaleUpperCase("vi"), k]);
const KIND_RE = new RegExp(`(?<![\\p{L}])(${KINDS.map((k) => k[0]).join("|")})(?![\\p{L}])`, "u");
const KIND_NAME = new Map(KINDS);

/** Kinds whose title is a proper name ("Luật Đất đai"): keep its first letter capital. */
const NAMED_KINDS = new Set(kindNames("namedTitle"));

/** Header part of a text: up to the first "Căn cứ", article, chapter or 4,000 characters. */
export function headerRegion(text: string): string {
  const head = text.slice(0, 4000);
  const m = /(?:^|\n)\s*(?:Căn cứ|Điều 1[.:\s]|Chương I\b|CHƯƠNG I\b|Phần thứ nhất)/u.exec(head);
  return m ? head.slice(0, m.index) : head;
}

const NUMBER_RE =
  /(?:^|[\s:(])(?:(?:Luật|Lệnh|Pháp lệnh|Nghị quyết)\s+)?(?:Số|số)\s*:?\s*(\d{1,5}[0-9A-Za-zĐđ\-/.]*[0-9A-Za-zĐđ])/u;

/** Official number after "Số" / "Số:" (the value must contain "/" or "-"). */
export function readNumber(header: string): string | undefined {
  const re = new RegExp(NUMBER_RE.source, "gu");
  for (let m = re.exec(header); m; m = re.exec(header)) {
    // a lower-case "số" counts only after a kind word ("Luật số: 43/2024/QH15")
    if (m[0].includes("số") && !/(?:Luật|Lệnh|Pháp lệnh|Nghị quyết)\s+số/u.test(m[0])) continue;
    const value = m[1].replace(/[.]+$/u, "");
    if (/[/-]/u.test(value)) return value.normalize("NFC").replace(/Ð/gu, "Đ");
  }
  return undefined;
}

/** First ISO date of the header: "ngày 01 tháng 9 năm 2017", "ngày 01/9/2017", or a "07.12.2023" line. */
export function readDate(header: string): string | undefined {
  const iso = (d: string, m: string, y: string) => {
    const dd = Number(d);
    const mm = Number(m);
    if (dd < 1 || dd > 31 || mm < 1 || mm > 12) return undefined;
    return `${y}-${String(mm).padStart(2, "0")}-${String(dd).padStart(2, "0")}`;
  };
  const candidates: Array<{ at: number; value?: string; placed: boolean }> = [];
  const long = /ngày\s+(\d{1,2})\s+tháng\s+(\d{1,2})\s+năm\s+(\d{4})/gu;
  for (let m = long.exec(header); m; m = long.exec(header)) {
    const placed = /,\s*$/u.test(header.slice(Math.max(0, m.index - 3), m.index));
    candidates.push({ at: m.index, value: iso(m[1], m[2], m[3]), placed });
  }
  const short = /ngày\s+(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})/gu;
  for (let m = short.exec(header); m; m = short.exec(header)) {
    const placed = /,\s*$/u.test(header.slice(Math.max(0, m.index - 3), m.index));
    candidates.push({ at: m.index, value: iso(m[1], m[2], m[3]), placed });
  }
  const line = /(?:^|\n)\s*(\d{1,2})[./-](\d{1,2})[./-](\d{4})\s*(?:\n|$)/u.exec(header);
  if (line) candidates.push({ at: line.index, value: iso(line[1], line[2], line[3]), placed: true });
  const valid = candidates.filter((c) => c.value).sort((a, b) => a.at - b.at);
  return (valid.find((c) => c.placed) ?? valid[0])?.value;
}

/** Capitalises each word: "ĐÀ NẴNG" → "Đà Nẵng". */
function titleCaseWords(s: string): string {
  return s
    .toLocaleLowerCase("vi")
    .split(/\s+/u)
    .filter(Boolean)
    .map((w) => w.charAt(0).toLocaleUpperCase("vi") + w.slice(1))
    .join(" ");
}

/** Organisation name in capitals → usual spelling: first syllable of each coordinated name capital. */
function orgCase(s: string): string {
  const lower = s.toLocaleLowerCase("vi").replace(/\s+/gu, " ").trim();
  return lower
    .replace(/(^|\s[-–,]\s|\svà\s|,\s)(\p{L})/gu, (_m, sep: string, ch: string) => sep + ch.toLocaleUpperCase("vi"))
    .replace(/(^|\s)(bộ|Bộ)\s+(\p{L})/gu, (_m, sp: string, _b: string, ch: string) => `${sp}Bộ ${ch.toLocaleUpperCase("vi")}`);
}

const ISSUERS: Array<[RegExp, (m: RegExpExecArray) => string]> = [
  [/BAN THƯỜNG VỤ (THÀNH|TỈNH|HUYỆN|QUẬN) (?:ỦY|UỶ)((?: [\p{Lu}]+)*)/u, (m) => `Ban Thường vụ ${orgCase(m[1])} ủy${m[2] ? " " + titleCaseWords(m[2]) : ""}`],
  [/ỦY BAN THƯỜNG VỤ QUỐC HỘI|UỶ BAN THƯỜNG VỤ QUỐC HỘI/u, () => "Ủy ban Thường vụ Quốc hội"],
  [/BỘ CHÍNH TRỊ/u, () => "Bộ Chính trị"],
  [/BAN BÍ THƯ/u, () => "Ban Bí thư"],
  [/BAN CHẤP HÀNH TRUNG ƯƠNG/u, () => "Ban Chấp hành Trung ương"],
  [/VĂN PHÒNG QUỐC HỘI/u, () => "Văn phòng Quốc hội"],
  [/VĂN PHÒNG CHÍNH PHỦ/u, () => "Văn phòng Chính phủ"],
  [/HỘI ĐỒNG THẨM PHÁN TÒA ÁN NHÂN DÂN TỐI CAO|HỘI ĐỒNG THẨM PHÁN TOÀ ÁN NHÂN DÂN TỐI CAO/u, () => "Hội đồng Thẩm phán Tòa án nhân dân tối cao"],
  [/TÒA ÁN NHÂN DÂN TỐI CAO|TOÀ ÁN NHÂN DÂN TỐI CAO/u, () => "Tòa án nhân dân tối cao"],
  [/VIỆN KIỂM SÁT NHÂN DÂN TỐI CAO/u, () => "Viện kiểm sát nhân dân tối cao"],
  [/THỦ TƯỚNG CHÍNH PHỦ/u, () => "Thủ tướng Chính phủ"],
  [/PHỦ THỦ TƯỚNG/u, () => "Phủ Thủ tướng"],
  [/CHỦ TỊCH NƯỚC/u, () => "Chủ tịch nước"],
  [/QUỐC HỘI/u, () => "Quốc hội"],
  [/CHÍNH PHỦ/u, () => "Chính phủ"],
  [/NGÂN HÀNG NHÀ NƯỚC VIỆT NAM/u, () => "Ngân hàng Nhà nước Việt Nam"],
  [/TỔNG CỤC ([\p{Lu}]+(?: [\p{Lu}]+)*?)(?= -|\s*$|\s+CỘNG HÒA|\s+CỤC|\s*\n)/mu, (m) => `Tổng cục ${orgCase(m[1]).replace(/^./u, (c) => c.toLocaleUpperCase("vi"))}`],
  [/(?<![\p{L}])BỘ ((?:[\p{Lu}]+|-|,)(?: (?:[\p{Lu}]+|-|,))*?)(?= -{2,}|\s*$|\s+CỘNG HÒA|\s+TỔNG CỤC|\s*\n)/mu, (m) => `Bộ ${orgCase(m[1]).replace(/^./u, (c) => c.toLocaleUpperCase("vi"))}`],
  [/(?:ỦY|UỶ) BAN NHÂN DÂN (TỈNH|THÀNH PHỐ|HUYỆN|QUẬN|XÃ|PHƯỜNG)((?: [\p{Lu}]+)+)/u, (m) => `Ủy ban nhân dân ${m[1].toLocaleLowerCase("vi")} ${titleCaseWords(m[2])}`],
  [/(THÀNH|TỈNH|HUYỆN|QUẬN|ĐẢNG) (?:ỦY|UỶ)((?: (?!(?:ĐẢNG|CỘNG|SỐ)(?![\p{L}]))[\p{Lu}]+)*)/u, (m) => `${orgCase(m[1])} ủy${m[2] ? " " + titleCaseWords(m[2]) : ""}`],
];

/** Issuing body named in the header, when recognisable. */
export function readIssuer(header: string, titleBlock = ""): string | undefined {
  // a directive's title block may say it: "của Ban Thường vụ Thành ủy"
  const of = /(?:^|\n)\s*(?:của|CỦA)\s+((?:Ban|BAN|Bộ|BỘ) [^\n]{3,80})\s*(?:\n|$)/u.exec(titleBlock);
  if (of && !/\d/u.test(of[1])) {
    let name = isCaps(of[1]) ? orgCase(of[1]).replace(/^./u, (c) => c.toUpperCase()) : of[1].trim();
    // "của Ban Thường vụ Thành ủy" + "THÀNH ỦY ĐÀ NẴNG" in the header → "... Thành ủy Đà Nẵng"
    const level = /(Thành|Tỉnh|Huyện|Quận) (?:ủy|uỷ)$/u.exec(name);
    if (level) {
      const place = new RegExp(`${level[1].toLocaleUpperCase("vi")} (?:ỦY|UỶ)((?: [\\p{Lu}]+)+)`, "u").exec(header);
      if (place) name += " " + titleCaseWords(place[1]);
    }
    return name;
  }
  const party = partyIssuer(header);
  if (party) return party;
  for (const [re, render] of ISSUERS) {
    const m = re.exec(header);
    if (m) return render(m);
  }
  // "ỦY BAN NHÂN DÂN" / "THÀNH PHỐ MẪU" on two lines
  const joined = header.replace(/\s*\n\s*/gu, " ");
  const ubnd = /(?:ỦY|UỶ) BAN NHÂN DÂN (TỈNH|THÀNH PHỐ|HUYỆN|QUẬN|XÃ|PHƯỜNG)((?: (?!CỘNG(?![\p{L}]))[\p{Lu}]+)+)/u.exec(joined);
  if (ubnd) return `Ủy ban nhân dân ${ubnd[1].toLocaleLowerCase("vi")} ${titleCaseWords(ubnd[2])}`;
  // an unknown body: the last capitalised line of the header that is not the motto or the Party name
  const lines = header.split(/\n/u).map((l) => l.replace(/[-–_*=]{2,}|\*/gu, "").trim());
  const named = lines.filter(
    (l) => isCaps(l) && l.length <= 80 && !/CỘNG H[OÒ]À|ĐẢNG CỘNG SẢN|ĐỘC LẬP|^SỐ(?![\p{L}])/u.test(l) && !/\d/u.test(l),
  );
  const last = named[named.length - 1];
  return last ? orgCase(last) : undefined;
}

/** The capitalised run of words at the start of `s` ("ĐĂNG KÝ BIỆN PHÁP BẢO ĐẢM Ngày 24 ..." → caps part). */
function capsRun(s: string): { run: string; rest: string } {
  const tokens = s.split(/\s+/u).filter(Boolean);
  let k = 0;
  while (k < tokens.length) {
    const t = tokens[k];
    if (/\p{Ll}/u.test(t)) break;
    k++;
  }
  // do not end on a lone punctuation token
  const run = tokens.slice(0, k).join(" ").replace(/[\s,;:–-]+$/u, "");
  return { run, rest: tokens.slice(k).join(" ") };
}

interface KindHit {
  kind: string;
  /** Index in `lines` and character offset after the kind word. */
  line: number;
  at: number;
  after: number;
}

function findKind(lines: string[]): KindHit | undefined {
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    // the national motto and the issuing body line never hold the kind
    const re = new RegExp(KIND_RE.source, "gu");
    for (let m = re.exec(line); m; m = re.exec(line)) {
      const word = m[1];
      // the kind word is written in capitals as a word of its own
      const before = line.slice(0, m.index);
      if (/(?:BỘ|BAN|VĂN PHÒNG|ỦY BAN|UỶ BAN|HỘI ĐỒNG)\s*$/u.test(before) && word !== "BỘ LUẬT") continue;
      return { kind: KIND_NAME.get(word)!, line: i, at: m.index, after: m.index + word.length };
    }
  }
  return undefined;
}

/** Lines of the trích yếu: the rest of the kind line in capitals, or the following title lines. */
/** Where a capitalised title stops: the signing authority that opens the body ("CHỦ TỊCH UBND ..."). */
const AUTHORITY_TAIL =
  /(?<!CỦA)\s+(?:CHỦ TỊCH|BỘ TRƯỞNG|THỦ TƯỚNG|TỔNG CỤC TRƯỞNG|CỤC TRƯỞNG|HỘI ĐỒNG THẨM PHÁN|ỦY BAN THƯỜNG VỤ QUỐC HỘI|UỶ BAN THƯỜNG VỤ QUỐC HỘI|THỐNG ĐỐC|TỔNG KIỂM TOÁN|ỦY BAN NHÂN DÂN|UỶ BAN NHÂN DÂN|CHÍNH PHỦ|QUỐC HỘI|BAN CHẤP HÀNH|BỘ CHÍNH TRỊ|BAN BÍ THƯ|BAN THƯỜNG VỤ)(?![\p{L}]).*$/u;

function readTitleAfter(lines: string[], hit: KindHit): string | undefined {
  const restOfLine = stripNotes(lines[hit.line].slice(hit.after));
  const parts: string[] = [];
  let mixed = false;
  /** The title may continue on the next lines (nothing else followed it on the kind line). */
  let open = true;
  if (restOfLine) {
    const { run, rest } = capsRun(restOfLine);
    if (run) {
      parts.push(run);
      open = rest === "";
    } else if (/^(?:về|Về|V\/v)\s/u.test(rest)) {
      // "QUYẾT ĐỊNH Về việc ..." (mixed case after the kind)
      parts.push(rest);
      mixed = true;
    }
  }
  if (open) {
    for (let i = hit.line + 1; i < lines.length && i <= hit.line + 8; i++) {
      const line = stripNotes(lines[i]);
      if (!line || /^[-–_*=.\s]+$/u.test(line)) {
        if (parts.length) break;
        continue;
      }
      if (/^(?:của|CỦA)\s/u.test(line) && parts.length === 0) continue;
      if (!mixed && isCaps(line)) {
        const { run, rest } = capsRun(line);
        parts.push(run);
        if (rest) break;
        continue;
      }
      if (
        (/^\p{Ll}/u.test(line) || (parts.length === 0 && /^(?:Về|V\/v)\s/u.test(line))) &&
        (parts.length === 0 || mixed) &&
        line.length < 400 &&
        !/^(?:căn cứ|ngày)\s/u.test(line)
      ) {
        parts.push(line);
        mixed = true;
        continue;
      }
      break;
    }
  }
  let title = parts.join(" ").replace(/\s+/gu, " ").trim();
  if (!mixed) title = title.replace(AUTHORITY_TAIL, "");
  title = title.replace(/^(?:SỐ|Số|số)\s*:?\s*\S*\d\S*\s*/u, "").replace(/[\s.,;:–-]+$/u, "");
  if (!title) return undefined;
  // a trích yếu follows the kind in running text: "Quyết định về việc ..."
  return mixed ? title.replace(/^Về\s/u, "về ").replace(/^V\/v\s+/u, "") : sentenceCase(title);
}

/** Kind named in the header ("Nghị định", "Chỉ thị" ...), or undefined. */
export function readKind(text: string): string | undefined {
  return findKind(headerRegion(text).split(/\r?\n/u))?.kind;
}

/** Cleans a trích yếu: drops "của <issuer> số ... ngày ..." clauses that some headers carry. */
function tidyTitle(title: string, number?: string): string {
  let t = title;
  // "của Quốc hội nước ... số 28/2001/QH10 về di sản văn hoá" → "về di sản văn hoá"
  t = t.replace(/^(?:của|CỦA)\s.*?\s(?=(?:về|VỀ)\s)/u, "");
  // trailing "của Quốc hội nước ... số 42/2005/QH11 ngày 14 tháng 6 năm 2005"
  t = t.replace(/\s+(?:của|CỦA)\s+(?:QUỐC HỘI|Quốc hội|CHÍNH PHỦ|Chính phủ)\b.*$/u, "");
  // the document's own number repeated at the end: "... ĐẤT ĐAI SỐ 24-L/CTN NGÀY 14/07/1993"
  const own = /\s+(?:số|SỐ)\s+(\S*\d\S*)(?:\s+(?:ngày|NGÀY)\s+(?:\d{1,2}\s+(?:tháng|THÁNG)\s+\d{1,2}\s+(?:năm|NĂM)\s+\d{4}|\d{1,2}\/\d{1,2}\/\d{4}))?$/u.exec(t);
  if (own && number && own[1].toUpperCase() === number.toUpperCase()) t = t.slice(0, own.index);
  t = t.replace(/\s+(?:ngày|NGÀY)\s+\d{1,2}\s+(?:tháng|THÁNG)\s+\d{1,2}\s+(?:năm|NĂM)\s+\d{4}$/u, "");
  return t.trim();
}

/** Names of documents inside a lower-cased title: "luật đất đai" → "Luật Đất đai". */
function restoreDocNames(t: string): string {
  const stop = new Set(["này", "số", "về", "và", "của", "có", "được", "thì", "trong", "hiện", "sửa", "liên", "đã", "theo", "tại", "mới"]);
  return t.replace(/(?<![\p{L}])(bộ luật|luật|pháp lệnh)(\s+)(\p{L}+)/gu, (m, kind: string, sp: string, word: string, offset: number) => {
    if (kind === "luật" && /(?:pháp|bộ)\s$/u.test(t.slice(Math.max(0, offset - 6), offset))) return m;
    if (stop.has(word)) return m;
    const cap = (w: string) => w.charAt(0).toLocaleUpperCase("vi") + w.slice(1);
    return cap(kind) + sp + cap(word);
  }).replace(/(?<![\p{L}])(nghị định|thông tư|nghị quyết|quyết định|chỉ thị)(?=\s+số\s)/gu, (k: string) => k.charAt(0).toLocaleUpperCase("vi") + k.slice(1));
}

export function readHeaderMeta(text: string, fileStem: string): HeaderMeta {
  const header = headerRegion(text);
  const lines = header.split(/\r?\n/u);
  const number = readNumber(header);
  const hit = findKind(lines);
  const date = readDate(header);
  const beforeKind = hit ? lines.slice(0, hit.line).join("\n") + "\n" + lines[hit.line].slice(0, hit.at) : header;
  const issuer = readIssuer(beforeKind, hit ? lines.slice(hit.line + 1, hit.line + 5).join("\n") : "");
  const firstLine = text.split(/\r?\n/u).map((l) => l.trim()).find((l) => l.length > 0);
  const fallbackTitle = firstLine && firstLine.length <= 300 ? firstLine : fileStem.replace(/_/gu, " ").trim();

  let kind: string;
  let title: string | undefined;
  const subject = /(?:^|\s)V\/v:?\s+([^\n]+?)(?=\s+(?:\p{L}[\p{L} ]*,\s*)?ngày\s+\d|\n|$)/u.exec(header);
  if (hit) {
    kind = hit.kind;
    title = readTitleAfter(lines, hit);
    if (title) title = restoreDocNames(tidyTitle(title, number));
    // "Luật Viên chức", but "Hiến pháp nước Cộng hòa …" and "Luật sửa đổi, bổ sung …"
    if (title && NAMED_KINDS.has(kind) && !/^(?:sửa đổi|bổ sung|về|nước)(?![\p{L}])/u.test(title)) {
      title = title.charAt(0).toLocaleUpperCase("vi") + title.slice(1);
    }
  } else if (subject) {
    // official letters: "Số: 19046/BTC-TCHQ V/v hướng dẫn thực hiện ..."
    kind = "Công văn";
    title = subject[1].trim();
  } else if (!number) {
    kind = "Bài viết";
  } else {
    kind = "Văn bản";
  }
  // a first line in capitals ("HIẾN PHÁP") is shown in sentence case ("Hiến pháp")
  const fallback = isCaps(fallbackTitle) ? sentenceCase(fallbackTitle).replace(/^\p{Ll}/u, (c) => c.toLocaleUpperCase("vi")) : fallbackTitle;
  const meta: HeaderMeta = { kind, title: title ?? fallback };
  if (number) meta.number = number;
  if (issuer) meta.issuer = issuer;
  if (date) meta.date = date;
  return meta;
}
