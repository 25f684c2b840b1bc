/**
 * One candidate fact → one question. Multiple choice blanks the fact; true/false states the
 * sentence as written or with the fact swapped for a same-type distractor; a scenario tells a rule's
 * case. Anything that shows its answer in the stem or lacks certain distractors is no question; the
 * limits are met afterwards, by rephrasing or skipping (`fitQuestion`).
 */
import { createHash } from "node:crypto";
import type { Engine } from "../engine/engine.js";
import { citationLabel, docLabel, unitLabel, type PathStep } from "../model/citation.js";
import { unitFullText } from "../model/document.js";
import { blockDescendants } from "../answer/sentences.js";
import { comparable, jaccard, mask, sameAnswer, stated, syllableSet } from "./compare.js";
import { CONTINUING, type Corpus } from "./corpus.js";
import { dutyHolders, dutyListHolder } from "./duties.js";
import { pickDistractors } from "./distractors.js";
import { organOfNamed, saidOfElsewhere } from "./elsewhere.js";
import type { Fact } from "./facts.js";
import type { Rng } from "./random.js";
import { itemForm, type ItemForm } from "./forms.js";
import { ANY_KIND, meaningfulItem } from "./lists.js";
import { PROPER_START, VERB_FIRST } from "../points/statement.js";
import { shuffle } from "./random.js";
import { canFit } from "./shorten.js";
import { explanation } from "./stem.js";
import { BLANK, TRUE_FALSE, type Difficulty, type QuizKind, type QuizLimits, type QuizQuestion } from "./types.js";

export interface Candidate {
  d: number;
  block: number;
  /** The unit cited: the sentence's unit, or the whole list for a list item. */
  unit: number;
  fact: Fact;
  /** The sentence holding the fact; for a list item, the item itself. */
  sentence: string;
  /** The lead of the list the sentence is an item of: kept in the stem for the item to make sense. */
  lead?: string;
  /** A question on a whole list: which of these is one of its items. */
  list?: { lead: string; noun: string; siblings: string[]; form?: ItemForm; part?: number };
}

export interface BuildContext {
  engine: Engine;
  corpus: Corpus;
  limits: QuizLimits;
  r: Rng;
}

export function questionId(docId: string, unitId: string, kind: QuizKind, stem: string): string {
  return createHash("sha1").update(`${docId}|${unitId}|${kind}|${stem}`).digest("hex").slice(0, 12);
}

/**
 * "Điều này", "khoản này" point at the article the trainee does not see: named instead, so the
 * stem stands alone. "Luật này" needs nothing: the stem opens with the document's name.
 */
export function ownReferences(text: string, path: Array<{ type: string; label: string }>): string {
  const article = path.find((p) => p.type === "dieu")?.label;
  const clause = path.find((p) => p.type === "khoan")?.label;
  let t = text;
  if (article && clause) t = t.replace(/(?<![\p{L}])khoản này(?![\p{L}])/gu, `khoản ${clause} Điều ${article}`);
  if (article) t = t.replace(/(?<![\p{L}])Điều này(?![\p{L}])/gu, `Điều ${article}`);
  return t;
}

/** A stem body that points at what the trainee cannot see, or starts mid-sentence, is no stem. */
const UNSEEN = /(?<![\p{L}])(?:khoản này|điểm này|mục này|trên đây|nói trên|dưới đây|như sau)(?![\p{L}])/iu;
/** Sentences about the text itself — who details it, what it repeals — test nothing a trainee should know. */
const ABOUT_THE_TEXT = /(?<![\p{L}])(?:quy định chi tiết|hướng dẫn thi hành|bãi bỏ|hết hiệu lực)(?![\p{L}])/iu;

/**
 * "Theo <văn bản>, " then the body: the document is always named. Limits are met afterwards by
 * rephrasing shorter, or the question is skipped (`fitQuestion`), never by cutting.
 */
