/**
 * "/quiz <văn bản|chủ đề> [số câu]" as typed in chat (Telegram command, Zalo text): which
 * documents, which topic, how many questions. Shared so both channels read it the same way.
 */
import type { Engine } from "../engine/engine.js";
import { DocNameMatcher, nameSpace } from "../retrieve/doc-names.js";

export interface QuizRequest {
  docIds?: string[];
  topic?: string;
  count: number;
}

export const CHAT_DEFAULT_COUNT = 10;
/** A timed quiz in a group is short; bigger sets are for export. */
export const CHAT_MAX_COUNT = 30;

/** Words left after a document's name ("nghị định 73 về khen thưởng" → "về khen thưởng"). */
function withoutName(words: string[], key: string): string[] {
  const folded = words.map((w) => nameSpace(w).trim());
  const target = key.split(" ");
  for (let i = 0; i + target.length <= folded.length; i++) {
    if (target.every((t, j) => folded[i + j] === t)) return [...words.slice(0, i), ...words.slice(i + target.length)];
  }
  return words;
}

export function parseQuizRequest(engine: Engine, args: string): QuizRequest | { error: string } {
  let words = args.normalize("NFC").trim().split(/\s+/).filter(Boolean);
  let count = CHAT_DEFAULT_COUNT;
  const tail = words.join(" ").match(/(?:^|\s)(\d{1,3})(?:\s*câu)?$/iu);
  if (tail) {
    count = Number(tail[1]);
    words = words.slice(0, words.length - (tail[0].trim().split(/\s+/).length));
  }
  if (count < 1 || count > CHAT_MAX_COUNT) return { error: `Số câu phải từ 1 đến ${CHAT_MAX_COUNT}.` };
  if (!words.length) return { error: "Hãy nêu văn bản hoặc chủ đề, ví dụ: /quiz Nghị định 73 10" };
  const loaded = new Set(engine.docs().map((d) => d.meta.id));
  const named = new DocNameMatcher(engine.catalog()).find(words.join(" ")).filter((n) => loaded.has(n.docId));
  for (const n of named) words = withoutName(words, n.key);
  const topic = words.filter((w) => !/^(về|văn bản|của)$/iu.test(w)).join(" ");
  return { docIds: named.length ? named.map((n) => n.docId) : undefined, topic: /\p{L}{2,}/u.test(topic) ? topic : undefined, count };
}
