/**
 * Rules written as condition → consequence, the stuff of a trainer's "tình huống": "Người nào …
 * thì bị …", "Những tỉnh … thì cần …", "Trường hợp … thì …", "Khi …, …". The condition becomes a
 * situation with an invented actor (its words kept verbatim) and the consequence, as written, is
 * the key. Nothing is inferred: a sentence not written in one of these shapes gives no scenario.
 */
import { VERB_FIRST } from "../points/statement.js";

export interface Conditional {
  /** The consequence's offsets in the sentence: the key, verbatim. */
  start: number;
  end: number;
  /** The condition as written. */
  condition: string;
  /** "Anh A vi phạm …", "Tỉnh T đã thành lập …", "Xảy ra trường hợp …": the situation's words. */
  situation: string;
  /** The invented actor, when the condition names who it is about. */
  actor?: string;
  /** The consequence continues the actor's sentence ("bị khiển trách"), rather than having its own subject. */
  continuesActor: boolean;
  /** What the consequence does, for distractors of the same kind: "bi", "duoc", "phai", "quyen", "clause". */
  head: string;
}

/** Who a condition is about → an invented actor a trainer would name. */
const ACTORS: Array<[RegExp, string]> = [
  [/^(?:người|công dân|cá nhân)(?![\p{L}])/u, "Anh A"],
  [/^đảng viên(?![\p{L}])/u, "Đảng viên A"],
  [/^(?:cán bộ|công chức|viên chức)(?![\p{L}])/u, "Đồng chí A"],
  [/^chi bộ(?![\p{L}])/u, "Chi bộ X"],
  [/^(?:đảng bộ|tổ chức đảng|cấp ủy|cấp uỷ)(?![\p{L}])/u, "Đảng bộ X"],
  [/^cơ quan(?![\p{L}])/u, "Cơ quan Y"],
  [/^tổ chức(?![\p{L}])/u, "Tổ chức Y"],
  [/^đơn vị(?![\p{L}])/u, "Đơn vị X"],
  [/^doanh nghiệp(?![\p{L}])/u, "Doanh nghiệp Z"],
  [/^hộ gia đình(?![\p{L}])/u, "Hộ gia đình B"],
  [/^tỉnh(?![\p{L}])/u, "Tỉnh T"],
  [/^huyện(?![\p{L}])/u, "Huyện H"],
  [/^xã(?![\p{L}])/u, "Xã M"],
];

function actorFor(noun: string): string | undefined {
  const n = noun.toLowerCase();
  return ACTORS.find(([re]) => re.test(n))?.[1];
}

/** How a consequence opens when it continues its subject's sentence, and the kind it is. */
const HEADS: Array<[RegExp, string]> = [
  [/^(?:bị|phải chịu|chịu)(?![\p{L}])/u, "bi"],
  [/^không được(?![\p{L}])/u, "cam"],
  [/^(?:được|có quyền)(?![\p{L}])/u, "duoc"],
  [/^(?:phải|cần|có trách nhiệm|có nghĩa vụ|chịu trách nhiệm)(?![\p{L}])/u, "phai"],
];

/** Where a consequence ends: the sentence's end, a semicolon, or the next rule of the same sentence. */
const CONSEQUENCE_END = /;|,\s+(?:đồng thời|(?:những|các)?\s*[\p{Ll}]+(?:\s[\p{Ll}]+)?\s+nào\s|trường hợp\s|trong trường hợp\s|nếu\s|khi\s)/u;
/** A condition that points at what the trainee cannot see is no situation. */
const UNSEEN = /(?<![\p{L}])(?:khoản này|điểm này|mục này|trên đây|nói trên|dưới đây|như sau|trường hợp này|quy định tại (?:điểm|khoản) [\p{L}\d]+(?: này)?$)(?![\p{L}])/iu;
const MIN_WORDS = 3;
/** A condition ending on a verb whose object the text left to the sentence before ("… không đồng ý") is not a whole case. */
const ELIDED = /(?<![\p{L}])(?:đồng ý|chấp nhận|nhất trí|thực hiện|trả lời|chấp hành)$/u;
/** A second rule inside the condition ("…, trường hợp có …", "…, nếu …"): the condition is not one case. */
const NESTED = /(?<![\p{L}])(?:trường hợp|nếu|thì)(?![\p{L}])/u;
/** An option pointing back ("cơ quan này", "người đó") or elsewhere ("quy định tại khoản 6") says nothing alone. */
const POINTS_ELSEWHERE = /(?<![\p{L}])(?:này|đó|nêu trên|quy định tại)(?![\p{L}])|^(?:Do|do|Theo|theo|Thực hiện|thực hiện)\s/u;
/** A subject, then what it does: a verb of acting or deciding after at least one word. */
const ACTS_AFTER_SUBJECT = /^\S.*?\s(?:phải|được|bị|có trách nhiệm|chịu trách nhiệm|có quyền|có nghĩa vụ|có thể|không được|không phải|là|quyết định|xem xét|báo cáo|ban hành|chỉ định|trình|kiến nghị|đề nghị|thông báo|hướng dẫn|giải quyết|chủ trì|gửi|lập)(?![\p{L}])/u;
/** What makes a clause a rule: someone must, may, is, is not … */
const MODAL = /(?<![\p{L}])(?:phải|cần|có trách nhiệm|chịu trách nhiệm|có nghĩa vụ|có quyền|được|bị|không được)(?![\p{L}])/u;

