/**
 * Reads a model's JSON reply, the one way for every task (answers, talking points, quizzes):
 * tolerates what models commonly wrap it in (a code fence, a sentence before or after) but nothing
 * else. A reply cut off mid-JSON (token limit) is `malformed_output`, a reply of another shape
 * `format_ignored`; `completeArrayObjects` recovers the whole array elements of a cut reply.
 */
import { z } from "zod";
import { LlmFault } from "./call.js";

/** "```json\n{…}\n```" → "{…}"; a reply without a fence is returned as it is. */
function unfenced(reply: string): string {
  const fenced = /```[a-zA-Z]*\s*\n?([\s\S]*?)(?:```|$)/.exec(reply);
  return fenced && fenced[1].includes("{") ? fenced[1] : reply;
}

/**
 * Walks JSON text, strings and escapes respected, calling `visit` at each bracket outside strings
 * with its position and the depth after it. Stops when `visit` returns true.
 */
function scan(text: string, from: number, visit: (ch: string, i: number, stack: string[]) => boolean | void): void {
  const stack: string[] = [];
  let inString = false;
  let escaped = false;
  for (let i = from; i < text.length; i++) {
    const ch = text[i];
    if (inString) {
      if (escaped) escaped = false;
      else if (ch === "\\") escaped = true;
      else if (ch === '"') inString = false;
      continue;
    }
    if (ch === '"') inString = true;
    else if (ch === "[" || ch === "{") {
      if (visit(ch, i, stack)) return;
      stack.push(ch);
    } else if (ch === "]" || ch === "}") {
      stack.pop();
      if (visit(ch, i, stack)) return;
    }
  }
}

/** The first JSON object of the reply, as text; throws LlmFault when there is none or it is cut off. */
export function jsonObjectText(reply: string): string {
  const text = unfenced(reply);
  const start = text.indexOf("{");
  if (start < 0) throw new LlmFault("format_ignored", "the reply holds no JSON object");
  let end = -1;
  scan(text, start, (ch, i, stack) => {
    if (ch === "}" && !stack.length) end = i;
    return end >= 0;
  });
  if (end < 0) throw new LlmFault("malformed_output", "the reply was cut off mid-JSON (the object never closes)");
  return text.slice(start, end + 1);
}

/** The reply's JSON object checked against `schema`; throws LlmFault with the cause otherwise. */
export function parseJsonReply<S extends z.ZodType>(reply: string, schema: S): z.infer<S> {
  let json: unknown;
  try {
    json = JSON.parse(jsonObjectText(reply));
  } catch (e) {
    if (e instanceof LlmFault) throw e;
    throw new LlmFault("malformed_output", `invalid JSON: ${(e as Error).message}`);
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) throw new LlmFault("format_ignored", `unexpected JSON shape: ${parsed.error.issues[0]?.message ?? ""}`);
  return parsed.data;
}

/** Complete JSON objects that are elements of an array, in order, from a possibly cut-off text. */
export function completeArrayObjects(text: string): string[] {
  const out: string[] = [];
  let start = -1;
  scan(text, 0, (ch, i, stack) => {
    if (ch === "{" && stack.at(-1) === "[") start = i;
    if (ch === "}" && stack.at(-1) === "[" && start >= 0) {
      out.push(text.slice(start, i + 1));
      start = -1;
    }
  });
  return out;
}

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

/** An answer or talking points: sentences marked with the passages they rest on, or "not found". */
export function parseDraft(reply: string): Draft {
  const data = parseJsonReply(reply, draftSchema);
  return "sentences" in data ? { notFound: false, sentences: data.sentences } : { notFound: true };
}
