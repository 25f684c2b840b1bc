/**
 * The bot's @mention in a group message, found and removed so the question reads as the member
 * meant it. The platform delivers a group message to a bot only when a member tags it or replies
 * to it (issue 16, from clients that measured a real bot), and the mention is plain text in
 * `message.text`: "@<tên bot> câu hỏi" (moken627-hub/hermes-plugin-zalo, zalo/adapter.py, which
 * looks for the bot's name in the text and strips "@<name>"). The documented update has no
 * mention field (bot.zaloplatforms.com/docs, getUpdates sample); should one appear, in the
 * `mentions: [{uid, pos, length}]` form Zalo uses elsewhere (or user_id/id, offset, len), its
 * spans that point at the bot are removed first.
 *
 * Names are matched without accents, case or spaces ("@hoi van ban", "@HỎI VĂNBẢN"), against
 * every name the bot may go by: the configured one, getMe's, and the product name, each also
 * with the "Bot " that Zalo Bot Creator asks bot names to start with ("Bot Hỏi Văn Bản";
 * tungedng2710/DMOM-RAG, Bot_zalo/README.md).
 */
export interface BotIdentity {
  id?: string;
  /** Display names members may type after "@", most specific first. */
  names: string[];
}

export interface Mention {
  /** The text with the bot's mention(s) removed and spaces tidied. */
  text: string;
  /** A mention of the bot was found. */
  mentioned: boolean;
}

interface MentionSpan {
  uid?: unknown;
  user_id?: unknown;
  id?: unknown;
  pos?: unknown;
  offset?: unknown;
  length?: unknown;
  len?: unknown;
}

/** One UTF-16 unit folded: no accent, lower case, đ → d; "" for combining marks. */
function foldChar(c: string): string {
  return c.normalize("NFD").replace(/\p{M}/gu, "").replace(/đ/g, "d").replace(/Đ/g, "d").toLowerCase();
}

const foldName = (name: string) => [...name].map(foldChar).join("").replace(/[\s@]+/g, "");

/**
 * End (exclusive) of `name` in `text` from `start`, skipping spaces and accent marks on the text
 * side; -1 when the name is not there.
 */
function matchName(text: string, start: number, name: string): number {
  let j = 0;
  let i = start;
  while (j < name.length && i < text.length) {
    const c = foldChar(text[i]);
    if (c === "" || /\s/.test(c)) {
      i++;
      continue;
    }
    for (const ch of c) {
      if (name[j] !== ch) return -1;
      j++;
    }
    i++;
  }
  if (j < name.length) return -1;
  // Trailing combining marks belong to the last letter.
  while (i < text.length && foldChar(text[i]) === "") i++;
  // A longer word is another name ("@Hỏi Văn Bản" is not in "@Hỏi Văn Bảnxyz").
  if (i < text.length && /[\p{L}\p{N}]/u.test(text[i])) return -1;
  return i;
}

const tidy = (s: string) => s.replace(/[ \t]{2,}/g, " ").replace(/^[\s,:;.!?-]+/u, "").trim();

function removeSpans(text: string, spans: Array<[number, number]>): string {
  let out = text;
  for (const [a, b] of [...spans].sort((x, y) => y[0] - x[0])) out = `${out.slice(0, a)} ${out.slice(b)}`;
  return out;
}

/** Spans of the structured mention data that point at the bot, when the update has any. */
function dataSpans(text: string, mentions: unknown, bot: BotIdentity): Array<[number, number]> {
  if (!Array.isArray(mentions) || !bot.id) return [];
  const spans: Array<[number, number]> = [];
  for (const m of mentions as MentionSpan[]) {
    const who = String(m?.uid ?? m?.user_id ?? m?.id ?? "");
    const pos = Number(m?.pos ?? m?.offset);
    const len = Number(m?.length ?? m?.len);
    if (who === bot.id && Number.isInteger(pos) && Number.isInteger(len) && pos >= 0 && len > 0 && pos + len <= text.length) spans.push([pos, pos + len]);
  }
  return spans;
}

export function stripMention(text: string, bot: BotIdentity, mentions?: unknown): Mention {
  const fromData = dataSpans(text, mentions, bot);
  if (fromData.length) return { text: tidy(removeSpans(text, fromData)), mentioned: true };
  const folded = bot.names.map(foldName).filter(Boolean);
  const names = [...new Set(folded.flatMap((n) => (n.startsWith("bot") ? [n] : [n, `bot${n}`])))].sort((a, b) => b.length - a.length);
  const spans: Array<[number, number]> = [];
  for (let at = text.indexOf("@"); at >= 0; at = text.indexOf("@", at + 1)) {
    for (const name of names) {
      const end = matchName(text, at + 1, name);
      if (end > 0) {
        spans.push([at, end]);
        break;
      }
    }
  }
  if (spans.length) return { text: tidy(removeSpans(text, spans)), mentioned: true };
  return { text: text.trim(), mentioned: false };
}