const words = (s: string) => s.split(/\s+/u).filter((w) => /[\p{L}\p{N}]/u.test(w)).length;

/** Openers: "<X> nào …", "Những/Các <X> …" (X a known actor), "Trường hợp …", "Khi …", "Nếu …". */
const WHO = /^(?:(?:Những|những|Các|các|Mọi|mọi)\s+)?((?:[\p{L}]+\s){0,2}?[\p{L}]+)\s+nào\s+/u;
const MANY = /^(?:Những|những|Các|các)\s+/u;
const CASE = /^(?:(?:Trong|trong)\s+)?(?:trường hợp|Trường hợp|Khi|khi|Nếu|nếu)\s+/u;

function consequenceAt(s: string, from: number): { start: number; end: number } | undefined {
  const rest = s.slice(from);
  const stop = rest.search(CONSEQUENCE_END);
  const text = (stop < 0 ? rest : rest.slice(0, stop)).replace(/[.;,:\s]+$/u, "");
  return words(text) >= MIN_WORDS ? { start: from, end: from + text.length } : undefined;
}

function headOf(consequence: string): string | undefined {
  return HEADS.find(([re]) => re.test(consequence))?.[1];
}

/** One rule read at a clause start, or undefined. */
function ruleAt(s: string, at: number): Conditional | undefined {
  const clause = s.slice(at);
  let condFrom: number;
  let actor: string | undefined;
  let lead = "";
  const who = clause.match(WHO);
  if (who) {
    actor = actorFor(who[1]);
    condFrom = who[0].length;
    if (!actor) lead = `Xảy ra trường hợp ${who[1].toLowerCase()} `;
  } else if (MANY.test(clause)) {
    const rest = clause.slice(clause.match(MANY)![0].length);
    const noun = ACTORS.map(([re]) => rest.toLowerCase().match(re)?.[0]).find(Boolean);
    if (!noun) return undefined;
    actor = actorFor(noun);
    condFrom = clause.length - rest.length + noun.length + 1;
  } else if (CASE.test(clause) && at === 0) {
    // "…, nếu …" after a main clause puts its consequence before it: only a rule that opens the sentence is read.
    condFrom = clause.match(CASE)![0].length;
    const noun = clause.slice(condFrom);
    // "tổ chức, cá nhân …" names several kinds of subject: no one actor stands for them.
    actor = /^[\p{L} ]{1,20},/u.test(noun) ? undefined : actorFor(noun);
    lead = actor ? `${actor} là ` : "Xảy ra trường hợp ";
  } else return undefined;
  // The condition runs to "thì"; after "Trường hợp/Khi/Nếu" a comma may close it instead.
  const body = clause.slice(condFrom);
  const thi = body.search(/\s+thì\s+/u);
  const semi = body.search(/;/u);
  let condEnd: number;
  let next: number;
  if (thi >= 0 && (semi < 0 || thi < semi)) {
    condEnd = thi;
    next = thi + body.slice(thi).match(/^\s+thì\s+/u)![0].length;
  } else if (CASE.test(clause) && body.search(/,\s+/u) > 0 && MODAL.test(body.slice(body.search(/,\s+/u)))) {
    // "Khi …, X phải …": a comma closes the condition only when what follows is a rule; otherwise it may be a list inside it.
    condEnd = body.search(/,\s+/u);
    next = condEnd + body.slice(condEnd).match(/^,\s+/u)![0].length;
  } else return undefined;
  const condition = body.slice(0, condEnd).trim();
  // A condition without its subject ("là cơ quan …") or holding a second rule is no situation.
  if (words(condition) < MIN_WORDS || UNSEEN.test(condition) || ELIDED.test(condition) || /[:()]/u.test(condition) || /^là\s/u.test(condition) || NESTED.test(condition)) return undefined;
  const c = consequenceAt(s, at + condFrom + next);
  if (!c) return undefined;
  const consequence = s.slice(c.start, c.end);
  if (POINTS_ELSEWHERE.test(consequence)) return undefined;
  const head = headOf(consequence);
  // A consequence of its own ("Thường trực Hội đồng nhân dân trình …") names who acts before the verb.
  if (!head && (!ACTS_AFTER_SUBJECT.test(consequence) || VERB_FIRST.test(consequence.charAt(0).toUpperCase() + consequence.slice(1)))) return undefined;
  // A consequence with no actor to continue must carry its own subject: a rule inside a sentence has it before the rule.
  if ((!head || !actor || lead.endsWith("trường hợp ")) && at > 0) return undefined;
  const situation = lead ? `${lead}${condition}` : `${actor} ${condition}`;
  return { ...c, condition, situation, actor, continuesActor: !!actor && !lead.endsWith("trường hợp ") && !!head, head: head ?? "clause" };
}

/** The rules of a sentence, at its start and after each comma or semicolon. */
export function findConditionals(sentence: string): Conditional[] {
  const out: Conditional[] = [];
  const starts = [0, ...[...sentence.matchAll(/[,;]\s+/gu)].map((m) => m.index! + m[0].length)];
  for (const at of starts) {
    if (out.some((r) => at < r.end)) continue;
    const r = ruleAt(sentence, at);
    if (r) out.push(r);
  }
  return out;
}
