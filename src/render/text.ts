/** Plain-text rendering of blocks: the terminal, and the base of Zalo's messages. */
import { SCAN_NOTE, type Block } from "./plan.js";

/** The line under a quote read from a low-confidence scan (empty otherwise). */
export const scanLine = (b: Extract<Block, { kind: "quote" }>): string => (b.scan ? `\n(${SCAN_NOTE})` : "");

export function blockText(b: Block): string {
  switch (b.kind) {
    case "answer":
      return b.sources.length ? `${b.text}\n(Nguồn: ${b.sources.join("; ")})` : b.text;
    case "quote":
      return `[${b.n}] ${b.label}\n«${b.text}${b.clipped ? " …" : ""}»${scanLine(b)}`;
    case "warning":
      return `⚠️ ${b.text}`;
    case "notice":
      return b.text;
  }
}

export function renderText(blocks: Block[]): string {
  return blocks.map(blockText).join("\n\n");
}

/**
 * Splits rendered blocks into messages of at most `limit` characters, only between blocks; a
 * single block longer than the limit is cut between lines, then between words.
 */
export function splitMessages(parts: string[], limit: number, sep = "\n\n"): string[] {
  const pieces = parts.flatMap((p) => (p.length <= limit ? [p] : cutLong(p, limit)));
  const out: string[] = [];
  let current = "";
  for (const p of pieces) {
    if (current && current.length + sep.length + p.length > limit) {
      out.push(current);
      current = p;
    } else current = current ? current + sep + p : p;
  }
  if (current) out.push(current);
  return out;
}

function cutLong(text: string, limit: number): string[] {
  const out: string[] = [];
  let rest = text;
  while (rest.length > limit) {
    let cut = rest.lastIndexOf("\n", limit);
    if (cut < limit / 2) cut = rest.lastIndexOf(" ", limit);
    if (cut < limit / 2) cut = limit;
    out.push(rest.slice(0, cut).trimEnd());
    rest = rest.slice(cut).trimStart();
  }
  if (rest) out.push(rest);
  return out;
}
