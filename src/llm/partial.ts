/**
 * Streaming: while the JSON reply arrives, each sentence object that is complete is verified like
 * the final answer, and the verified text so far is passed on — throttled, because a channel edits
 * a message with it (Telegram allows about one edit a second). Unverified words are never shown.
 */
import { completeArrayObjects, draftSentence } from "./parse.js";
import type { OutputGuard } from "./guard.js";
import { verifySentence } from "./verify.js";
import type { Passage } from "./types.js";

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
