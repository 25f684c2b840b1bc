/**
 * Blocks → Telegram HTML messages. Every piece of document or user text is escaped; tags are
 * only ours (b, i, blockquote). Messages are split between blocks; a block too long for one
 * message is cut in its raw text (between lines, else words) and each piece is wrapped again,
 * so no tag or entity ever spans two messages.
 */
import { SCAN_NOTE, type Block } from "./plan.js";
import { blockText, splitMessages } from "./text.js";

/** Telegram's limit on a message's text (entities parsed; the HTML source is never shorter). */
export const TELEGRAM_LIMIT = 4096;

export function escapeHtml(s: string): string {
  return s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

const escapedLength = (ch: string) => (ch === "&" ? 5 : ch === "<" || ch === ">" ? 4 : ch.length);

/**
 * Cuts raw text into pieces whose escaped form fits `budget`, preferring line breaks, then
 * spaces, and never splitting a surrogate pair.
 */
export function cutEscaped(text: string, budget: number): string[] {
  const out: string[] = [];
  let rest = text;
  while (rest) {
    let cost = 0;
    let end = 0;
    for (const ch of rest) {
      if (cost + escapedLength(ch) > budget) break;
      cost += escapedLength(ch);
      end += ch.length;
    }
    if (end >= rest.length) {
      out.push(rest);
      break;
    }
    let cut = rest.lastIndexOf("\n", end);
    if (cut < end / 2) cut = rest.lastIndexOf(" ", end);
    if (cut < end / 2) cut = end;
    out.push(rest.slice(0, cut).trimEnd());
    rest = rest.slice(cut).trimStart();
  }
  return out.filter(Boolean);
}

/** The citation line over a quote; n = 0 (a quote shown alone) has no "[n]". */
function quoteHead(b: Extract<Block, { kind: "quote" }>, continued: boolean): string {
  return `<b>${b.n ? `[${b.n}] ` : ""}${escapeHtml(b.label)}${continued ? " (tiếp)" : ""}</b>\n`;
}

const quoteBody = (b: Extract<Block, { kind: "quote" }>) => b.text + (b.clipped ? " …" : "");
const scanNote = (b: Extract<Block, { kind: "quote" }>) => (b.scan ? `\n<i>(${SCAN_NOTE})</i>` : "");

export function blockHtml(b: Block): string {
  switch (b.kind) {
    case "answer":
      return escapeHtml(b.text) + (b.sources.length ? `\n<i>Nguồn: ${escapeHtml(b.sources.join("; "))}</i>` : "");
    case "quote":
      return `${quoteHead(b, false)}<blockquote>${escapeHtml(quoteBody(b))}</blockquote>${scanNote(b)}`;
    case "warning":
      return `⚠️ <i>${escapeHtml(b.text)}</i>`;
    case "notice":
      return escapeHtml(b.text);
  }
}

/** One block as HTML pieces of at most `limit` characters each. */
export function blockPieces(b: Block, limit = TELEGRAM_LIMIT): string[] {
  const html = blockHtml(b);
  if (html.length <= limit) return [html];
  if (b.kind === "quote") {
    // Each piece keeps the citation (marked "tiếp" after the first) and its own blockquote.
    const frame = quoteHead(b, true).length + "<blockquote></blockquote>".length + scanNote(b).length;
    return cutEscaped(quoteBody(b), limit - frame).map((t, i) => `${quoteHead(b, i > 0)}<blockquote>${escapeHtml(t)}</blockquote>${scanNote(b)}`);
  }
  return cutEscaped(blockText(b), limit).map(escapeHtml);
}

/** Blocks → messages of at most `limit` characters of HTML, split only between blocks. */
export function renderTelegram(blocks: Block[], limit = TELEGRAM_LIMIT): string[] {
  return splitMessages(
    blocks.flatMap((b) => blockPieces(b, limit)),
    limit,
  );
}
