/**
 * Wrong options that are certainly wrong: same type as the answer, taken from elsewhere in the
 * documents, and rejected when they equal or paraphrase the answer (or a sibling list item), are
 * stated in the cited unit (for a list item: anywhere in its article), or fill the same slot
 * elsewhere — seen in a sentence around which the words the trainee reads also stand, where they
 * would be true.
 */
import { comparable, jaccard, sameAnswer, stated, syllableSet } from "./compare.js";
import type { PoolEntry, Pools } from "./corpus.js";
import { shuffle, type Rng } from "./random.js";
import { itemForm, type ItemForm } from "./forms.js";
import { canFit } from "./shorten.js";

export interface DistractorNeed {
  pool: string;
  /** The correct answer, verbatim. */
  correct: string;
  /** Amounts: the correct numeral and the words after it, which distractors keep. */
  numeral?: string;
  suffix?: string;
  magnitude?: number;
  d: number;
  block: number;
  /** For a list question: the list's unit; other lists of the same block may lend items. */
  list?: number;
  /** Comparable text no distractor may be stated in (the cited unit, or a list's whole article), answer blotted out. */
  scopeText: string;
  /** A list's lead words: lists with similar leads are about the same thing. */
  context: Set<string>;
  /** Words around the blank the trainee actually reads (a shortened stem says less than its sentence). */
  visible: Set<string>;
  /** Other items of the same list: no distractor may be near any of them either. */
  siblings: string[];
  /** Longest an option may be once shortened (src/quiz/shorten.ts). */
  maxLength: number;
  count: number;
  /** Comparable words a distractor must not contain: a list's subject ("tong cuc quan ly") cannot be its own duty's object. */
  forbid?: string;
  /** Return what was found even when fewer than `count` (to be completed from a wider pool). */
  partial?: boolean;
  /**
   * A consequence's words: a rule whose condition the key itself meets ("cơ quan trung ương là cơ
   * quan có trách nhiệm bồi thường" → "Trường hợp cơ quan trung ương có trách nhiệm bồi thường thì
   * …") follows from it, so its consequence is true here too.
   */
  follows?: Set<string>;
  /**
   * For a list whose lead names no kind of item ("… gồm có:"): only items of lists written in the
   * same form and in the same chapter are of its kind; an item of any other list gives itself away.
   */
  alike?: { form?: ItemForm; item: ItemForm; part?: number; verbs: Set<string> };
  /** True of a value some other unit of the loaded documents makes right (src/quiz/elsewhere.ts). */
  trueElsewhere?: (text: string) => boolean;
}

/**
 * Lists whose leads are this alike are one list said twice: their items may be true for each
 * other. Lists of other bodies in the same document ("Bộ Nông nghiệp có trách nhiệm:", "Bộ Quốc
 * phòng có trách nhiệm:") are where plausible wrong items come from.
 */
const SAME_LIST = 0.75;
/** A distractor sharing this much of its words with an item of the asked list may be that item reworded. */
const LIKE_AN_ITEM = 0.5;
/** Pools whose values give themselves away when taken from another document: names and list items. */
const SAME_DOCUMENT_ONLY = /^(?:body|level|list:|consequence:)/;
/** Share of the visible words found around another occurrence for it to fill the same slot. */
const SAME_SLOT = 0.8;

/** Nearly all of `part`'s words, and every one of its numbers, are in `whole`. */
function within(part: Set<string>, whole: Set<string>): boolean {
  let n = 0;
  for (const x of part) {
    if (whole.has(x)) n++;
    else if (/\d/.test(x)) return false;
  }
  return part.size > 0 && n / part.size >= SAME_SLOT;
}

/**
 * Does another occurrence fill the slot the trainee sees? One wording holds nearly all of the
 * other's words and all of its numbers — "từ 75% đến dưới 90% … ở mức ……" is another slot than
 * "từ 60% đến dưới 75% … ở mức ……", a shortened "Trong thời hạn ……, kể từ ngày nhận được đề nghị
 * của Sở Tư pháp…" is every sentence that begins so.
 */
function sameSlot(visible: Set<string>, context: Set<string>): boolean {
  return within(visible, context) || within(context, visible);
}

/** A lead of at most this many words is a name ("Chuẩn bị thanh tra"), whose words an item of another list may repeat. */
const SHORT_LEAD = 8;
/** Share of such a lead's words a wrong item may not hold. */
const LEAD_WORDS = 0.66;

function share(of: Set<string>, inside: Set<string>): number {
  let n = 0;
  for (const x of of) if (inside.has(x)) n++;
  return of.size ? n / of.size : 0;
}

/** How many of the closest values (amounts, dates) the random pick is made from. */
const NEAR = 8;

