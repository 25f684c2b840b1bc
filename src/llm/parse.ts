/**
 * Reads the model's JSON reply into a draft, tolerating what models commonly wrap it in (code
 * fences, a sentence before it) but nothing else: a reply of another shape is a format failure.
 */
import { z } from "zod";
import { LlmFault } from "./call.js";

/** A passage id as models write it: 1, "1" or "[1]". */
const sourceId = z.union([z.number(), z.string()]).transform((v) => Number(String(v).replace(/[\[\]\s]/g, "")));

export const draftSentence = z.object({
  text: z.string(),
  sources: z.array(sourceId).optional().default([]),
});

const draftSchema = z.union([
  z.object({ not_found: z.literal(true) }),
  z.object({ not_found: z.literal(false).optional(), sentences: z.array(draftSentence) }),
]);

export type DraftSentence = z.infer<typeof draftSentence>;
export type Draft = { notFound: true } | { notFound: false; sentences: DraftSentence[] };

export function parseDraft(reply: string): Draft {
  const start = reply.indexOf("{");
  if (start < 0) throw new LlmFault("format_ignored", "the reply holds no JSON object");
  const end = reply.lastIndexOf("}");
  let json: unknown;
  try {
    // A reply cut off (token limit) has no closing brace: parsing it reports the malformed JSON.
    json = JSON.parse(end > start ? reply.slice(start, end + 1) : reply.slice(start));
  } catch (e) {
    throw new LlmFault("malformed_output", `invalid JSON: ${(e as Error).message}`);
  }
  const parsed = draftSchema.safeParse(json);
  if (!parsed.success) throw new LlmFault("format_ignored", `unexpected JSON shape: ${parsed.error.issues[0]?.message ?? ""}`);
  return "sentences" in parsed.data ? { notFound: false, sentences: parsed.data.sentences } : { notFound: true };
}
