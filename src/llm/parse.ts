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

/**
 * The first JSON object of a reply, found by matching braces outside strings — not the last "}" of
 * the reply, which may close an object inside a reply cut off by the token limit, or sit in a
 * remark after it. A reply cut off mid-object is malformed, never half-read.
 */
export function firstJsonObject(reply: string): string {
  const start = reply.indexOf("{");
  if (start < 0) throw new LlmFault("format_ignored", "the reply holds no JSON object");
  let depth = 0;
  let inString = false;
  for (let i = start; i < reply.length; i++) {
    const ch = reply[i];
    if (inString) {
      if (ch === "\\") i++;
      else if (ch === '"') inString = false;
    } else if (ch === '"') inString = true;
    else if (ch === "{") depth++;
    else if (ch === "}" && --depth === 0) return reply.slice(start, i + 1);
  }
  throw new LlmFault("malformed_output", "invalid JSON: the reply was cut off before its object closed");
}

/** The reply's JSON object checked against `schema`; a fault names what went wrong. */
export function parseJsonReply<T>(reply: string, schema: z.ZodType<T>): T {
  let json: unknown;
  try {
    json = JSON.parse(firstJsonObject(reply));
  } catch (e) {
    if (e instanceof LlmFault) throw e;
    throw new LlmFault("malformed_output", `invalid JSON: ${(e as Error).message}`);
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) throw new LlmFault("format_ignored", `unexpected JSON shape: ${parsed.error.issues[0]?.message ?? ""}`);
  return parsed.data;
}

export function parseDraft(reply: string): Draft {
  const data = parseJsonReply(reply, draftSchema);
  return "sentences" in data ? { notFound: false, sentences: data.sentences } : { notFound: true };
}
