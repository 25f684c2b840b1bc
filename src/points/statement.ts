/**
 * A point's words, taken from the document: the whole sentence around the best-matching words, a
 * list item with its lead-in's subject carried in ("Thanh tra tỉnh có nhiệm vụ, quyền hạn: giúp Ủy
 * ban nhân dân cấp tỉnh …"), and a quote of the cited unit sized by the requested length. Fragments
 * (a clause continuing another sentence, a condition without its consequence) and provisions about
 * the text itself (entry into force, repeal, transition) are no points.
 */
import { unitFullText, type ParsedDocument } from "../model/document.js";
import { clipQuote } from "../answer/sentences.js";
import { foldKey } from "../text/normalize.js";
import type { Length } from "./types.js";

/** Longer statements are not a sentence one can say aloud; shorter ones are labels ("Bồi thường (nếu có)."). */
export const MAX_STATEMENT_CHARS = 400;
const MIN_STATEMENT_CHARS = 40;
/** Quote size by length: "ngan" quotes only the statement's sentence. */
const QUOTE_CHARS: Record<Length, number> = { ngan: 0, vua: 700, dai: 1500 };

/** Articles about the text itself, not about its subject. */
const ABOUT_THE_TEXT = /hiệu lực|chuyển tiếp|bãi bỏ|sửa đổi, bổ sung|hướng dẫn thi hành|điều khoản thi hành|quy định chi tiết/iu;
/** Sentences that repeal, bring into force or keep old rules for a transition. */
const REPEAL_OR_TRANSITION =
  /hết hiệu lực|bị bãi bỏ|được bãi bỏ|bãi bỏ (?:các|những|quy định|điều|khoản)|có hiệu lực (?:thi hành )?(?:kể )?từ|tiếp tục (?:được )?(?:thực hiện|áp dụng|giải quyết) theo|trước ngày (?:Luật|Nghị định|Thông tư|Bộ luật) này có hiệu lực|sửa đổi, bổ sung (?:một số )?(?:điều|khoản)/iu;
/** A condition opening a sentence needs its consequence ("…, thì …" or a clause after a comma). */
const CONDITION = /^(?:Trường hợp|Trong trường hợp|Nếu|Khi|Đối với)(?![\p{L}])/u;
/** Openings that point back at a sentence the point does not carry ("Trong trường hợp này, …"). */
const ANAPHORA = /^(?:Trong trường hợp (?:này|đó|trên)|Trường hợp (?:này|đó|trên)|Việc (?:này|đó)|Các trường hợp (?:này|trên)|Quy định (?:này|trên)|Ngoài ra|Đồng thời|Tuy nhiên|Tuy vậy|Mặt khác|Do đó|Vì vậy)(?![\p{L}])/u;
/** Cross-references that make a statement lean on another provision. */
const LEANS_ON = /(?:theo|tại|ở) (?:quy định tại )?(?:khoản|điểm|Điều) [\p{L}\d]+ (?:(?:khoản|Điều) [\p{L}\d]+ )?(?:Điều này|của Luật này|của Nghị định này)$/u;
/** A pointer to a sibling clause ("khoản 1 Điều này"), or a delegation of detail: the point would need another text. */
const POINTS_ELSEWHERE = /(?<![\p{L}])(?:(?:khoản|điểm|các khoản|các điểm) [\p{L}\d, và]+? (?:của )?(?:Điều|khoản) này|quy định chi tiết)(?![\p{L}])/u;
/**
 * Words pointing at text the point does not carry: "công việc nói trên", "các biện pháp trên đây", or
 * an act or case defined only by a reference ("hành vi quy định tại khoản 1 Điều 33").
 */
const UNSEEN = /(?<![\p{L}])(?:nói trên|kể trên|trên đây|(?:hành vi|trường hợp|đối tượng|nội dung|việc|người bị thiệt hại|người) quy định tại (?:các )?(?:khoản|điểm|Điều))(?![\p{L}])/iu;
/** "Quyết định này" in a directive is another text, named in a sentence the point does not carry ("Luật này" in a law is the law itself). */
const KIND_HERE = /(?<![\p{L}])(Luật|Bộ luật|Nghị định|Nghị quyết|Quyết định|Chỉ thị|Thông tư|Quy định|Quy chế|Kết luận|Hướng dẫn|Kế hoạch) này(?![\p{L}])/giu;

