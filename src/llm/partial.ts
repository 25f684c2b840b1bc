/**
 * Streaming: while the JSON reply arrives, each sentence object that is complete is verified like
 * the final answer, and the verified text so far is passed on — throttled, because a channel edits
 * a message with it (Telegram allows about one edit a second). Unverified words are never shown.
 */
import { draftSentence } from "./parse.js";
import type { OutputGuard } from "./guard.js";
import { verifySentence } from "./verify.js";
import type { Passage } from "./types.js";

/** Complete JSON objects that are elements of an array, in order, from a possibly cut-off text. */
export function completeArrayObjects(text: string): string[] {
  const out: string[] = [];
  const stack: string[] = [];
  let inString = false;
  let escaped = false;
  let start = -1;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (inString) {
      if (escaped) escaped = false;
      else if (ch === "\\") escaped = true;
      else if (ch === '"') inString = false;
      continue;
    }
    if (ch === '"') inString = true;
    else if (ch === "[" || ch === "{") {
      if (ch === "{" && stack.at(-1) === "[") start = i;
      stack.push(ch);
    } else if (ch === "]" || ch === "}") {
      stack.pop();
      if (ch === "}" && stack.at(-1) === "[" && start >= 0) {
        out.push(text.slice(start, i + 1));
        start = -1;
      }
    }
  }
  return out;
}

/** Returns the `onText` callback for callModel that feeds `onPartial` with verified sentences. */
export function partialFeed(passages: Passage[], guard: OutputGuard, onPartial: (text: string) => void, intervalMs: number): (textSoFar: string) => void {
  let seen = 0;
  let shown = "";
  let verified: string[] = [];
  let lastEmit = -Infinity;
  return (textSoFar) => {
    const objects = completeArrayObjects(textSoFar);
    for (const json of objects.slice(seen)) {
      try {
        const parsed = draftSentence.safeParse(JSON.parse(json));
        const checked = parsed.success ? verifySentence(parsed.data, passages, guard) : undefined;
        if (checked && "sentence" in checked) verified = [...verified, checked.sentence.text];
      } catch {
        // An object that is not valid JSON is judged again, and reported, on the final reply.
      }
    }
    seen = objects.length;
    const text = verified.join(" ");
    const now = performance.now();
    if (text === shown || now - lastEmit < intervalMs) return;
    shown = text;
    lastEmit = now;
    onPartial(text);
  };
}