function sourced(source: string, body: string | undefined): string | undefined {
  // A body opening with a verb ("Gửi dự thảo …", "Tạo điều kiện để …") has lost its subject.
  if (!body || UNSEEN.test(body) || ABOUT_THE_TEXT.test(body) || /^\p{Ll}/u.test(body) || VERB_FIRST.test(body)) return undefined;
  return `${source}${body}`;
}

/** The words a trainee reads around the blank. */
function visibleWords(body: string): Set<string> {
  return syllableSet(comparable(body.replace(BLANK, " ")));
}

/** The whole sentence with its fact replaced, after its list's lead when it is a list item. */
/** Words a stem must carry besides its blank or fact, to say something ("Ủy ban nhân dân cấp tỉnh." says nothing). */
const MIN_WORDS = 6;

function sentenceBody(c: Candidate, fill: string, path: Array<{ type: string; label: string }>): string | undefined {
  const { start, end } = c.fact;
  if ((c.sentence.slice(0, start) + " " + c.sentence.slice(end)).split(/\s+/u).filter((w) => /[\p{L}\p{N}]/u.test(w)).length < MIN_WORDS) return undefined;
  const text = c.sentence.slice(0, start) + fill + c.sentence.slice(end);
  const whole = c.lead ? `${leadSubject(c.lead)}: ${lowerFirst(text)}` : text;
  return ownReferences(whole.replace(/\s*\n\s*/gu, " ").replace(/(?:[,;]|\s+(?:và|hoặc))+$/u, "").replace(/[.;:,]?$/u, "."), path);
}

/** An item after its lead's colon: lower case, unless it opens with a name ("Bộ Tư pháp …"). */
function lowerFirst(text: string): string {
  return PROPER_START.test(text) ? text : text.charAt(0).toLowerCase() + text.slice(1);
}

/** The lead of a list as the stem's subject: "Bộ Quốc phòng có trách nhiệm". */
function leadSubject(lead: string): string {
  return lead.replace(/\s*\n\s*/gu, " ").replace(/\s*(?:sau đây|như sau|dưới đây|bao gồm|gồm)?\s*:$/u, "").trim();
}

/** Lists whose leads share this much are about the same subject: each one's items may be true of the other. */
const SAME_SUBJECT = 0.5;

/**
 * The text no distractor may be stated in: a fact's own unit; for a list, the list and every list
 * of its block about the same subject ("Thanh tra tỉnh có nhiệm vụ" in two khoản of one article),
 * but not the lists of other bodies in a directive's section.
 */
function scopeOf(c: Candidate, ctx: BuildContext): string {
  const doc = ctx.engine.docs()[c.d];
  if (!c.list) return unitFullText(doc, c.unit);
  const lead = syllableSet(comparable(c.list.lead));
  const lists = ctx.corpus.docs[c.d].find((b) => b.block === c.block)?.lists ?? [];
  const near = lists.filter((l) => l.unit === c.unit || jaccard(syllableSet(comparable(l.lead)), lead) >= SAME_SUBJECT);
  const inLists = new Set(lists.flatMap((l) => [l.unit, ...l.items.map((i) => i.unit)]));
  // Text of the block outside any list (an article's other sentences) counts too.
  const loose = blockDescendants(doc, c.block).filter((u) => !inLists.has(u)).map((u) => doc.units[u].text);
  return [...near.map((l) => unitFullText(doc, l.unit)), ...loose].join("\n");
}

/** The first words of a list's subject ("Tổng Cục Quản lý ruộng đất có trách nhiệm:" → "tong cuc quan"), comparable. */
function listSubject(lead: string): string | undefined {
  const subject = lead.split(/\s(?:có|chịu|thực hiện|được|phải|tham gia|phối hợp|chủ trì|giúp)\s/u)[0];
  const words = comparable(subject).split(" ").filter(Boolean);
  return words.length >= 3 && subject.length < lead.length ? words.slice(0, 3).join(" ") : undefined;
}

