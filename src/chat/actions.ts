/**
 * Actions as short strings, for button payloads: an answer is referred to by a short id whose
 * citations live in the Store, so the payload stays a few bytes whatever the document ids
 * (Telegram's callback_data allows 64 bytes).
 */
import type { Action } from "./types.js";

export function encodeAction(a: Action): string {
  switch (a.kind) {
    case "full":
      return `f:${a.answerId}:${a.n}`;
    case "related":
      return `r:${a.answerId}`;
    case "feedback":
      return `v:${a.answerId}:${a.value === "up" ? "u" : "d"}`;
  }
}

const ID = "[0-9a-z]{1,12}";
const PATTERNS: Array<[RegExp, (m: RegExpExecArray) => Action]> = [
  [new RegExp(`^f:(${ID}):(\\d{1,2})$`), (m) => ({ kind: "full", answerId: m[1], n: Number(m[2]) })],
  [new RegExp(`^r:(${ID})$`), (m) => ({ kind: "related", answerId: m[1] })],
  [new RegExp(`^v:(${ID}):([ud])$`), (m) => ({ kind: "feedback", answerId: m[1], value: m[2] === "u" ? "up" : "down" })],
];

/** The action a payload encodes, or undefined for anything else (stale or forged data). */
export function decodeAction(data: string): Action | undefined {
  for (const [re, build] of PATTERNS) {
    const m = re.exec(data);
    if (m) return build(m);
  }
  return undefined;
}
