/**
 * The issuer of a Party document. Its header names the Party organisation on one line and the
 * organ that issues on the next ("ĐẢNG BỘ THÀNH PHỐ ĐÀ NẴNG" / "THÀNH ỦY"; "ĐẢNG BỘ PHƯỜNG X" /
 * "CHI BỘ KHU PHỐ 3"; "BAN CHẤP HÀNH ĐẢNG BỘ X"): the issuer is the organ, completed with the
 * organisation's place when the organ line leaves it out.
 */

/** Administrative levels, written in lower case inside a name ("Đảng bộ phường Mẫu"). */
const LEVEL = "THÀNH PHỐ|THỊ XÃ|THỊ TRẤN|TỈNH|HUYỆN|QUẬN|XÃ|PHƯỜNG";

const cap = (w: string) => w.charAt(0).toLocaleUpperCase("vi") + w.slice(1);
const lower = (s: string) => s.toLocaleLowerCase("vi");
/** "KHU PHỐ 3" → "Khu phố 3"; "ĐÀ NẴNG" → "Đà Nẵng" (a place: each word capitalised). */
const place = (s: string) => lower(s).split(" ").map(cap).join(" ");
const phrase = (s: string) => cap(lower(s));

/** "THÀNH PHỐ MẪU" → "thành phố Mẫu"; "KHỐI CÁC CƠ QUAN MẪU" → "Khối các cơ quan mẫu". */
function unitName(s: string): string {
  const m = new RegExp(`^(${LEVEL}) (.+)$`, "u").exec(s);
  return m ? `${lower(m[1])} ${place(m[2])}` : phrase(s);
}

/** The caps lines of a header, parentheses and decorations dropped. */
function capsLines(header: string): string[] {
  return header
    .split("\n")
    .map((l) => l.replace(/\([^)]*\)/gu, "").replace(/[-–_*=]{2,}|\*/gu, "").replace(/\s+/gu, " ").trim())
    .filter((l) => l && !/\p{Ll}/u.test(l));
}

/** The issuing organ of a Party document's header, or undefined when the header is not one. */
export function partyIssuer(header: string): string | undefined {
  const lines = capsLines(header);
  const at = lines.findIndex((l) => /^(?:BAN CHẤP HÀNH )?ĐẢNG BỘ /u.test(l));
  if (at < 0) return undefined;
  const [, executive, orgRaw] = /^(BAN CHẤP HÀNH )?ĐẢNG BỘ (.+)$/u.exec(lines[at])!;
  const org = unitName(orgRaw);
  if (executive) return `Ban Chấp hành Đảng bộ ${org}`;
  const organ = lines[at + 1];
  const level = new RegExp(`^(${LEVEL})`, "u").exec(orgRaw)?.[1];
  const where = level ? place(orgRaw.slice(level.length).trim()) : phrase(orgRaw);
  if (organ) {
    // "THÀNH ỦY", "TỈNH ỦY ĐÀ NẴNG", "ĐẢNG ỦY KHỐI", "ĐẢNG ỦY PHƯỜNG"
    const committee = /^(THÀNH|TỈNH|HUYỆN|QUẬN|THỊ|ĐẢNG) (?:ỦY|UỶ)(?: (.+))?$/u.exec(organ);
    if (committee) {
      // "ĐẢNG ỦY KHỐI" under "ĐẢNG BỘ KHỐI CÁC CƠ QUAN MẪU" is that bloc's committee.
      if (committee[1] === "ĐẢNG") return `Đảng ủy ${committee[2] && !orgRaw.startsWith(committee[2]) ? unitName(committee[2]) : org}`;
      return `${phrase(committee[1])} ủy ${committee[2] ? place(committee[2]) : where}`;
    }
    const standing = /^BAN THƯỜNG VỤ(?: (.+))?$/u.exec(organ);
    if (standing) return `Ban Thường vụ ${standing[1] ? partyIssuer(`ĐẢNG BỘ ${orgRaw}\n${standing[1]}`) ?? phrase(standing[1]) : `Đảng bộ ${org}`}`;
    const cell = /^CHI BỘ (.+)$/u.exec(organ);
    if (cell) return `Chi bộ ${place(cell[1])}`;
  }
  return `Đảng bộ ${org}`;
}