/** A wrong body said elsewhere to do what the stem asks, or an organ of the body the stem names. */
function bodyTrueElsewhere(c: Candidate, ctx: BuildContext): (body: string) => boolean {
  const before = c.sentence.slice(0, c.fact.start);
  const after = c.sentence.slice(c.fact.end);
  const said = saidOfElsewhere(ctx.engine.docs(), before, after);
  return (body) => said(body) || organOfNamed(body, `${c.lead ?? ""} ${before} ${after}`);
}

function distractors(c: Candidate, ctx: BuildContext, visible: Set<string>, count: number): string[] | undefined {
  const f = c.fact;
  return pickDistractors(
    {
      pool: f.pool,
      correct: f.text,
      numeral: f.numeral,
      suffix: f.suffix,
      magnitude: f.magnitude,
      d: c.d,
      block: c.block,
      list: c.list ? c.unit : undefined,
      scopeText: mask(comparable(scopeOf(c, ctx)), comparable(f.text)),
      context: syllableSet(comparable(c.list?.lead ?? "")),
      visible,
      siblings: c.list?.siblings ?? [],
      maxLength: ctx.limits.option,
      count,
      forbid: c.list ? listSubject(c.list.lead) : undefined,
      // A lead naming no kind of item: only lists written alike, in the same chapter, may lend theirs.
      trueElsewhere: f.type === "body" && !c.list ? bodyTrueElsewhere(c, ctx) : undefined,
      alike: c.list?.noun === ANY_KIND ? { form: c.list.form, item: itemForm(f.text, ctx.corpus.verbs), part: c.list.part, verbs: ctx.corpus.verbs } : undefined,
    },
    ctx.corpus.pools,
    ctx.r,
  );
}

function question(c: Candidate, ctx: BuildContext, kind: QuizKind, level: Difficulty, stem: string, options: string[], correct: number, answerLine: string, swapped?: string): QuizQuestion {
  const citation = ctx.engine.citation(c.d, c.unit, c.sentence, 1);
  return {
    level,
    id: questionId(citation.doc.id, citation.unitId, kind, stem),
    kind,
    stem,
    options,
    correct,
    explanation: explanation(answerLine, citationLabel(citation), c.sentence, c.fact.start, c.fact.end, ctx.limits.explanation),
    citation,
    quote: c.sentence,
    answer: c.fact.text,
    swapped,
    fact: c.fact.type,
  };
}

/** "Theo Luật 35/2009/QH12, " — the document's short name, as a trainee knows it. */
function source(c: Candidate, ctx: BuildContext): string {
  return `Theo ${docLabel(ctx.engine.docs()[c.d].meta)}, `;
}

function pathOf(c: Candidate, ctx: BuildContext) {
  return ctx.engine.citation(c.d, c.unit, "", 1).path;
}

/** Amounts and dates are told apart from near values: harder than a name. */
const CLOSE_VALUES = new Set(["duration", "date", "percent", "money", "count"]);

/** Multiple choice with the correct option first; positions are balanced when the quiz is assembled. */
export function buildMcq(c: Candidate, ctx: BuildContext): QuizQuestion | undefined {
  const f = c.fact;
  if (f.type === "consequence" || (c.list && ABOUT_THE_TEXT.test(f.text))) return undefined;
  const src = source(c, ctx);
  const body = c.list ? `${ownReferences(leadSubject(c.list.lead), pathOf(c, ctx))}: đâu là một ${c.list.noun} được nêu?` : sentenceBody(c, BLANK, pathOf(c, ctx));
  const stem = sourced(src, body);
  if (!stem || stated(comparable(stem), f.text)) return undefined;
  const wrong = body ? distractors(c, ctx, visibleWords(body), 3) : undefined;
  const level: Difficulty = c.list ? "de" : CLOSE_VALUES.has(f.type) ? "kho" : "vua";
  return wrong && question(c, ctx, "mcq", level, stem, [f.text, ...wrong], 0, `Đáp án: ${f.text}`);
}