/** Does the sentence name, as "<kind> này", a text of another kind than its own document? */
export function pointsAtAnotherText(sentence: string, ownKind: string): boolean {
  return [...sentence.matchAll(KIND_HERE)].some((m) => m[1].toLowerCase() !== ownKind.toLowerCase());
}
/** Verbs a list item opens with when its subject is in the article's title ("Yêu cầu cơ quan … gửi dự thảo"). */
export const VERB_FIRST = /^(?:Yêu cầu|Gửi|Đàm phán|Cử|Tạo|Bố trí|Tiếp thu|Trả lời|Nâng cao|Tăng cường|Đẩy mạnh|Khen thưởng|Cấp|Xây dựng|Thực hiện|Ban hành|Quyết định|Chỉ đạo|Hướng dẫn|Kiểm tra|Giám sát|Tham gia|Phối hợp|Cung cấp|Huy động|Giúp|Lập|Quản lý|Theo dõi|Đôn đốc|Báo cáo|Tiếp nhận|Giải quyết|Xem xét|Trình|Đề nghị|Kiến nghị|Chủ trì|Bảo đảm|Tuyên truyền|Phổ biến|Nghiên cứu|Đề xuất|Xử lý|Chịu trách nhiệm|Được|Tổ chức (?:thực hiện|hội nghị|đối thoại|huấn luyện|triển khai))(?![\p{L}])/u;
/** Words opening a proper name, which keep their capital after a lead-in's colon. */
export const PROPER_START = /^(?:Nhà nước|Đảng|Chính phủ|Quốc hội|Mặt trận|Nhân dân|Ủy ban|Uỷ ban|Tòa án|Toà án|Viện|Bộ|Sở|Ban|Thủ tướng|Chủ tịch|Hội đồng|Thanh tra (?:Chính phủ|tỉnh|Bộ|sở)|Kiểm toán|Ngân hàng|Việt Nam)(?![\p{L}])/u;

/**
 * A lead that opens with its field and then a verb ("Trong lĩnh vực thanh tra, giúp Bộ trưởng … và
 * có nhiệm vụ, quyền hạn sau đây:") leaves its subject to a heading: carried into an item, it names nobody.
 */
export function subjectless(lead: string): boolean {
  const m = lead.match(/^(?:Trong|Về|Ngoài) [^,:]+,\s*(\p{Ll})/u);
  return !!m && VERB_FIRST.test(m[1].toUpperCase() + lead.slice(m.index! + m[0].length));
}

/** An article titled by whose duties it lists ("Nhiệm vụ, quyền hạn của Thường trực Hội đồng nhân dân"): its title leads every item. */
const DUTY_TITLE = /^(?:Nhiệm vụ|Quyền hạn|Trách nhiệm|Quyền|Nghĩa vụ|Chức năng)(?:,? (?:và )?(?:nhiệm vụ|quyền hạn|quyền|nghĩa vụ|trách nhiệm))* của \S/u;

export interface PointText {
  statement: string;
  /** The words the statement was made from, verbatim (the lead-in not included). */
  source: string;
  /** Verbatim substring of the unit's full text, containing `source`. */
  quote: string;
  /** The lead-in carried into a list item, verbatim from the parent, if any. */
  lead?: string;
}

/**
 * Capital first letter and a full stop, so a clause or list item reads as a sentence; a leading
 * bullet and editorial notes in square brackets (added by publishers, not the issuer) are dropped.
 */
export function asSentence(text: string): string {
  const t = text
    .replace(/\s*\[[^\]]*\]/gu, "")
    .trim()
    .replace(/^[-+•]\s+/u, "")
    .replace(/(?:[\s,;:]|\s(?:và|hoặc))+$/u, "");
  const ended = /[.!?…]["”)]?$/u.test(t) ? t : `${t}.`;
  return ended.charAt(0).toUpperCase() + ended.slice(1);
}

/** A sentence ends at a line break or at . ! ? followed by a space ("1.000 đồng" goes on). */
function endsSentence(text: string, i: number): boolean {
  return text[i] === "\n" || (/\s/u.test(text[i]) && /[.!?]/u.test(text[i - 1] ?? ""));
}

/** Span of the sentence of `text` around [from, to). */
function sentenceAround(text: string, from: number, to: number): [number, number] {
  let start = from;
  while (start > 0 && !endsSentence(text, start - 1)) start--;
  let end = to;
  while (end < text.length && !endsSentence(text, end)) end++;
  return [start, end];
}

/** Is the unit, or the article it is in, about the text itself (entry into force, transition, repeal)? */
export function aboutTheText(doc: ParsedDocument, unit: number): boolean {
  for (let u: number | undefined = unit; u !== undefined; u = doc.units[u].parent) {
    const { heading, type } = doc.units[u];
    if (heading && (type === "dieu" || type === "muc") && ABOUT_THE_TEXT.test(heading)) return true;
  }
  return false;
}

/**
 * What introduces a list item: the parent's text when it ends with a colon; for items ending with
 * ";" under an article without a lead, the article's title; a directive's bullet, its section's
 * lead phrase. The trailing "sau đây", "như sau" go: the item follows directly.
 */
