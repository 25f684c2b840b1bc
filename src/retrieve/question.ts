/**
 * What a pasted or typed question looks like once the chat's decoration is removed: HTML tags,
 * Markdown emphasis and code marks, emoji and invisible characters say nothing about the content,
 * so a question with `<b>`, `**` or 👍 is searched exactly as the same words without them. Chat
 * shorthand ("ko", "đc", "cty") is written out (chat-words.ts).
 */
import { spelledOut } from "./chat-words.js";

const TAG = /<\/?[a-z][a-z0-9]*(?:\s[^<>]*)?\/?>/giu;
const ENTITY: Record<string, string> = { "&amp;": "&", "&lt;": "<", "&gt;": ">", "&quot;": '"', "&#39;": "'", "&nbsp;": " " };
/** Emphasis and code marks of Markdown and chat apps; "-" and "+" are kept (they open list items). */
const MARKS = /[*_`~#>|]+/gu;
const EMOJI = /[\p{Extended_Pictographic}\u{1F1E6}-\u{1F1FF}\u{1F3FB}-\u{1F3FF}\uFE0E\uFE0F\u200D\u20E3]/gu;
const INVISIBLE = /[\u200B\u200C\u2060\uFEFF\u00AD]/gu;

/** The question's words as typed, without markup, emoji or invisible characters, shorthand written out; NFC, spaces collapsed. */
export function plainQuestion(raw: string): string {
  const plain = raw
    .normalize("NFC")
    .replace(TAG, " ")
    .replace(/&(?:amp|lt|gt|quot|#39|nbsp);/gu, (e) => ENTITY[e] ?? e)
    .replace(EMOJI, " ")
    .replace(INVISIBLE, "")
    .replace(MARKS, " ")
    .replace(/\s+/gu, " ")
    .trim();
  return spelledOut(plain);
}
