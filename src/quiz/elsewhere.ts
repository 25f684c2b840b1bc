/**
 * Is a wrong body in fact right somewhere else in the loaded documents, said in other words? "……
 * quyết định các vấn đề … bằng hình thức biểu quyết" asks for the Hội đồng nhân dân, but "Quyết
 * định của Ủy ban nhân dân phải được … biểu quyết tán thành" makes the Ủy ban nhân dân defensible
 * too. A body is rejected when a sentence of any loaded document names it, holds the asked verb and
 * shares a rare word pair with the asked sentence — a sign that it states the same of that body.
 */
import type { ParsedDocument } from "../model/document.js";
import { comparable, occursIn } from "./compare.js";
import { sentenceSpans, withoutNotes } from "./spans.js";

interface Sentences {
  texts: string[];
  /** How many sentences hold each word pair. */
  pairs: Map<string, number>;
}

/** A pair in at most this share of the sentences is rare enough to tie two sentences to one matter. */
const RARE = 0.01;

function pairsOf(c: string): string[] {
  const w = c.split(" ").filter(Boolean);
  return w.slice(1).map((x, i) => `${w[i]} ${x}`);
}

const cache = new WeakMap<ParsedDocument[], Sentences>();

function sentencesOf(docs: ParsedDocument[]): Sentences {
  let s = cache.get(docs);
  if (s) return s;
  const texts = docs.flatMap((d) => d.units.flatMap((u) => sentenceSpans(withoutNotes(u.text)).map((x) => comparable(x.text))));
  const pairs = new Map<string, number>();
  for (const t of texts) for (const p of new Set(pairsOf(t))) pairs.set(p, (pairs.get(p) ?? 0) + 1);
  cache.set(docs, (s = { texts, pairs }));
  return s;
}

/** A level after a body's name ("… cấp xã", "… các cấp"). */
const LEVEL = String.raw`\s+(?:cấp (?:tỉnh|huyện|xã|trung ương)|các cấp)`;
/** Organs named after the body they belong to: "Chủ tịch Ủy ban nhân dân", "Thường trực Hội đồng nhân dân". */
const ORGAN = new RegExp(`^(?:Phó Chủ tịch|Chủ tịch|Thường trực|Chánh án|Viện trưởng|Thủ trưởng|Trưởng ban)\\s+(.+?)(?:${LEVEL})?$`, "u");
const AT_LEVEL = new RegExp(`${LEVEL}$`, "u");

/**
 * Is the wrong body an organ of the body the stem itself names ("Chủ tịch Ủy ban nhân dân" for "……
 * lãnh đạo … hoạt động của Ủy ban nhân dân")? The organ leads its own body: defensible, so no wrong option.
 */
export function organOfNamed(body: string, stem: string): boolean {
  const m = body.match(ORGAN);
  return !!m && occursIn(comparable(stem), comparable(m[1]));
}

/**
 * A checker for one blanked sentence: `before` and `after` are its words around the blank. The
 * verb is the two words after the blank (or before it: "do …… quy định" → "quy định").
 */
export function saidOfElsewhere(docs: ParsedDocument[], before: string, after: string): (body: string) => boolean {
  const s = sentencesOf(docs);
  const a = comparable(after).split(" ").filter(Boolean);
  const b = comparable(before).split(" ").filter(Boolean);
  const verb = (a.length >= 2 ? a.slice(0, 2) : b.slice(-2)).join(" ");
  // The asked sentence is one of those holding its own pairs: rare means in it and at most 1% of the others.
  const limit = 1 + Math.max(1, RARE * s.texts.length);
  const rare = [...pairsOf(b.join(" ")), ...pairsOf(a.join(" "))].filter((p) => p !== verb && (s.pairs.get(p) ?? 0) <= limit);
  if (!verb || !rare.length) return () => false;
  return (body) => {
    // What is said of "Ủy ban nhân dân" is said of it at every level: "Ủy ban nhân dân cấp xã" too.
    const names = [comparable(body), comparable(body.replace(AT_LEVEL, ""))];
    return s.texts.some((t) => names.some((n) => occursIn(t, n)) && occursIn(t, verb) && rare.some((p) => occursIn(t, p)));
  };
}
