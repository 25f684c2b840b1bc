/**
 * The typed stand-ins for Telegram's buttons: "nguyên văn 2" (full text of citation 2 of the last
 * answer) and "liên quan" (its related passages). Matched whole, without accents, case or the
 * quotes the hint shows them in, so "Nguyen van 2" and "'liên quan'" work; a question that merely
 * starts with these words is still a question.
 */
import { foldKey } from "../../text/normalize.js";

export type TypedCommand = { kind: "full"; n: number } | { kind: "related" };

const EDGES = /^[\s'"«»“”‘’.!?]+|[\s'"«»“”‘’.!?]+$/gu;

export function parseTypedCommand(text: string): TypedCommand | undefined {
  const key = foldKey(text).replace(EDGES, "").replace(/\s+/g, " ");
  const full = /^nguyen van(?: (?:doan )?(\d{1,2}))?$/.exec(key);
  if (full) return { kind: "full", n: full[1] ? Number(full[1]) : 1 };
  if (/^(?:van ban )?lien quan$/.test(key)) return { kind: "related" };
  return undefined;
}