/** "Which is NOT": three items of the list (the asked one among them) and one item that is in no such list. */
export function buildNot(c: Candidate, ctx: BuildContext): QuizQuestion | undefined {
  const list = c.list;
  if (!list || list.siblings.length < 2) return undefined;
  const fits = (s: string) => canFit(s, ctx.limits.option);
  const members = [c.fact.text, ...shuffle(list.siblings, ctx.r).filter((s) => fits(s) && meaningfulItem(s)).slice(0, 2)];
  if (members.length < 3 || !members.every(fits)) return undefined;
  const body = `${ownReferences(leadSubject(list.lead), pathOf(c, ctx))}: đâu KHÔNG phải là một ${list.noun} được nêu?`;
  const stem = sourced(source(c, ctx), body);
  const outsider = stem ? distractors(c, ctx, visibleWords(body), 1)?.[0] : undefined;
  if (!stem || !outsider) return undefined;
  const q = question(c, ctx, "not", "kho", stem, [outsider, ...members], 0, `Đáp án: ${outsider} — không có trong danh sách`);
  return { ...q, answer: outsider, quote: list.lead };
}

/** "Đúng hay sai? Theo …, Bộ Quốc phòng có trách nhiệm: huy động …" — the item, or another body's item in its place. */
function buildListTrueFalse(c: Candidate, ctx: BuildContext, truth: boolean): QuizQuestion | undefined {
  const list = c.list!;
  // In a law, lists of duties and cases overlap across articles: another list's item may be true here too.
  // A directive's lists name different bodies: their items are false of each other.
  if (!truth && ctx.engine.docs()[c.d].layout === "legal") return undefined;
  const swapped = truth ? undefined : distractors(c, ctx, syllableSet(comparable(list.lead)), 1)?.[0];
  if (!truth && !swapped) return undefined;
  const item = swapped ?? c.fact.text;
  const body = `${ownReferences(leadSubject(list.lead), pathOf(c, ctx))}: ${lowerFirst(item)}.`;
  const stem = sourced(`Đúng hay sai? ${source(c, ctx)}`, body);
  if (!stem) return undefined;
  const line = truth ? `Đáp án: ${TRUE_FALSE[0]}` : `Đáp án: ${TRUE_FALSE[1]} — không có trong danh sách`;
  return question(c, ctx, "truefalse", truth ? "de" : "vua", stem, [...TRUE_FALSE], truth ? 0 : 1, line, swapped);
}

export function buildTrueFalse(c: Candidate, ctx: BuildContext, truth: boolean): QuizQuestion | undefined {
  const f = c.fact;
  if (f.type === "consequence") return undefined;
  if (c.list) return buildListTrueFalse(c, ctx, truth);
  const src = source(c, ctx);
  const path = pathOf(c, ctx);
  const blanked = sentenceBody(c, BLANK, path);
  if (!blanked) return undefined;
  const swapped = truth ? undefined : distractors(c, ctx, visibleWords(blanked), 1)?.[0];
  if (!truth && !swapped) return undefined;
  const stem = sourced(`Đúng hay sai? ${src}`, sentenceBody(c, swapped ?? f.text, path));
  // The true fact must not also be in a false statement (a sentence that states it twice).
  if (!stem || (swapped && stated(comparable(stem), f.text))) return undefined;
  const line = truth ? `Đáp án: ${TRUE_FALSE[0]}` : `Đáp án: ${TRUE_FALSE[1]} — văn bản ghi: ${f.text}`;
  return question(c, ctx, "truefalse", truth ? "de" : "vua", stem, [...TRUE_FALSE], truth ? 0 : 1, line, swapped);
}

/** "Điều 6", "mục 3": the article (or a directive's section) a scenario's rule is in, as the stem names it. */
function placeOf(path: Array<{ type: string; label: string }>): string {
  const step = path.find((p) => p.type === "dieu") ?? path.find((p) => p.type !== "chuong" && p.type !== "phan");
  return step ? unitLabel([step as PathStep]) : "";
}

/** "Theo Điều 6 Quy định 999-QĐ/TEST, " */
function placedSource(c: Candidate, ctx: BuildContext): string {
  const place = placeOf(pathOf(c, ctx));
  return `Theo ${place ? `${place} ` : ""}${docLabel(ctx.engine.docs()[c.d].meta)}, `;
}

