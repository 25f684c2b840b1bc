/** File names for exported outlines: ASCII, from the topic, safe on every system and chat. */
import { foldKey } from "../text/normalize.js";
import type { TalkingPoints } from "./types.js";

export function outlineFileName(tp: TalkingPoints, ext: "docx" | "md"): string {
  const slug = foldKey(tp.topic).replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "").slice(0, 60).replace(/-$/, "");
  return `dan-y-${slug || "tuyen-truyen"}.${ext}`;
}
