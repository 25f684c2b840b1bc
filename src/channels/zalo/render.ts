/**
 * A conversation reply as Zalo messages: plain text (what every Zalo client shows the same way),
 * each citation on its own line above its quote so it reads well on a phone, the reply's actions
 * as commands to type, a note in place of files (Zalo bots cannot send documents), and messages of
 * at most 2,000 characters split only between blocks.
 */
import type { Action, Reply } from "../../chat/types.js";
import type { Block } from "../../render/plan.js";
import { blockText, scanLine, splitMessages } from "../../render/text.js";
import { MAX_TEXT } from "./api.js";
import { zaloTexts } from "./texts.js";

export function zaloBlock(b: Block): string {
  // "📌 [1] Khoản 2 Điều 5 — Nghị định 73/2023/NĐ-CP" then «quote»; the number is what
  // "nguyên văn 1" refers to.
  return b.kind === "quote" ? `📌 [${b.n}] ${b.label}\n«${b.text}${b.clipped ? " …" : ""}»${scanLine(b)}` : blockText(b);
}

/** The typed equivalents of the reply's buttons; `prefix` is the bot's "@tên " in groups. */
export function actionHints(actions: Action[], prefix = ""): string | undefined {
  const full = actions.filter((a) => a.kind === "full").length;
  const lines = [
    ...(full ? [zaloTexts.fullHint(full, prefix)] : []),
    ...(actions.some((a) => a.kind === "related") ? [zaloTexts.relatedHint(prefix)] : []),
  ];
  return lines.length ? lines.join("\n") : undefined;
}

export function renderReply(reply: Reply, prefix = ""): string[] {
  const parts = reply.blocks.map(zaloBlock);
  const hints = actionHints(reply.actions, prefix);
  if (hints) parts.push(hints);
  if (reply.files?.length) parts.push(zaloTexts.noFiles);
  return splitMessages(parts, MAX_TEXT);
}