const oneLine = (s: string) => s.replace(/\s*\n\s*/gu, " ").trim();

/** Bodies that exist at several levels: a case naming one without its level may not be the level a consequence holds for. */
const LEVELLED = /(Hội đồng nhân dân|(?:Ủy|Uỷ) ban nhân dân|(?:Tòa|Toà) án nhân dân|Viện kiểm sát nhân dân) cấp (?:tỉnh|huyện|xã)/gu;

/**
 * "Khuyết Thường trực Hội đồng nhân dân" → "… chủ tọa kỳ họp của Hội đồng nhân dân cấp tỉnh": the
 * consequence holds for one level the case does not name — told as the case, it drops what it depends on.
 */
function dropsLevel(situation: string, consequence: string): boolean {
  return [...consequence.matchAll(LEVELLED)].some((m) => situation.includes(m[1]) && !situation.includes(m[0]));
}

/**
 * "Tình huống: Anh A vi phạm … Theo Điều 5 <văn bản>, Anh A ……": the rule's condition told as a
 * case with an invented actor, the key its consequence as written, the distractors other rules'
 * consequences of the same kind in the same document (checked like any distractor: not stated in
 * the cited unit, nor the consequence of a condition like this one).
 */
function buildRuleScenario(c: Candidate, ctx: BuildContext): QuizQuestion | undefined {
  const rule = c.fact.rule!;
  const situation = oneLine(ownReferences(rule.situation, pathOf(c, ctx)));
  if (UNSEEN.test(situation) || ABOUT_THE_TEXT.test(c.sentence) || dropsLevel(situation, c.fact.text)) return undefined;
  // "… trường hợp này thì ……" needs a consequence with its own subject, not one opening with a verb.
  if (!rule.continuesActor && VERB_FIRST.test(c.fact.text.charAt(0).toUpperCase() + c.fact.text.slice(1))) return undefined;
  const ask = rule.continuesActor ? `${rule.actor} ${BLANK}` : `trường hợp này thì ${BLANK}`;
  const stem = `Tình huống: ${situation.charAt(0).toUpperCase()}${situation.slice(1)}. ${placedSource(c, ctx)}${ask}`;
  const need = {
    pool: c.fact.pool,
    correct: c.fact.text,
    magnitude: c.fact.magnitude,
    d: c.d,
    block: c.block,
    list: c.unit,
    scopeText: mask(comparable(unitFullText(ctx.engine.docs()[c.d], c.unit)), comparable(c.fact.text)),
    context: new Set<string>(),
    visible: syllableSet(comparable(rule.condition)),
    siblings: [] as string[],
    maxLength: ctx.limits.option,
    count: 3,
    partial: true,
    follows: syllableSet(comparable(c.fact.text)),
  };
  // Same kind first ("bị …" for a sanction); a document with fewer such rules lends its other consequences of an actor.
  const same = pickDistractors(need, ctx.corpus.pools, ctx.r) ?? [];
  const more = same.length < 3 && rule.head !== "clause" ? pickDistractors({ ...need, pool: CONTINUING, siblings: same, count: 3 - same.length }, ctx.corpus.pools, ctx.r) ?? [] : [];
  const wrong = [...same, ...more];
  return wrong.length === 3 ? question(c, ctx, "scenario", "vua", stem, [c.fact.text, ...wrong], 0, `Đáp án: ${c.fact.text}`) : undefined;
}

/** "Trong thời hạn 15 ngày, kể từ ngày nhận …, X …" or "X … trong thời hạn 15 ngày, kể từ ngày nhận …". */
const DEADLINE_FROM = /^(?:(?:Trong|trong) thời hạn (?<lead>.+?), kể từ ngày (?<leadEvent>[^,;]+?), (?<rest>.+?)|(?<before>.+?) trong thời hạn (?<tail>.+?), kể từ ngày (?<tailEvent>[^,;]+?))[.;]?$/u;

