/**
 * One topic gate for talking points and quizzes, with the engine's honesty rule: a unit is on a
 * topic only if it carries the topic's informative word pairs — the phrases that tell the topic
 * apart — not merely a word every document shares. "chuyển đổi số trong công tác xây dựng Đảng" is
 * not treated by an article on digital transformation in local government (it lacks "xây dựng
 * Đảng") nor by one where the Front "tham gia xây dựng Đảng" (it lacks "chuyển đổi số").
 *
 * Pairs are read on the folded syllables of the topic, split at punctuation; the units' text is
 * read across commas, since "phòng, chống tham nhũng" and "phòng chống tham nhũng" are one phrase.
 */
import type { Engine } from "../engine/engine.js";
import type { ParsedDocument } from "../model/document.js";
import { foldDiacritics, foldKey, searchForm } from "../text/normalize.js";
import { QUESTION_SYLLABLES } from "../text/question-words.js";

/** A pair found in this share of the units or more is a shared common word ("quản lý", "xây dựng"). */
export const COMMON_SHARE = 0.04;
/** …and found in this share of the documents, when there are enough documents to tell. */
export const COMMON_DOC_SHARE = 0.5;
const MIN_DOCS_FOR_SPREAD = 4;
/** Share of the topic's informative pairs a unit must hold (two of three, three of four, all of one or two), its last one always. */
export const TREATED_SHARE = 0.66;


/** Unit levels whose headings say what the unit is about (an article's title); chapters and parts are too broad. */
const HEADING_LEVELS = new Set(["dieu", "khoan", "diem", "muc", "y", "doan"]);

/** Folded syllables joined by single spaces, padded, punctuation dropped: " phong chong tham nhung ". */
function flat(text: string): string {
  return ` ${foldKey(text).replace(/[^a-z0-9]+/g, " ").trim()} `;
}

interface DocText {
  /** Per unit: its own text and heading, flattened; for document frequencies. */
  own: string[];
}

/** Flattened unit texts, cached per index version (the engine's docs array is replaced on reload). */
const cache = new WeakMap<ParsedDocument[], { docs: Map<string, DocText>; units: number }>();

function corpusText(docs: ParsedDocument[]) {
  let hit = cache.get(docs);
  if (!hit) {
    const map = new Map<string, DocText>();
    let units = 0;
    for (const d of docs) {
      const own = d.units.map((u) => flat(`${u.heading ?? ""} ${u.text}`));
      units += own.filter((t) => t.trim()).length;
      map.set(d.meta.id, { own });
    }
    hit = { docs: map, units };
    cache.set(docs, hit);
  }
  return hit;
}

/**
 * Linking and question words, accented: folded, "những" would also drop "tham nhũng" and "đâu"
 * "người đứng đầu". Typed without tone marks, only the unambiguous ones are dropped.
 */
const LINKING = new Set([...QUESTION_SYLLABLES, ..."tại đến từ ở do bởi hoặc hay".split(" ")]);
/** Folded, these are also content words ("lâu"/"lau", "đâu"/"dầu", "những"/"nhũng", "đến"/"đền"). */
const AMBIGUOUS_FOLDED = new Set("lau dau sao the co phai nhung nen trinh bay biet den do boi".split(" "));
const LINKING_FOLDED = new Set([...LINKING].map(foldKey).filter((s) => !AMBIGUOUS_FOLDED.has(s)));

function contentSyllable(s: string, accented: boolean): boolean {
  return !/^\d+$/.test(s) && !(accented ? LINKING.has(s) : LINKING_FOLDED.has(s));
}

