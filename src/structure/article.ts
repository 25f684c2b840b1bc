/**
 * Article layout (news reports, speeches): paragraphs → "doan" units "1", "2" ...; a short title-like
 * line before a paragraph becomes that paragraph's heading; the title, date and byline lines before
 * the first paragraph form the preamble.
 */
import type { Unit } from "../model/document.js";
import { UnitBuilder } from "./builder.js";
import { splitLines } from "./lines.js";
import { toParagraphs } from "./paragraphs.js";

/** A real paragraph: long, or a full sentence. */
function isProse(t: string): boolean {
  return t.length >= 100 || (t.length >= 40 && /[.!?…”"]$/u.test(t));
}

/** Short capitalised line without final punctuation: a title or subheading, not a caption. */
function isTitleLike(t: string): boolean {
  return (
    t.length <= 120 &&
    /^[\p{Lu}"“]/u.test(t) &&
    !/[.,;:!?]$/u.test(t) &&
    !/(?:^|\s)Ảnh\s*:/u.test(t)
  );
}

export function parseArticle(text: string): { units: Unit[]; warnings: string[] } {
  const lines = splitLines(text);
  const paragraphs = toParagraphs(lines, () => false);
  const b = new UnitBuilder();
  const warnings: string[] = [];
  let k = 0;
  // title, date, author before the first paragraph of prose (only near the top)
  const firstProse = paragraphs.findIndex((p) => isProse(p.text));
  if (firstProse > 0 && firstProse <= 6) {
    b.add("preamble", "", "preamble", undefined, { text: paragraphs.slice(0, firstProse).map((p) => p.text).join("\n") });
    k = firstProse;
  }
  let count = 0;
  let pending: string | undefined;
  const addDoan = (fields: { heading?: string; text: string }) => {
    count++;
    b.add("doan", String(count), `doan-${count}`, undefined, fields);
  };
  for (; k < paragraphs.length; k++) {
    const t = paragraphs[k].text;
    if (isTitleLike(t) && k + 1 < paragraphs.length) {
      if (pending !== undefined) addDoan({ text: pending });
      pending = t;
      continue;
    }
    if (pending !== undefined) {
      addDoan({ heading: pending, text: t });
      pending = undefined;
    } else {
      addDoan({ text: t });
    }
  }
  if (pending !== undefined) addDoan({ text: pending });
  if (count === 0) warnings.push("văn bản trống");
  return { units: b.finish(), warnings };
}