/**
 * "Tình huống: Ngày 02 tháng 3 là ngày nhận đủ hồ sơ. Theo Điều 2 <văn bản>, X … trong thời hạn
 * ……": a deadline counted from an event, asked as the case a trainee meets; distractors are the
 * other time limits, as for a blanked deadline.
 */
function buildDeadlineScenario(c: Candidate, ctx: BuildContext): QuizQuestion | undefined {
  const m = oneLine(c.sentence).match(DEADLINE_FROM);
  const g = m?.groups;
  if (!g || (g.lead ?? g.tail) !== c.fact.text) return undefined;
  const event = g.leadEvent ?? g.tailEvent;
  const what = oneLine(ownReferences(g.rest ?? g.before, pathOf(c, ctx)));
  if (!/^\p{Lu}/u.test(what) || UNSEEN.test(what) || UNSEEN.test(event) || VERB_FIRST.test(what)) return undefined;
  const stem = `Tình huống: Ngày 02 tháng 3 là ngày ${event}. ${placedSource(c, ctx)}${what} trong thời hạn ${BLANK}`;
  if (stated(comparable(stem), c.fact.text)) return undefined;
  const wrong = distractors(c, ctx, syllableSet(comparable(`${event} ${what}`)), 3);
  return wrong && question(c, ctx, "scenario", "kho", stem, [c.fact.text, ...wrong], 0, `Đáp án: ${c.fact.text}`);
}

/** Duties of which the shorter has this share of its words in the other may be one duty given to two bodies. */
const SAME_DUTY = 0.6;

function overlap(a: Set<string>, b: Set<string>): number {
  let n = 0;
  for (const x of a) if (b.has(x)) n++;
  return n / Math.max(1, Math.min(a.size, b.size));
}

/**
 * "Tình huống: Cần huy động … Theo mục 3 <văn bản>, ai có trách nhiệm việc này?": a duty of a
 * list, the key the body the list gives it to, distractors the other bodies given duties by the same
 * document — none of whose duties is like this one, nor named in the asked list.
 */
function buildDutyScenario(c: Candidate, ctx: BuildContext): QuizQuestion | undefined {
  const holder = dutyListHolder(c.list!.lead);
  if (!holder || !VERB_FIRST.test(c.fact.text)) return undefined;
  const doc = ctx.engine.docs()[c.d];
  const duty = syllableSet(comparable(c.fact.text));
  const unit = mask(comparable(unitFullText(doc, c.unit)), comparable(holder));
  const others = new Map<string, string>();
  for (const h of dutyHolders(doc)) {
    if (h.unit === c.unit || sameAnswer(h.body, holder) || !canFit(h.body, ctx.limits.option) || stated(unit, h.body)) continue;
    // A body also given this duty (or one like it) would be a second right answer.
    const alike = h.duties.split(/\n+/u).some((line) => overlap(syllableSet(comparable(line)), duty) >= SAME_DUTY);
    if (alike) others.set(comparable(h.body), "");
    else if (!others.has(comparable(h.body))) others.set(comparable(h.body), h.body);
  }
  const wrong = shuffle([...others.values()].filter(Boolean), ctx.r).slice(0, 3);
  if (wrong.length < 3) return undefined;
  // The duty opens with its verb ("Ban hành …" is not the name "Ban …"): lower case after "Cần".
  const stem = `Tình huống: Cần ${c.fact.text.charAt(0).toLowerCase()}${c.fact.text.slice(1)}. ${placedSource(c, ctx)}ai có trách nhiệm việc này?`;
  return { ...question(c, ctx, "scenario", "vua", stem, [holder, ...wrong], 0, `Đáp án: ${holder}`), answer: holder };
}

/** A scenario from a rule written as condition → consequence, a deadline counted from an event, or a body's duty. */
export function buildScenario(c: Candidate, ctx: BuildContext): QuizQuestion | undefined {
  if (c.list) return buildDutyScenario(c, ctx);
  if (c.fact.rule) return buildRuleScenario(c, ctx);
  return c.fact.type === "duration" ? buildDeadlineScenario(c, ctx) : undefined;
}
