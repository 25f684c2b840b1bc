/** Inline mode: "@bot điều 5 nghị định 73" offers the matching units, each titled with its citation. */
import { Composer } from "grammy";
import type { InlineQueryResultArticle } from "grammy/types";
import { capitalize, citationLabel } from "../../model/citation.js";
import { quoteBlock } from "../../render/plan.js";
import { blockPieces } from "../../render/telegram-html.js";
import { CHANNEL, type BotContext } from "./context.js";

export const inline = new Composer<BotContext>();

/** Short preview under the title. */
const DESCRIPTION_CHARS = 120;

inline.on("inline_query", async (ctx) => {
  const user = String(ctx.inlineQuery.from.id);
  const citations = await ctx.conversation.lookup({ channel: CHANNEL, chatId: user, userId: user, chatType: "private" }, ctx.inlineQuery.query);
  const results = citations.map(
    (c, i): InlineQueryResultArticle => ({
      type: "article",
      id: String(i),
      title: capitalize(citationLabel(c)),
      description: c.quote.length > DESCRIPTION_CHARS ? `${c.quote.slice(0, DESCRIPTION_CHARS)}…` : c.quote,
      // The inserted message is the quote under its citation; n = 0: no "[n]" outside an answer.
      input_message_content: { message_text: blockPieces(quoteBlock(c, 0))[0], parse_mode: "HTML", link_preview_options: { is_disabled: true } },
    }),
  );
  await ctx.answerInlineQuery(results, { cache_time: 300 });
});
