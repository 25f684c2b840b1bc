/**
 * The engine's own rules for follow-up questions, used when no LLM rewrites them: short
 * questions that point at what was just discussed ("điều tiếp theo", "nói rõ hơn").
 */
import { foldKey } from "../text/normalize.js";

export type FollowUp = "next" | "previous" | "more";

const RULES: Array<[FollowUp, RegExp]> = [
  ["next", /\b(tiep theo|ke tiep|dieu sau|muc sau|khoan sau)\b/],
  ["previous", /\b(truoc do|dieu truoc|muc truoc|khoan truoc|lien truoc)\b/],
  ["more", /\b(noi ro hon|ro hon|chi tiet hon|cu the hon|giai thich them|nguyen van|toan van|xem day du)\b/],
];

/** A follow-up intent, only for short questions: a long one is a question of its own. */
export function detectFollowUp(question: string): FollowUp | undefined {
  const folded = foldKey(question);
  if (folded.split(/\s+/).length > 8) return undefined;
  return RULES.find(([, re]) => re.test(folded))?.[0];
}
