/** Actions → an inline keyboard: "Nguyên văn" buttons, then "Văn bản liên quan", then 👍 / 👎. */
import type { InlineKeyboardButton, InlineKeyboardMarkup } from "grammy/types";
import { decodeAction, encodeAction } from "../../chat/actions.js";
import { actionLabel } from "../../chat/texts.js";
import type { Action, Votes } from "../../chat/types.js";

export function keyboardFor(actions: Action[]): InlineKeyboardMarkup | undefined {
  if (!actions.length) return undefined;
  // Numbered labels as soon as the answer has several citations, even if one has no button.
  const citations = Math.max(0, ...actions.map((a) => (a.kind === "full" ? a.n : 0)));
  const button = (a: Action): InlineKeyboardButton => ({ text: actionLabel(a, citations), callback_data: encodeAction(a) });
  const rows = [actions.filter((a) => a.kind === "full"), actions.filter((a) => a.kind === "related"), actions.filter((a) => a.kind === "feedback")];
  return { inline_keyboard: rows.filter((r) => r.length).map((r) => r.map(button)) };
}

/** The same keyboard with the vote tally on 👍 / 👎: the acknowledgement of a vote. */
export function withVotes(markup: InlineKeyboardMarkup, votes: Votes): InlineKeyboardMarkup {
  return {
    inline_keyboard: markup.inline_keyboard.map((row) =>
      row.map((b) => {
        const a = "callback_data" in b && b.callback_data ? decodeAction(b.callback_data) : undefined;
        return a?.kind === "feedback" ? { ...b, text: actionLabel(a, 0, votes) } : b;
      }),
    ),
  };
}
