/** Markdown outline: title, numbered points with their quote, citations in brackets. */
import { CLOSING_HEADING, originLine, showsQuote, sourceLabel } from "./labels.js";
import type { TalkingPoints } from "./types.js";

/** Escapes characters Markdown would read as formatting; the documents' words stay as written. */
function md(text: string): string {
  return text.replace(/([\\`*_[\]<>#|])/g, "\\$1");
}

/** Each line of `text` as a block quote, indented under a list item. */
function blockQuote(text: string, indent: string): string {
  return text
    .split("\n")
    .map((line) => `${indent}> ${md(line)}`)
    .join("\n");
}

export function pointsToMarkdown(tp: TalkingPoints): string {
  const out = [`# ${md(tp.title)}`, ""];
  if (tp.notEnoughBasis) return [...out, md(tp.notEnoughBasis), ""].join("\n");
  out.push(`*${md(originLine(tp))}*`, "");
  for (const n of tp.notices) out.push(`> ${md(n)}`, "");
  if (tp.opening) out.push(md(tp.opening), "");
  tp.points.forEach((p, i) => {
    out.push(`${i + 1}. **${md(p.statement)}** [${md(sourceLabel(p.citation))}]`);
    if (showsQuote(p)) out.push("", blockQuote(p.quote, "   "));
    out.push("");
  });
  if (tp.closing) {
    out.push(`## ${CLOSING_HEADING}`, "", `${md(tp.closing.statement)} [${tp.closing.citations.map((c) => md(sourceLabel(c))).join("; ")}]`, "");
  }
  if (tp.appeal) out.push(md(tp.appeal), "");
  if (tp.sources.length) out.push("## Tài liệu trích dẫn", "", ...tp.sources.map((s, i) => `${i + 1}. ${md(s.fullName)}`), "");
  return out.join("\n");
}
