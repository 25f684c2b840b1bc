/**
 * One candidate fact → one question. Multiple choice blanks the fact; true/false states the
 * sentence as written or with the fact swapped for a same-type distractor. Anything that does not
 * fit the limits, shows its answer in the stem, or lacks certain distractors is no question.
 */
import { createHash } from "node:crypto";
import type { Engine } from "../engine/engine.js";
import { citationLabel, docLabel } from "../model/citation.js";
import { unitFullText } from "../model/document.js";
import { blockDescendants } from "../answer/sentences.js";
import { comparable, jaccard, mask, stated, syllableSet } from "./compare.js";
import type { Corpus } from "./corpus.js";
import { pickDistractors } from "./distractors.js";
import type { Fact } from "./facts.js";
import type { Rng } from "./random.js";
import { meaningfulItem } from "./lists.js";
import { PROPER_START, VERB_FIRST } from "../points/statement.js";
import { shuffle } from "./random.js";
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
  list?: { lead: string; noun: string; siblings: string[] };
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

/** "Theo <văn bản>, " then the body: the document is always named; what does not fit is skipped, never cut. */
function sourced(source: string, body: string | undefined, max: number): string | undefined {
  // A body opening with a verb ("Gửi dự thảo …", "Tạo điều kiện để …") has lost its subject.
  if (!body || UNSEEN.test(body) || ABOUT_THE_TEXT.test(body) || /^\p{Ll}/u.test(body) || VERB_FIRST.test(body)) return undefined;
  const stem = `${source}${body}`;
  return stem.length <= max ? stem : undefined;
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
  if (f.text.length > ctx.limits.option || (c.list && ABOUT_THE_TEXT.test(f.text))) return undefined;
  const src = source(c, ctx);
  const body = c.list ? `${ownReferences(leadSubject(c.list.lead), pathOf(c, ctx))}: đâu là một ${c.list.noun} được nêu?` : sentenceBody(c, BLANK, pathOf(c, ctx));
  const stem = sourced(src, body, ctx.limits.stem);
  if (!stem || stated(comparable(stem), f.text)) return undefined;
  const wrong = body ? distractors(c, ctx, visibleWords(body), 3) : undefined;
  const level: Difficulty = c.list ? "de" : CLOSE_VALUES.has(f.type) ? "kho" : "vua";
  return wrong && question(c, ctx, "mcq", level, stem, [f.text, ...wrong], 0, `Đáp án: ${f.text}`);
}

/** "Which is NOT": three items of the list (the asked one among them) and one item that is in no such list. */
export function buildNot(c: Candidate, ctx: BuildContext): QuizQuestion | undefined {
  const list = c.list;
  if (!list || list.siblings.length < 2) return undefined;
  const members = [c.fact.text, ...shuffle(list.siblings, ctx.r).filter((s) => s.length <= ctx.limits.option && meaningfulItem(s)).slice(0, 2)];
  if (members.length < 3 || members.some((m) => m.length > ctx.limits.option)) return undefined;
  const body = `${ownReferences(leadSubject(list.lead), pathOf(c, ctx))}: đâu KHÔNG phải là một ${list.noun} được nêu?`;
  const stem = sourced(source(c, ctx), body, ctx.limits.stem);
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
  const stem = sourced(`Đúng hay sai? ${source(c, ctx)}`, body, ctx.limits.stem);
  if (!stem) return undefined;
  const line = truth ? `Đáp án: ${TRUE_FALSE[0]}` : `Đáp án: ${TRUE_FALSE[1]} — không có trong danh sách`;
  return question(c, ctx, "truefalse", truth ? "de" : "vua", stem, [...TRUE_FALSE], truth ? 0 : 1, line, swapped);
}

export function buildTrueFalse(c: Candidate, ctx: BuildContext, truth: boolean): QuizQuestion | undefined {
  const f = c.fact;
  if (c.list) return buildListTrueFalse(c, ctx, truth);
  const src = source(c, ctx);
  const path = pathOf(c, ctx);
  const blanked = sentenceBody(c, BLANK, path);
  if (!blanked) return undefined;
  const swapped = truth ? undefined : distractors(c, ctx, visibleWords(blanked), 1)?.[0];
  if (!truth && !swapped) return undefined;
  const stem = sourced(`Đúng hay sai? ${src}`, sentenceBody(c, swapped ?? f.text, path), ctx.limits.stem);
  // The true fact must not also be in a false statement (a sentence that states it twice).
  if (!stem || (swapped && stated(comparable(stem), f.text))) return undefined;
  const line = truth ? `Đáp án: ${TRUE_FALSE[0]}` : `Đáp án: ${TRUE_FALSE[1]} — văn bản ghi: ${f.text}`;
  return question(c, ctx, "truefalse", truth ? "de" : "vua", stem, [...TRUE_FALSE], truth ? 0 : 1, line, swapped);
}
