/**
 * The engine's own rules for follow-up questions, used when no LLM rewrites them: short
 * questions that point at what was just discussed ("điều tiếp theo", "nói rõ hơn").
 */
import { NUMBERED_LEVELS, UNIT_WORD, type UnitType } from "../model/document.js";
import { foldKey } from "../text/normalize.js";

export type FollowUp = { kind: "next" | "previous"; type?: UnitType } | { kind: "more" };

/** Unit words of a "next/previous" follow-up: "điều tiếp theo" steps by article even after a khoản. */
const UNIT_WORDS = new Map(NUMBERED_LEVELS.map((t) => [foldKey(UNIT_WORD[t]), t]));
const UNIT = `(${[...UNIT_WORDS.keys()].join("|")})`;

const STEP: Array<["next" | "previous", RegExp]> = [
  ["next", new RegExp(`\\b(?:${UNIT} )?(?:tiep theo|ke tiep|sau)\\b`)],
  ["previous", new RegExp(`\\b(?:${UNIT} )?(?:truoc do|truoc|lien truoc)\\b`)],
];
const MORE = /\b(noi ro hon|ro hon|chi tiet hon|cu the hon|giai thich them|nguyen van|toan van|xem day du)\b/;

/** A follow-up intent, only for short questions: a long one is a question of its own. */
export function detectFollowUp(question: string): FollowUp | undefined {
  const folded = foldKey(question);
  if (folded.split(/\s+/).length > 8) return undefined;
  if (MORE.test(folded)) return { kind: "more" };
  for (const [kind, re] of STEP) {
    const m = re.exec(folded);
    // "sau" / "trước" alone are ordinary words ("sau đây", "trước khi"): only with a unit word or as "tiếp theo".
    if (m && (m[1] || /tiep theo|ke tiep|truoc do|lien truoc/.test(m[0]))) return { kind, type: m[1] ? UNIT_WORDS.get(m[1]) : undefined };
  }
  return undefined;
}
