/** Token counts of several model calls (rewrite and answer) summed for one answer. */
import type { TokenUsage } from "./types.js";

export function addUsage(a?: TokenUsage, b?: TokenUsage): TokenUsage | undefined {
  if (!a || !b) return a ?? b;
  return { input: a.input + b.input, output: a.output + b.output, total: a.total + b.total };
}
