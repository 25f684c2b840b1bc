/**
 * Chooses which "Điều N" lines are article headings. Line shape alone is not enough: references
 * wrap onto line starts ("... tại khoản 4\nĐiều 26 Luật Hải quan."), so numbering must go forward.
 * A candidate that jumps ahead is dropped when the next candidates fill the gap it leaves; one that
 * goes back is kept only when the following candidates continue from it (a restart: a regulation
 * attached after the signature, an appendix), and each kept irregularity becomes a warning.
 */
import { compareNumKey, formatNumKey, parseNumKey, type NumKey } from "./numbering.js";
import type { ArticleStrength } from "./patterns.js";

export interface ArticleCandidate {
  line: number;
  /** 1-based line number in the input, for warnings (defaults to line + 1). */
  lineNo?: number;
  label: string;
  strength: ArticleStrength;
  /** After the signature / recipients list: forms with "Điều 1." may follow. */
  postBody?: boolean;
  /** The heading carries a title ("Điều 1. Phạm vi điều chỉnh"), not a sentence or nothing. */
  titled?: boolean;
}

export interface ArticleChoice {
  /** Line indexes of accepted article headings. */
  accepted: Set<number>;
  warnings: string[];
}

/** `b` directly follows `a`: 5 → 6, 5 → 6a, 5 → 5a, 5a → 5b. */
function follows(a: NumKey, b: NumKey): boolean {
  if (b.n === a.n + 1) return true;
  return b.n === a.n && b.suffix > a.suffix;
}

const LOOKAHEAD = 6;

export function chooseArticles(cands: ArticleCandidate[]): ArticleChoice {
  const accepted = new Set<number>();
  const warnings: string[] = [];
  const keys = cands.map((c) => parseNumKey(c.label));
  let last: NumKey | undefined;

  /** Which sequence the following candidates continue: the current one ("last") or the new one. */
  const continues = (i: number, lastKey: NumKey): "last" | "new" | "none" => {
    const self = keys[i];
    const strong = cands[i].strength === "strong";
    for (let j = i + 1; j < cands.length && j <= i + LOOKAHEAD; j++) {
      if ((strong && cands[j].strength !== "strong") || cands[j].strength === "ref") continue;
      const k = keys[j];
      if (follows(self, k) || (k.n === self.n && k.suffix > self.suffix)) return "new";
      if (follows(lastKey, k) || (k.n > lastKey.n && k.n < self.n)) return "last";
    }
    return "none";
  };

  /** A later strong heading with the same number: this weaker line is a reference to it. */
  const shadowed = (i: number): boolean => {
    for (let j = i + 1; j < cands.length && j <= i + LOOKAHEAD; j++) {
      if (cands[j].strength === "strong" && compareNumKey(keys[j], keys[i]) === 0) return true;
    }
    return false;
  };

  for (let i = 0; i < cands.length; i++) {
    const c = cands[i];
    const key = keys[i];
    if (c.strength !== "strong" && shadowed(i)) continue;
    if (c.strength === "ref") {
      // "Điều 73 Luật này có hiệu lực ..." is an article only as the very next number
      if (last === undefined ? key.n === 1 : follows(last, key) && key.suffix === "") {
        accepted.add(c.line);
        last = key;
      }
      continue;
    }
    if (last === undefined) {
      if (c.strength === "strong" || key.n === 1) {
        accepted.add(c.line);
        last = key;
      }
      continue;
    }
    if (follows(last, key)) {
      accepted.add(c.line);
      last = key;
      continue;
    }
    const verdict = continues(i, last);
    if (key.n > last.n) {
      // jump forward: a gap in the numbering, or a reference
      if (verdict === "last") continue;
      // without punctuation, a jump is believable only when small or confirmed by what follows
      if (c.strength === "weak" && verdict !== "new" && key.n > last.n + 2) continue;
      const missing =
        key.n === last.n + 2 ? `Điều ${last.n + 1}` : `Điều ${last.n + 1}–${key.n - 1}`;
      warnings.push(`Điều ${formatNumKey(last)} → Điều ${c.label}: thiếu ${missing} (dòng ${c.lineNo ?? c.line + 1})`);
      accepted.add(c.line);
      last = key;
      continue;
    }
    // Same number or going back. A second version of the same article (consolidated texts keep
    // both) or a fresh numbering from Điều 1 (a regulation attached after the signature) is kept
    // when the numbering continues from it; other backward jumps are quoted articles whose
    // quotation mark was lost.
    if (verdict !== "new" || c.strength !== "strong") continue;
    const same = compareNumKey(key, last) === 0;
    if (!same && !(key.n === 1 && key.suffix === "")) continue;
    // after the signature, "Điều 1." without a title starts a form (a model decision), not a
    // regulation issued with the document
    if (!same && c.postBody && !c.titled) continue;
    if (!same) warnings.push(`Điều ${formatNumKey(last)} → Điều ${c.label}: đánh số lại từ đầu (dòng ${c.lineNo ?? c.line + 1})`);
    accepted.add(c.line);
    last = key;
  }
  return { accepted, warnings };
}
