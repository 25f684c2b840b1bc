/**
 * The order one argues in — why (purpose, principle, situation), what (the rule itself), who does
 * what (bodies and their duties), what we ask of the audience (rights and duties of the people
 * addressed, calls to act) — and how the audience changes what is chosen and how it is said.
 */
import type { Audience } from "./types.js";

export const ROLES = ["why", "what", "who", "ask"] as const;
export type Role = (typeof ROLES)[number];

const WHY = /(?<![\p{L}])(?:nhằm|mục đích|mục tiêu|ý nghĩa|vai trò|nguyên tắc|tầm quan trọng|chính sách của Nhà nước|Nhà nước có chính sách|là cơ sở chính trị|để (?:quản lý|bảo đảm|phục vụ|khắc phục|nâng cao)|chưa đáp ứng|hạn chế|yếu kém|tình hình)(?![\p{L}])/iu;
const WHY_HEADING = /^(?:Mục đích|Mục tiêu|Nguyên tắc|Chính sách|Vị trí|Vai trò|Chức năng|Ý nghĩa)/u;
const WHO = /(?<![\p{L}])(?:có trách nhiệm|chịu trách nhiệm|có nhiệm vụ|nhiệm vụ, quyền hạn|chủ trì|phối hợp với|có thẩm quyền|chỉ đạo|hướng dẫn|tổ chức thực hiện|giúp (?:Bộ trưởng|Chính phủ|Ủy ban|Thủ tướng))(?![\p{L}])/iu;
const WHO_HEADING = /^(?:Nhiệm vụ|Trách nhiệm|Thẩm quyền|Quyền hạn|Tổ chức|Cơ quan)/u;
const PEOPLE = /(?<![\p{L}])(?:công dân|hội viên|người dân|Nhân dân|nhân dân|cá nhân|mọi người|đảng viên|đoàn viên|thanh niên|người bị thiệt hại|người lao động|hộ gia đình)(?![\p{L}])/iu;
const ASKING = /(?<![\p{L}])(?:có quyền|có nghĩa vụ|nghĩa vụ|tích cực|tham gia|gương mẫu|nghiêm chỉnh|chấp hành|tuyên truyền|vận động|hưởng ứng|được (?:bồi thường|hưởng|bảo đảm|bảo vệ))(?![\p{L}])/u;

/** The role of a point, from its statement and the heading of the article or section it is in. */
export function roleOf(statement: string, heading: string | undefined, preamble: boolean): Role {
  if (PEOPLE.test(statement) && ASKING.test(statement)) return "ask";
  if (preamble || WHY.test(statement) || (heading && WHY_HEADING.test(heading))) return "why";
  if (WHO.test(statement) || (heading && WHO_HEADING.test(heading))) return "who";
  return "what";
}

/**
 * How much each role weighs for an audience when points are chosen: the people hear first what
 * concerns them and why; leaders hear who must do what; members and youth both, and what is asked.
 */
export const AUDIENCE_WEIGHT: Record<Audience, Record<Role, number>> = {
  "nhân dân": { why: 1.2, what: 1, who: 0.5, ask: 1.6 },
  "đoàn viên thanh niên": { why: 1.3, what: 1, who: 0.7, ask: 1.5 },
  "đảng viên": { why: 1.2, what: 1, who: 1.1, ask: 1.2 },
  "cán bộ lãnh đạo": { why: 1, what: 0.9, who: 1.6, ask: 0.9 },
};

/** Notes a general audience need not hear (words only dropped, never added): defined-term notes and "theo quy định …" tails. */
const REFERENCES = [
  /\s*\((?:sau đây gọi (?:chung |tắt )?là|gọi tắt là)[^)]*\)/gu,
  /,?\s*theo quy định tại (?:(?:điểm|khoản|Điều|các khoản|các điểm) [\p{L}\d, và]+? )+(?:của )?(?:Luật này|Nghị định này|Bộ luật này)(?=[,.;]|$)/gu,
];

/** The statement as said to the audience: for the people and youth, without legal cross-references. */
export function phrasedFor(statement: string, audience: Audience): string {
  if (audience === "cán bộ lãnh đạo" || audience === "đảng viên") return statement;
  let s = statement;
  for (const re of REFERENCES) s = s.replace(re, "");
  return s.replace(/\s+([,.;])/gu, "$1").replace(/\s{2,}/gu, " ");
}

/** Opening words of a printed outline, by audience. */
export function openingFor(audience: Audience, subject: string, sources: string[]): string {
  const basis = sources.length === 1 ? sources[0] : `các văn bản: ${sources.join("; ")}`;
  switch (audience) {
    case "nhân dân":
      return `Thưa bà con, tài liệu này giới thiệu những nội dung thiết thực về ${subject}, đúng như quy định tại ${basis}, để mỗi người hiểu rõ và thực hiện.`;
    case "đoàn viên thanh niên":
      return `Các bạn đoàn viên, thanh niên thân mến, dưới đây là những nội dung chính về ${subject} theo ${basis}, để mỗi đoàn viên nắm vững, thực hiện và tuyên truyền trong thanh niên.`;
    case "cán bộ lãnh đạo":
      return `Tài liệu phục vụ quán triệt, chỉ đạo thực hiện ${subject} theo ${basis}: những yêu cầu chủ yếu và trách nhiệm của các cơ quan, người đứng đầu.`;
    default:
      return `Tài liệu sinh hoạt chi bộ về ${subject} theo ${basis}: những nội dung cốt lõi mỗi đảng viên cần nắm vững, gương mẫu thực hiện và tuyên truyền.`;
  }
}

/** Closing words of a printed outline, by audience: what we ask of them. */
export function closingFor(audience: Audience): string {
  switch (audience) {
    case "nhân dân":
      return "Đề nghị bà con tìm hiểu kỹ, thực hiện đúng quy định và phản ánh với chính quyền, đoàn thể ở cơ sở khi cần được hướng dẫn.";
    case "đoàn viên thanh niên":
      return "Mỗi đoàn viên, thanh niên hãy nghiên cứu kỹ các nội dung trên, gương mẫu thực hiện và chủ động tuyên truyền tới bạn bè, gia đình.";
    case "cán bộ lãnh đạo":
      return "Đề nghị các đồng chí lãnh đạo, quản lý quán triệt, cụ thể hóa thành kế hoạch của cơ quan, đơn vị, phân công rõ trách nhiệm và thường xuyên kiểm tra, đôn đốc.";
    default:
      return "Đề nghị mỗi đảng viên nghiên cứu, nắm vững các nội dung trên, gương mẫu thực hiện và tích cực tuyên truyền, vận động quần chúng cùng thực hiện.";
  }
}
