/**
 * Marks the units whose words were read from a low-confidence scanned page, so an answer quoting
 * them can say "check the original". Units are found by their words, not by offsets: the text is
 * tidied and parsed after OCR, which moves every offset, but keeps the words.
 */
import type { Unit } from "../../model/document.js";
import { normalizeText } from "../../text/normalize.js";

const words = (s: string): string[] => normalizeText(s).toLowerCase().split(/\s+/).filter(Boolean);

/** Share of a unit's word 4-grams that must come from low-confidence pages (a unit may span a page break). */
const MIN_SHARE = 0.3;

/** Sets `lowConfidence` on units read mostly from `lowPages` (their cleaned text); returns how many. */
export function markLowConfidence(units: Unit[], lowPages: string[]): number {
  if (!lowPages.length) return 0;
  const grams = new Set<string>();
  const short = lowPages.map((p) => words(p).join(" "));
  for (const page of lowPages) {
    const w = words(page);
    for (let i = 0; i + 4 <= w.length; i++) grams.add(w.slice(i, i + 4).join(" "));
  }
  let marked = 0;
  for (const u of units) {
    const w = words(u.text);
    if (!w.length) continue;
    let hit: boolean;
    if (w.length < 4) hit = short.some((p) => ` ${p} `.includes(` ${w.join(" ")} `));
    else {
      let n = 0;
      for (let i = 0; i + 4 <= w.length; i++) if (grams.has(w.slice(i, i + 4).join(" "))) n++;
      hit = n >= MIN_SHARE * (w.length - 3);
    }
    if (hit) {
      u.lowConfidence = true;
      marked++;
    }
  }
  return marked;
}
