/**
 * The shared rendering model: an engine result as an ordered list of blocks (answer, quotes with
 * their citation, warnings, hints). Channels turn blocks into their markup and split messages only
 * between blocks, so a quote is never separated from its citation.
 */
import { capitalize, citationLabel, type Citation } from "../model/citation.js";
import type { AskResult } from "../engine/types.js";

export type Block =
  | { kind: "answer"; text: string; sources: string[] }
  | { kind: "quote"; n: number; label: string; text: string; clipped: boolean; scan?: boolean }
  | { kind: "warning"; text: string }
  | { kind: "notice"; text: string };

/** Said under a quote whose words OCR read from a low-confidence scanned page. */
export const SCAN_NOTE = "trích từ bản scan, cần đối chiếu bản gốc";

export function quoteBlock(c: Citation, n: number, full?: string): Block {
  // A list item is shown after the sentence that opens its list: it means nothing without it.
  const text = [c.leadIn, full ?? c.quote].filter(Boolean).join("\n");
  const block: Block = { kind: "quote", n, label: capitalize(citationLabel(c)), text, clipped: full === undefined && isClipped(c) };
  return c.lowConfidence ? { ...block, scan: true } : block;
}

/** True when the quote is only the start of its unit's sentence (cut for length). */
function isClipped(c: Citation): boolean {
  return !/[.;:!?…"”)]$/u.test(c.quote.trim());
}

export function planAnswer(result: AskResult): Block[] {
  const blocks: Block[] = [];
  if (result.status === "invalid" || result.status === "not_found") {
    blocks.push({ kind: "notice", text: result.reason });
  }
  for (const s of result.answer) {
    // An answer that is its citation's whole quote would only repeat it: the quote says it all.
    if (s.citations.length === 1 && result.citations[s.citations[0]]?.quote === s.text) continue;
    blocks.push({ kind: "answer", text: s.text, sources: s.citations.map((i) => citationLabel(result.citations[i])) });
  }
  result.citations.forEach((c, i) => blocks.push(quoteBlock(c, i + 1)));
  for (const w of result.warnings) blocks.push({ kind: "warning", text: w.message });
  return blocks;
}
