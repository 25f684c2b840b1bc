/**
 * Paragraphs written after the last item of a list: part of that item, or of the unit that holds
 * the list? Directives, Party regulations and laws continue an item with further paragraphs of the
 * same duty (verbs, "Đồng thời …"), but close a list with paragraphs addressed to someone else
 * ("Các cơ quan tuyên truyền … có kế hoạch …"), or to the whole list ("Trên đây là …"). Those
 * belong to the enclosing unit, as its "đoạn" after the items.
 */

/** Words that assign a duty after its holder ("Bộ X có trách nhiệm", "Sở Y chủ trì"). */
const DUTY = /\s(?:có|chịu)\s+trách\s+nhiệm|\scó\s+nhiệm\s+vụ|\s(?:phải|cần|chủ\s+trì|được\s+giao)(?![\p{L}])/u;

/**
 * The head nouns that open the name of a body or office holder in administrative writing: a
 * paragraph opening with one names who acts ("Ủy ban nhân dân các cấp …", "Bộ Tài chính …").
 * Words that are also verbs opening a duty ("Tổ chức thực hiện …", "Thanh tra, kiểm tra …", "Ban
 * hành …") count only as a body's name ("Thanh tra Chính phủ").
 */
const NAMES =
  "Bộ|Ban(?! hành)|Ủy ban|Uỷ ban|UBND|HĐND|Hội đồng|Sở|Cục|Tổng [cC]ục|Vụ|Viện|Văn phòng|Ngân hàng|Công an|Quân đội|Mặt trận|MTTQ|" +
  "Đoàn(?! kết)|Hội|Liên đoàn|Tòa án|Toà án|Tập đoàn|Tổng công ty|Chính phủ|Thủ tướng|Phó Thủ tướng|Chủ tịch|Phó Chủ tịch|" +
  "Bí thư|Thủ trưởng|Người đứng đầu|Giám đốc|Đảng ủy|Đảng uỷ|Đảng đoàn|Cấp ủy|Cấp uỷ|Chi bộ|Chi ủy|Chi uỷ|" +
  "(?:Tỉnh|Thành|Huyện|Quận|Thị) (?:ủy|uỷ)|Thường trực|Thường vụ|Chủ nhiệm|Trưởng|Hiệu trưởng|Tổ(?! chức| quốc)|Nhóm|" +
  "Trung tâm|Trường(?! hợp)|Kho bạc|Cơ quan|Ngành|Địa phương|Đơn vị|Doanh nghiệp|Cán bộ|Đảng viên";
/** Also verbs: a body only when a capitalised name follows. */
const VERB_NAMES = "(?:Thanh tra|Kiểm toán|Tổ chức) (?=\\p{Lu})";

/** "Các Bộ, ngành", "Mỗi cấp", "các tổ chức": a quantifier before bodies addresses them all. */
const HOLDER_START = new RegExp(
  `^(?:(?:${NAMES}|(?:Các|Mỗi|Những|Toàn thể) (?:${NAMES}|${NAMES.toLowerCase()}|cấp|tổ chức|thanh tra))(?![\\p{L}])|${VERB_NAMES})`,
  "u",
);

/** Words that address a whole list just written ("Trên đây …", "Các nhiệm vụ nêu trên …"). */
const WHOLE_LIST = /^(?:Trên đây|Những (?:việc|nhiệm vụ|nội dung)[^.;:]{0,40}trên|Các (?:việc|nhiệm vụ|nội dung)[^.;:]{0,40}trên)(?![\p{L}])/u;

/** The holder an item names before its duty ("Bộ Quốc phòng" of "d) Bộ Quốc phòng (…) có trách nhiệm:"). */
export function itemHolder(text: string): string | undefined {
  const first = text.split("\n")[0];
  const m = DUTY.exec(first.slice(0, 300));
  const subject = (m ? first.slice(0, m.index) : "").split(/[(,:;]/u)[0].trim();
  return subject.split(/\s+/u).length >= 2 && HOLDER_START.test(subject) ? subject : undefined;
}

/**
 * How many of `paras` (the paragraphs after the last item of a list, before the next unit) stay in
 * that item; the rest belong to the enclosing unit. The first paragraph that is not the item's
 * own ends the item: one that opens with another holder, one that speaks of the whole list, or any
 * prose after an item whose own bullets ended it (an item that is a lead-in with its list). A
 * paragraph stays when the one before ends in ":" or ";" (it is introduced, or an enumeration goes
 * on), when it opens with words the item used (it speaks of the item's subject again), or opens
 * with the item's holder, or names it without opening with another.
 */
export function continuationCount(item: { text: string; hasList: boolean }, paras: string[]): number {
  const holder = itemHolder(item.text)?.toLocaleLowerCase("vi");
  const text = item.text.toLocaleLowerCase("vi");
  for (let i = 0; i < paras.length; i++) {
    // "… gửi các cơ quan sau:", "Sửa đổi khoản 3 như sau:" introduce the paragraphs that follow
    // (an item's own bullets were what its colon introduced)
    const prev = i === 0 ? item.text : paras[i - 1];
    if (!(i === 0 && item.hasList) && /[:;]$/u.test(prev.trimEnd())) continue;
    const p = paras[i].toLocaleLowerCase("vi");
    // it speaks again of what the item named ("c) Thành lập Hội đồng X." → "Hội đồng X do … thành lập")
    if (text.includes(p.split(/[\s,;:.]+/u, 3).join(" "))) continue;
    // "Chính phủ quy định chi tiết điểm này": the item itself
    if (/(?:^|\s)(?:điểm|ý) này(?![\p{L}])/u.test(p)) continue;
    if (HOLDER_START.test(paras[i])) {
      if (holder && p.startsWith(holder)) continue;
      return i;
    }
    if (holder && p.includes(holder)) continue;
    if (item.hasList || WHOLE_LIST.test(paras[i])) return i;
  }
  return paras.length;
}
