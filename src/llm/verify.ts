/**
 * Checks a draft against the passages the engine supplied. Markers naming no supplied passage are
 * removed; a sentence left with none, one whose words its passages do not carry, and one that
 * echoes an injection or the rules, is dropped. What survives cites by passage index only.
 */
import type { AnswerSentence } from "./types.js";
import type { DraftSentence } from "./parse.js";
import type { OutputGuard } from "./guard.js";
import { isSupported } from "./support.js";
import type { Passage } from "./types.js";

/** Inline markers some models add to the text itself: "[1]", "[1, 3]", "[2][3]". */
const INLINE_MARKER = /\[\s*\d+(?:\s*[,;]\s*\d+)*\s*\]/g;

export type DropReason = "no_valid_source" | "unsupported" | "injection" | "prompt_leak" | "empty";

export interface Verified {
  sentences: AnswerSentence[];
  dropped: Array<{ reason: DropReason }>;
  unknownIds: number;
}

type Checked = { sentence: AnswerSentence; unknownIds: number } | { reason: DropReason; unknownIds: number };

export function verifySentence(s: DraftSentence, passages: Passage[], guard: OutputGuard): Checked {
  const inline = [...s.text.matchAll(INLINE_MARKER)].flatMap((m) => m[0].match(/\d+/g)!.map(Number));
  const text = s.text.replace(INLINE_MARKER, "").normalize("NFC").replace(/\s+([.,;:!?])/g, "$1").replace(/\s+/g, " ").trim();
  const ids = [...new Set([...s.sources, ...inline])];
  const valid = ids.filter((id) => Number.isInteger(id) && id >= 1 && id <= passages.length);
  const unknownIds = ids.length - valid.length;
  if (!/[\p{L}\p{N}]/u.test(text)) return { reason: "empty", unknownIds };
  const rejected = guard.reject(text);
  if (rejected) return { reason: rejected, unknownIds };
  if (!valid.length) return { reason: "no_valid_source", unknownIds };
  const support = valid.flatMap((id) => [passages[id - 1].text, passages[id - 1].label]);
  if (!isSupported(text, support)) return { reason: "unsupported", unknownIds };
  return { sentence: { text, citations: valid.map((id) => id - 1) }, unknownIds };
}

export function verifyDraft(sentences: DraftSentence[], passages: Passage[], guard: OutputGuard): Verified {
  const out: Verified = { sentences: [], dropped: [], unknownIds: 0 };
  for (const s of sentences) {
    const v = verifySentence(s, passages, guard);
    out.unknownIds += v.unknownIds;
    if ("reason" in v) out.dropped.push({ reason: v.reason });
    else out.sentences.push(v.sentence);
  }
  return out;
}