export function leadIn(doc: ParsedDocument, unit: number): string | undefined {
  const parent = doc.units[unit].parent;
  if (parent === undefined) return undefined;
  const { text, heading, children } = doc.units[parent];
  const own = text.replace(/\s*\[[^\]]*\]/gu, "").trim();
  let lead: string | undefined;
  // The lead-in is the parent's last line ending with a colon (a stray first item may follow it).
  const lines = own.split(/\n+/u);
  let colon = lines.length - 1;
  while (colon >= 0 && !lines[colon].trim().endsWith(":")) colon--;
  if (colon >= 0 && colon >= lines.length - 2) {
    const sentences = lines[colon].trim().split(/(?<=[.!?])\s+/u);
    lead = sentences[sentences.length - 1];
  } else if (!own && heading && children.length > 1 && (children.some((c) => /;\s*(?:và|hoặc)?$/u.test(doc.units[c].text.trim())) || VERB_FIRST.test(doc.units[unit].text.trim()) || DUTY_TITLE.test(heading))) lead = `${heading}:`;
  else if (doc.units[unit].type === "y" && heading) lead = `${heading}:`;
  // "Về tổ chức chỉ đạo:" names a section, not whom its items are about.
  if (!lead || /^Về\s/u.test(lead)) return undefined;
  return lead.replace(/\s*(?:sau đây|như sau|dưới đây|bao gồm|gồm)?\s*:$/u, "").trim() || undefined;
}

/** "Giúp Ủy ban …" after "X có nhiệm vụ:" reads "X có nhiệm vụ: giúp Ủy ban …"; names keep their capital. */
function carried(lead: string, item: string): string {
  const body = PROPER_START.test(item) ? item : item.charAt(0).toLowerCase() + item.slice(1);
  return `${lead}: ${body}`;
}

/** A sentence that says something on its own: no dangling condition, no pointer to another clause as its whole content. */
export function standsAlone(sentence: string): boolean {
  const s = sentence.replace(/[.;:,\s]+$/u, "");
  if (ANAPHORA.test(s) || UNSEEN.test(s)) return false;
  if (CONDITION.test(s) && !/(?:,| thì )/u.test(s)) return false;
  if ((LEANS_ON.test(s) && s.split(" ").length < 14) || POINTS_ELSEWHERE.test(s)) return false;
  return !REPEAL_OR_TRANSITION.test(s);
}

/**
 * Statement and quote for `fragment` (a verbatim piece of the unit's own text), or undefined when
 * no clear, self-contained sentence of a sayable size can be made from it.
 */
export function pointText(doc: ParsedDocument, unit: number, fragment: string, length: Length): PointText | undefined {
  if (aboutTheText(doc, unit)) return undefined;
  const own = doc.units[unit].text;
  const at = own.indexOf(fragment);
  if (at < 0) return undefined;
  const full = unitFullText(doc, unit);
  let [start, end] = sentenceAround(own, at, at + fragment.length);
  // A sentence too long to say is narrowed to the clause that matched.
  if (end - start > MAX_STATEMENT_CHARS) [start, end] = [at, at + fragment.length];
  let source = own.slice(start, end).trim();
  // A clause starting in lower case continues a sentence ("…; trách nhiệm quản lý …"): not sayable alone.
  if (/^\p{Ll}/u.test(source) || !standsAlone(source) || subjectless(source) || pointsAtAnotherText(source, doc.meta.kind)) return undefined;
  let statement = source;
  if (/:$/u.test(source)) {
    // "… được giải quyết thông qua:" says nothing without its items: keep them, in order.
    const items = doc.units[unit].children.map((c) => doc.units[c].text.trim().replace(/[\s,;.]+$/u, "")).filter(Boolean);
    if (!items.length) return undefined;
    statement = `${source} ${items.join("; ")}`;
    source = full.slice(start).trim();
    end = full.length;
  }
  // The first sentence of a list item says nothing without whom or what it is about.
  let lead = start === 0 ? leadIn(doc, unit) : undefined;
  // An item that opens with its own subject ("Người đứng đầu … phải …") needs no lead-in.
  if (lead && foldKey(lead).includes(foldKey(statement.split(/\s+/u).slice(0, 3).join(" ")))) lead = undefined;
  if (lead && subjectless(lead)) return undefined;
  if (lead) {
    statement = carried(lead, statement);
    if (!standsAlone(statement)) return undefined;
  } else if (start === 0 && doc.units[unit].parent !== undefined && VERB_FIRST.test(statement)) {
    // An item that opens with a verb and has no lead-in to give it a subject is a fragment.
    return undefined;
  }
  // Measured without notes in brackets: "Thanh tra tỉnh (sau đây gọi là …)." is a name, not a point.
  const said = statement.replace(/\s*\([^)]*\)/gu, "");
  if (said.length < MIN_STATEMENT_CHARS || statement.length > MAX_STATEMENT_CHARS) return undefined;
  // "vua" quotes the unit's own words (its items may be points of their own), "dai" the whole unit.
  const scope = length === "dai" || end > own.length ? full : own;
  const limit = QUOTE_CHARS[length];
  const quote = scope.length <= limit ? scope.trim() : full.slice(start, Math.max(end, start + clipQuote(full.slice(start), limit).length)).trim();
  return { statement: asSentence(statement), source, quote, lead };
}
