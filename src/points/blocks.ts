/**
 * An outline as the shared render blocks (src/render/plan.ts), for chats and the terminal: each
 * point is an answer block followed by its quote block, so a channel never splits them apart.
 */
import { quoteBlock, type Block } from "../render/plan.js";
import { CLOSING_HEADING, originLine, showsQuote, sourceLabel } from "./labels.js";
import type { TalkingPoints } from "./types.js";

export function pointsToBlocks(tp: TalkingPoints): Block[] {
  if (tp.notEnoughBasis) return [{ kind: "notice", text: tp.notEnoughBasis }];
  const blocks: Block[] = [{ kind: "notice", text: `${tp.title}\n${originLine(tp)}` }];
  for (const n of tp.notices) blocks.push({ kind: "warning", text: n });
  tp.points.forEach((p, i) => {
    const quoted = showsQuote(p);
    blocks.push({ kind: "answer", text: `${i + 1}. ${p.statement}`, sources: quoted ? [] : [sourceLabel(p.citation)] });
    if (quoted) blocks.push(quoteBlock(p.citation, i + 1));
  });
  if (tp.closing) blocks.push({ kind: "answer", text: `${CLOSING_HEADING}: ${tp.closing.statement}`, sources: tp.closing.citations.map(sourceLabel) });
  return blocks;
}
