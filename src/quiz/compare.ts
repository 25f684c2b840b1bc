/**
 * When are two answers the same, and is a phrase in a text? Compared on a "comparable" form:
 * folded, numbers spelt in words as digits, thousands separators and leading zeros dropped, dates
 * and percentages in one notation, abbreviations ("UBND") spelt out — so "15 ngày", "mười lăm
 * ngày" and "15 ngày làm việc" are one answer and a distractor can never be the correct option in
 * disguise.
 */
import { foldDiacritics, searchForm } from "../text/normalize.js";
import { wordsToDigits } from "./vn-numbers.js";
import { EXPANSIONS } from "./shorten.js";

const ABBREVIATED = new RegExp(`\\b(?:${Object.keys(EXPANSIONS).join("|")})\\b`, "g");

export function comparable(text: string): string {
  let s = wordsToDigits(searchForm(text));
  s = s.replace(/(\d)\.(?=\d{3}(?!\d))/g, "$1").replace(/(\d),(\d)/g, "$1.$2");
  s = s.replace(/(?:ngày\s+)?(\d{1,2})(?:\s+tháng\s+|\/)(\d{1,2})(?:\s+năm\s+|\/)(\d{4})/gu, "$1/$2/$3").replace(/\s*(?:%|phần trăm)/gu, "%");
  s = foldDiacritics(s).replace(/[^a-z0-9%/.]+/g, " ").replace(/(?<![\d.])0+(?=\d)/g, "");
  // "UBND" and "Ủy ban nhân dân" are one name: a shortened stem or option is compared by its words.
  s = s.replace(ABBREVIATED, (a) => EXPANSIONS[a]);
  return s.replace(/(?<!\d)\.|\.(?!\d)/g, " ").replace(/\s+/g, " ").trim();
}

/** Whole-word occurrence of a comparable phrase in a comparable text. */
export function occursIn(text: string, phrase: string): boolean {
  return phrase.length > 0 && ` ${text} `.includes(` ${phrase} `);
}

/** The text with every whole-word occurrence of `phrase` blotted out, to look for other phrases around it. */
export function mask(text: string, phrase: string): string {
  if (!phrase) return text;
  return ` ${text} `.split(` ${phrase} `).join(" | ").trim();
}

const DAYS: Record<string, number> = { phut: 1 / 1440, gio: 1 / 24, ngay: 1, tuan: 7, thang: 30, nam: 360 };
const QUANTITY = /(\d+(?:\.\d+)?)(%| (?:phut|gio|ngay|tuan|thang|nam|tuoi|lan|nguoi|dong|trieu dong|ty dong)(?![a-z]))/g;

export interface Quantity {
  unit: string;
  value: number;
}

/** Amounts in a comparable text, durations in days: "3 thang" and "90 ngay" are one quantity. */
export function quantities(c: string): Quantity[] {
  return [...c.matchAll(QUANTITY)].map((m) => {
    const n = Number(m[1]);
    const unit = m[2].trim();
    if (unit in DAYS) return { unit: "days", value: n * DAYS[unit] };
    if (unit === "trieu dong") return { unit: "dong", value: n * 1e6 };
    if (unit === "ty dong") return { unit: "dong", value: n * 1e9 };
    return { unit, value: n };
  });
}

export function sameQuantity(a: Quantity, b: Quantity): boolean {
  return a.unit === b.unit && Math.abs(a.value - b.value) <= 0.02 * Math.max(a.value, b.value);
}

/** A phrase that is nothing but an amount ("15 ngày làm việc", "30%"): compared by value. */
export function soleQuantity(c: string): Quantity | undefined {
  const q = quantities(c);
  return q.length === 1 && c.replace(QUANTITY, "").replace(/\b(lam viec|tu|den|khong qua|toi da|it nhat)\b/g, "").trim() === "" ? q[0] : undefined;
}

export function syllableSet(c: string): Set<string> {
  return new Set(c.split(" ").filter(Boolean));
}

export function jaccard(a: Set<string>, b: Set<string>): number {
  let inter = 0;
  for (const x of a) if (b.has(x)) inter++;
  const union = a.size + b.size - inter;
  return union ? inter / union : 0;
}

function withoutLevel(c: string): string {
  return c.replace(/\b(?:chu tich|cac cap|cap (?:tinh|huyen|xa))\b/g, " ").replace(/\s+/g, " ").trim();
}

/** Words that flip or grade a meaning: "hoàn thành" and "không hoàn thành" are different answers. */
const POLARITY = new Set(["khong", "chua", "tot", "xuat", "sac", "kha", "kem", "trung", "binh", "dat", "yeu"]);

/**
 * True when two answers say the same thing: equal once comparable, the same amount, or one the
 * other's words with a few more or fewer (a paraphrase) — unless those words flip the meaning.
 */
export function sameAnswer(a: string, b: string): boolean {
  const ca = comparable(a);
  const cb = comparable(b);
  if (ca === cb) return true;
  const qa = soleQuantity(ca);
  const qb = soleQuantity(cb);
  if (qa && qb) return sameQuantity(qa, qb);
  // "Ủy ban nhân dân các cấp" covers "(Chủ tịch) Ủy ban nhân dân cấp tỉnh": not a wrong answer for it.
  if (/\bcac cap\b/.test(`${ca} ${cb}`) && withoutLevel(ca) === withoutLevel(cb)) return true;
  // Folded, "yêu cầu" (request) reads as the grade "yếu": joined, it is no polarity word.
  const sa = syllableSet(ca.replace(/\byeu cau\b/g, "yeucau"));
  const sb = syllableSet(cb.replace(/\byeu cau\b/g, "yeucau"));
  const diff = [...sa].filter((x) => !sb.has(x)).concat([...sb].filter((x) => !sa.has(x)));
  if (diff.some((w) => POLARITY.has(w))) return false;
  const [small, large] = sa.size <= sb.size ? [sa, sb] : [sb, sa];
  return [...small].every((x) => large.has(x)) || jaccard(sa, sb) >= 0.75;
}

/** Is the answer (or the same amount) stated in a text already made comparable? */
export function stated(ct: string, answer: string): boolean {
  const ca = comparable(answer);
  if (occursIn(ct, ca)) return true;
  const q = soleQuantity(ca);
  return !!q && quantities(ct).some((x) => sameQuantity(x, q));
}