/** A numeral written like the answer's: "07" only when the answer was written "05". */
function styled(numeral: string, like: string): string {
  const plain = /^\d+$/.test(numeral) ? String(Number(numeral)) : numeral;
  return like.length === 2 && like.startsWith("0") && plain.length === 1 ? `0${plain}` : plain;
}

function render(entry: PoolEntry, need: DistractorNeed): string {
  if (need.numeral !== undefined) return styled(entry.text, need.numeral) + need.suffix;
  // A level opening a sentence is capitalised: its distractors too.
  const upper = need.correct[0] !== need.correct[0].toLowerCase();
  return upper ? entry.text[0].toUpperCase() + entry.text.slice(1) : entry.text;
}

function closeness(entry: PoolEntry, need: DistractorNeed): number {
  const a = entry.magnitude;
  const b = need.magnitude;
  if (a === undefined || b === undefined) return 0;
  if (need.pool.startsWith("date")) return Math.abs(a - b);
  // Consequences: the most alike in wording first ("… từ ngân sách trung ương" for "… từ ngân sách địa phương").
  if (need.pool.startsWith("consequence")) return 1 - jaccard(syllableSet(comparable(entry.text)), syllableSet(comparable(need.correct)));
  // List items: another list of the same document first (plausible), then of similar length.
  // A list naming no kind: its own article's other lists first ("Chuẩn bị …", "Tiến hành …", "Kết thúc …").
  if (need.pool.startsWith("list")) return (entry.seen.some((o) => o.d === need.d) ? 0 : 1) + (need.alike && !entry.seen.some((o) => o.block === need.block) ? 1 : 0) + Math.abs(a - b) / Math.max(a, b);
  // Other deadlines and amounts of the same law first, then the nearest values.
  return (entry.seen.some((o) => o.d === need.d) ? 0 : 2) + Math.abs(Math.log((a + 1) / (b + 1)));
}

export function pickDistractors(need: DistractorNeed, pools: Pools, r: Rng): string[] | undefined {
  const sameDoc = SAME_DOCUMENT_ONLY.test(need.pool);
  const alike = need.alike;
  const entries = [...(pools.get(need.pool)?.values() ?? [])].filter((e) =>
    e.seen.some(
      (o) =>
        (o.d !== need.d || o.block !== need.block || (need.list !== undefined && o.list !== need.list)) &&
        (!sameDoc || o.d === need.d || o.d < 0) &&
        (!alike || (o.d === need.d && o.form === alike.form && o.part === alike.part)),
    ),
  );
  // Nearest values first (a day count among day counts of the same order), randomised among them.
  const ranked = shuffle(entries, r).sort((x, y) => closeness(x, need) - closeness(y, need));
  const ordered = need.magnitude === undefined ? ranked : [...shuffle(ranked.slice(0, NEAR), r), ...ranked.slice(NEAR)];
  const picked: string[] = [];
  const list = need.pool.startsWith("list");
  for (const entry of ordered) {
    if (picked.length === need.count) break;
    const text = render(entry, need);
    if (!text || !canFit(text, need.maxLength) || /\n/.test(text)) continue;
    // Written like the key itself: "Căn cứ ra quyết định" is no step among steps, a step no finding among findings.
    if (need.alike && itemForm(text, need.alike.verbs) !== need.alike.item) continue;
    // Nor repeating a short lead's words ("Kết thúc việc tiến hành …" for "Kết thúc cuộc thanh tra:"): it would look right.
    if (need.alike && need.context.size <= SHORT_LEAD && share(need.context, syllableSet(comparable(text))) >= LEAD_WORDS) continue;
    if (sameAnswer(text, need.correct) || need.siblings.some((s) => sameAnswer(text, s))) continue;
    if (need.forbid && ` ${comparable(text)} `.includes(` ${need.forbid} `)) continue;
    // An item of another list about the same subject ("Mặt trận … tham gia …" twice) may be true of it too.
    if (list && need.forbid && entry.seen.some((o) => need.forbid!.split(" ").every((w) => o.context.has(w)))) continue;
    const words = syllableSet(comparable(text));
    if (list && [need.correct, ...need.siblings].some((s) => jaccard(words, syllableSet(comparable(s))) >= LIKE_AN_ITEM)) continue;
    if (stated(need.scopeText, text)) continue;
    if (entry.seen.some((o) => (list ? jaccard(o.context, need.context) >= SAME_LIST : sameSlot(need.visible, o.context)))) continue;
    // A consequence that only restates the case ("cơ quan trung ương là cơ quan có trách nhiệm bồi thường") is true of it.
    if (need.follows && (entry.seen.some((o) => within(o.context, need.follows!)) || within(words, need.visible))) continue;
    if (picked.some((p) => sameAnswer(p, text))) continue;
    if (need.trueElsewhere?.(text)) continue;
    picked.push(text);
  }
  return picked.length === need.count || need.partial ? picked : undefined;
}
