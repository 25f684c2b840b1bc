/** HTML → text lines: page chrome and code dropped, block elements become line breaks, entities decoded. */
import { parse, type Node, type HTMLElement } from "node-html-parser";
import type { RawRead } from "./types.js";
import { decodeBytes } from "./text.js";

/** Not document text: code, styling, and the site's navigation and page furniture. */
const DROP = new Set(["script", "style", "noscript", "template", "head", "nav", "header", "footer", "aside", "form", "iframe", "svg", "button", "select"]);

const BLOCK = new Set([
  "address", "article", "blockquote", "body", "caption", "center", "dd", "div", "dl", "dt", "fieldset", "figcaption", "figure",
  "h1", "h2", "h3", "h4", "h5", "h6", "hr", "html", "li", "main", "ol", "p", "pre", "section", "table", "tbody", "tfoot", "thead", "tr", "ul",
]);

function walk(node: Node, out: string[], inPre: boolean): void {
  if (node.nodeType === 3) {
    // TextNode.text decodes entities; outside <pre> HTML collapses whitespace, and so do we.
    out.push(inPre ? node.text : node.text.replace(/[ \t\r\n\f]+/g, " "));
    return;
  }
  if (node.nodeType !== 1) return;
  const el = node as HTMLElement;
  const tag = (el.rawTagName ?? "").toLowerCase();
  if (DROP.has(tag)) return;
  if (tag === "br") return void out.push("\n");
  const block = BLOCK.has(tag);
  if (block) out.push("\n");
  for (const child of el.childNodes) walk(child, out, inPre || tag === "pre");
  if (block) out.push("\n");
  else if (tag === "td" || tag === "th") out.push("\t");
}

/** Text of an HTML string, one block per line like DOCX; lines are trimmed since their indentation is source formatting. */
export function htmlToText(html: string): string {
  const cleaned = html.replace(/<!doctype[^>]*>/gi, "").replace(/<!--[\s\S]*?-->/g, "");
  const out: string[] = [];
  walk(parse(cleaned, { comment: false }), out, false);
  return out
    .join("")
    .split("\n")
    .map((line) => line.replace(/^[ \t]+|[ \t]+$/g, ""))
    .filter((line) => line !== "")
    .join("\n");
}

export function readHtml(buf: Uint8Array): RawRead {
  // The declared charset only matters when the bytes are not UTF-8 (old Vietnamese sites used windows-1258).
  const head = new TextDecoder("latin1").decode(buf.subarray(0, 4096));
  const charset = /<meta[^>]+charset\s*=\s*["']?\s*([\w-]+)/i.exec(head)?.[1];
  const { text, warnings } = decodeBytes(buf, charset);
  return { text: htmlToText(text), warnings };
}