/** Syllable runs of a topic (split at punctuation), lower case; linking words stay, to break pairs. */
function topicRuns(topic: string): string[][] {
  return searchForm(topic)
    .split(/[.,;:!?()"“”«»\n/]+/u)
    .map((run) => run.match(/[\p{L}\p{M}\p{N}]+/gu) ?? [])
    .filter((run) => run.length);
}

/** Content word pairs of a topic, folded, within punctuation-free runs; a linking word breaks a pair. */
export function topicPairs(topic: string): string[] {
  const accented = foldDiacritics(topic) !== topic;
  const pairs: string[] = [];
  for (const run of topicRuns(topic)) {
    for (let i = 0; i + 1 < run.length; i++) {
      if (contentSyllable(run[i], accented) && contentSyllable(run[i + 1], accented)) pairs.push(foldDiacritics(`${run[i]} ${run[i + 1]}`));
    }
  }
  return [...new Set(pairs)];
}

/**
 * An informative pair with the topic's words beside it that are common pairs ("thanh tra" + "tra
 * lại" → "thanh tra lại"): alone, "tra lại" is also "điều tra lại" and, folded, "trả lại"; the
 * common neighbour the topic puts beside it says which one is meant.
 */
function phrasesOf(topic: string, informative: Set<string>, common: (pair: string) => boolean): string[] {
  const accented = foldDiacritics(topic) !== topic;
  const out: string[] = [];
  for (const run of topicRuns(topic)) {
    const w = run.map((s) => foldDiacritics(s));
    const pairAt = (i: number) => (i >= 0 && i + 1 < run.length && contentSyllable(run[i], accented) && contentSyllable(run[i + 1], accented) ? `${w[i]} ${w[i + 1]}` : undefined);
    for (let i = 0; i + 1 < run.length; i++) {
      const p = pairAt(i);
      if (!p || !informative.has(p)) continue;
      const left = pairAt(i - 1);
      const right = pairAt(i + 1);
      const from = left && !informative.has(left) && common(left) ? i - 1 : i;
      const to = right && !informative.has(right) && common(right) ? i + 2 : i + 1;
      out.push(w.slice(from, to + 1).join(" "));
    }
  }
  return [...new Set(out)];
}

/** Content syllables of a topic without pairs ("đất"): the gate's terms when it has no pair. */
function topicSyllables(topic: string): string[] {
  const accented = foldDiacritics(topic) !== topic;
  return [...new Set(topicRuns(topic).flat().filter((s) => contentSyllable(s, accented)).map((s) => foldDiacritics(s)))];
}

export class TopicGate {
  /** The terms a unit must mostly hold; empty when the topic has no content words (then every unit passes). */
  readonly required: string[];
  /** The topic's last informative pair, which every unit on the topic must hold. */
  readonly last?: string;
  /** Its rarest word, which tells it apart most ("tước" in "tước quốc tịch Việt Nam"): never optional either. */
  readonly rarest?: string;
  private readonly docs: ParsedDocument[];

  private constructor(engine: Engine, readonly topic: string) {
    this.docs = engine.docs();
    const { docs, units } = corpusText(this.docs);
    // Common: in many units and across most documents. A phrase one document is all about
    // ("yêu cầu bồi thường" in a compensation law) is that document's subject, not a shared word.
    const unitsWith = (term: string) => {
      let n = 0;
      let inDocs = 0;
      for (const d of docs.values()) {
        const before = n;
        for (const t of d.own) if (t.includes(` ${term} `)) n++;
        if (n > before) inDocs++;
      }
      return { n, inDocs };
    };
    const common = (term: string) => {
      const { n, inDocs } = unitsWith(term);
      return n >= COMMON_SHARE * units && (docs.size < MIN_DOCS_FOR_SPREAD || inDocs >= COMMON_DOC_SHARE * docs.size);
    };
    const pairs = topicPairs(topic);
    const terms = pairs.length ? pairs : topicSyllables(topic);
    const informative = terms.filter((t) => !common(t));
    // A topic of common words only ("trách nhiệm quản lý") is told apart by all of them together.
    this.required = !informative.length ? terms : pairs.length ? phrasesOf(topic, new Set(informative), common) : informative;
    // Vietnamese puts the narrowing word last ("nông thôn mới", "an ninh mạng"): that pair is never optional.
    this.last = this.required[this.required.length - 1];
    // …but not always: in "tước quốc tịch Việt Nam" the narrowing word comes first. The rarest word is never optional
    // (a word, not a pair: "đăng ký, thống kê … ruộng đất" still treats "đăng ký ruộng đất").
    if (informative.length) this.rarest = topicSyllables(topic).sort((a, b) => unitsWith(a).n - unitsWith(b).n)[0];
  }

  static of(engine: Engine, topic: string): TopicGate {
    return new TopicGate(engine, topic);
  }

  /** The words a reader sees as the unit's subject: its full text and the headings from its article down. */
  private unitText(docId: string, unit: number): string {
    const doc = this.docs.find((d) => d.meta.id === docId);
    if (!doc || !doc.units[unit]) return "";
    const parts: string[] = [];
    const walk = (i: number) => {
      const u = doc.units[i];
      parts.push(u.heading ?? "", u.text);
      u.children.forEach(walk);
    };
    walk(unit);
    const parent = doc.units[unit].parent;
    // A list item is read with its lead-in ("Thanh tra tỉnh có nhiệm vụ sau đây:").
    if (parent !== undefined && doc.units[parent].text.trim().endsWith(":")) parts.push(doc.units[parent].text);
    for (let p = parent; p !== undefined; p = doc.units[p].parent) {
      if (HEADING_LEVELS.has(doc.units[p].type)) parts.push(doc.units[p].heading ?? "");
    }
    return flat(parts.join(" "));
  }

  /** Does a sentence itself say the topic's last and rarest words (not only its unit, through a heading)? */
  says(text: string): boolean {
    const t = flat(text);
    return [this.last, this.rarest].every((r) => !r || t.includes(` ${r} `));
  }

  /** How many of the required terms a text holds (to pick a unit's sentence on the topic). */
  held(text: string): number {
    const t = flat(text);
    return this.required.filter((r) => t.includes(` ${r} `)).length;
  }

  /** Does the unit (with what it contains) treat the topic? */
  treats(docId: string, unit: number): boolean {
    if (!this.required.length) return true;
    const text = this.unitText(docId, unit);
    if (this.last && !text.includes(` ${this.last} `)) return false;
    if (this.rarest && !text.includes(` ${this.rarest} `)) return false;
    const held = this.required.filter((t) => text.includes(` ${t} `)).length;
    return held / this.required.length >= TREATED_SHARE;
  }
}
