/**
 * Sentence case for titles printed in capitals ("LUẬT VIÊN CHỨC", "HIẾN PHÁP NƯỚC CỘNG HÒA XÃ HỘI
 * CHỦ NGHĨA VIỆT NAM"). Rule: every word is lower-cased except words with digits or "/" (numbers,
 * codes), then proper names are restored: a fixed list of names of the State, the Party and
 * national bodies ("Việt Nam", "Cộng hòa xã hội chủ nghĩa Việt Nam", "Quốc hội", "Chính phủ",
 * "Hồ Chí Minh" …); "Nhà nước" when it names the State (at the start, after "của", before
 * "Cộng hòa"/"Việt Nam"), never inside "doanh nghiệp nhà nước"; the two syllables of a place name
 * after "tỉnh", "thành phố", "huyện", "quận", "xã", "phường", "thị xã", "thị trấn" (up to a
 * function word); and the ministry after "Bộ trưởng Bộ". The document's name (kind) is the caller's.
 */

const cap = (w: string) => w.charAt(0).toLocaleUpperCase("vi") + w.slice(1);

/** Names written with capitals inside a title (matched lower-cased, "hòa" and "hoà" alike). */
const PROPER: Array<[RegExp, (m: string) => string]> = [
  [/cộng h(?:òa|oà) xã hội chủ nghĩa việt nam/gu, (m) => cap(m).replace(/việt nam$/u, "Việt Nam")],
  [/đảng cộng sản việt nam/gu, () => "Đảng Cộng sản Việt Nam"],
  [/mặt trận tổ quốc việt nam/gu, () => "Mặt trận Tổ quốc Việt Nam"],
  [/ủy ban thường vụ quốc hội|uỷ ban thường vụ quốc hội/gu, (m) => cap(m).replace(/quốc hội$/u, "Quốc hội")],
  [/việt nam/gu, () => "Việt Nam"],
  [/hồ chí minh/gu, () => "Hồ Chí Minh"],
  [/đảng cộng sản/gu, () => "Đảng Cộng sản"],
  [/quốc hội/gu, () => "Quốc hội"],
  [/chính phủ/gu, () => "Chính phủ"],
  [/thủ tướng/gu, () => "Thủ tướng"],
  [/bộ chính trị/gu, () => "Bộ Chính trị"],
  [/ban bí thư/gu, () => "Ban Bí thư"],
  [/ban chấp hành trung ương/gu, () => "Ban Chấp hành Trung ương"],
  [/(?<![\p{L}])(?:ủy|uỷ) ban nhân dân/gu, cap],
  [/(?<![\p{L}])hội đồng nhân dân/gu, cap],
  [/hà nội/gu, () => "Hà Nội"],
  [/đà nẵng/gu, () => "Đà Nẵng"],
  [/asean/gu, () => "ASEAN"],
];

/** Words that end a place name ("tỉnh trực thuộc", "huyện và xã" are not names). */
const NOT_NAME = new Set(
  "và về của năm trên trong tại đến theo các có được thuộc trực cấp để cho với từ hoặc là này đó mới khác liên giai đoạn".split(" "),
);

/** "tỉnh tuyên quang" → "tỉnh Tuyên Quang": the (at most two) syllables after an administrative level. */
function placeNames(s: string): string {
  return s.replace(
    /(?<![\p{L}])(tỉnh|thành phố|huyện|quận|thị xã|xã(?! hội)|phường|thị trấn)((?: [\p{Ll}]+){1,2})/gu,
    (m, level: string, words: string) => {
      const ws = words.trim().split(" ");
      const name: string[] = [];
      for (const w of ws) {
        if (NOT_NAME.has(w)) break;
        name.push(cap(w));
      }
      if (!name.length) return m;
      return `${level} ${name.join(" ")}${ws.length > name.length ? " " + ws.slice(name.length).join(" ") : ""}`;
    },
  );
}

/** "nhà nước" names the State at the start, after "của", before "Cộng hòa" or "Việt Nam". */
function theState(s: string): string {
  return s
    .replace(/^nhà nước(?![\p{L}])/u, "Nhà nước")
    .replace(/(?<=(?:^|\s)của )nhà nước(?![\p{L}])/gu, "Nhà nước")
    .replace(/nhà nước(?= (?:Cộng h|Việt Nam))/gu, "Nhà nước");
}

/** Sentence case of a capitalised title (see the rule above); the first letter is left lower case. */
export function sentenceCase(s: string): string {
  const words = s.split(/(\s+)/u).map((w) => (/\d|\//u.test(w) ? w : w.toLocaleLowerCase("vi")));
  let out = words.join("");
  for (const [re, to] of PROPER) out = out.replace(re, to);
  out = out.replace(/bộ trưởng bộ (\p{Ll})/gu, (_m, c: string) => `Bộ trưởng Bộ ${c.toLocaleUpperCase("vi")}`);
  return theState(placeNames(out));
}
