/**
 * Personal data out of the questions /chuatraloi keeps and shows: e-mail addresses, phone numbers
 * and other long digit runs (ID cards, accounts), and the personal names it can recognise — a
 * Vietnamese surname followed by capitalised syllables ("Nguyễn Văn An"), or a capitalised name
 * after a form of address ("đồng chí Hoa", "anh Tuấn"). What the question asks about stays:
 * document numbers ("73/2023/NĐ-CP"), articles, and names the documents themselves use.
 */

/**
 * The commonest Vietnamese surnames (well over 90% of the population), less those that also start
 * place names questions mention (Hà Nội, Cao Bằng, Lâm Đồng, Thái Bình …).
 */
const SURNAMES = "Nguyễn Trần Lê Phạm Hoàng Huỳnh Phan Vũ Võ Đặng Bùi Đỗ Hồ Ngô Dương Lý Đinh Đào Trương Trịnh Đoàn Tạ Tô Chu Quách Vương Lưu Triệu Kiều Tăng Khúc Mạc".split(" ");
/** Forms of address that come before a name. */
const ADDRESS = "đồng chí|đ/c|anh|chị|em|ông|bà|cô|chú|bác|cậu|dì|thím|mợ|cháu|bạn|thầy"
  .split("|")
  .flatMap((a) => [a, a[0].toUpperCase() + a.slice(1)])
  .join("|");
/** Names questions about these documents ask about, not people to protect. */
const PUBLIC_NAMES = new Set(["hồ chí minh", "nguyễn ái quốc", "võ nguyên giáp", "lê duẩn", "trường chinh", "nguyễn phú trọng"]);

const SYLLABLE = "\\p{Lu}[\\p{Ll}\\p{M}]*";
const EMAIL = /[\p{L}\p{N}._%+-]+@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)+/gu;
/** +84 / 0 followed by 8–10 more digits, spaces, dots or dashes allowed between groups. */
const PHONE = /(?<![\p{L}\p{N}/])(?:\+84|84|0)(?:[\s.-]?\d){8,10}(?![\p{N}/])/gu;
const LONG_NUMBER = /(?<![\p{L}\p{N}/])\d{9,}(?![\p{N}/])/gu;
const SURNAME_NAME = new RegExp(`(?<![\\p{L}\\p{M}])(?:${SURNAMES.join("|")})(?:\\s+${SYLLABLE}){1,3}(?![\\p{L}\\p{M}])`, "gu");
const ADDRESSED_NAME = new RegExp(`(?<![\\p{L}\\p{M}])(${ADDRESS})\\s+(${SYLLABLE}(?:\\s+${SYLLABLE}){0,3})(?![\\p{L}\\p{M}])`, "gu");

export function maskPersonal(text: string): string {
  return text
    .normalize("NFC")
    .replace(EMAIL, "[email]")
    .replace(PHONE, "[số điện thoại]")
    .replace(LONG_NUMBER, "[số]")
    .replace(SURNAME_NAME, (name) => (PUBLIC_NAMES.has(name.toLowerCase()) ? name : "[tên]"))
    .replace(ADDRESSED_NAME, (all, address: string, name: string) => (PUBLIC_NAMES.has(name.toLowerCase()) || name === "[tên]" ? all : `${address} [tên]`));
}
