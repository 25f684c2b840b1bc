/**
 * DOCX → one line per paragraph, via mammoth's document model (extractRawText puts blank lines between
 * paragraphs, glues soft line breaks and drops list numbers). Word auto-numbering is put back in
 * front of its paragraph from numbering.xml (docx-numbering.ts); when that cannot be matched up with
 * mammoth's paragraphs, the numbers are rebuilt by level ("1.", "a)", "-") and a warning says so.
 */
import mammoth from "mammoth";
import { ReadError, type RawRead } from "./types.js";
import { numberPrefixes } from "./docx-numbering.js";
import { zipEntries } from "./zip.js";

/**
 * What a DOCX may unpack to. A 1,000-page Word document unpacks to a few tens of MB; a
 * decompression bomb (a 1 MB file whose document.xml inflates to 300 MB) is refused here, from
 * the sizes its ZIP directory declares, before anything is inflated.
 */
export const DOCX_MAX_ENTRIES = 2000;
export const DOCX_MAX_UNPACKED_BYTES = 128 * 1024 * 1024;

function checkUnpackedSize(buf: Buffer, file: string): void {
  const entries = zipEntries(buf);
  if (!entries) throw new ReadError("corrupt", file, "tệp DOCX hỏng (không đọc được mục lục của tệp nén)");
  if (entries.length > DOCX_MAX_ENTRIES)
    throw new ReadError("too_large", file, `tệp DOCX chứa ${entries.length} tệp con (giới hạn ${DOCX_MAX_ENTRIES}) — không phải tài liệu Word thông thường, đã từ chối`);
  const total = entries.reduce((n, e) => n + e.size, 0);
  if (total > DOCX_MAX_UNPACKED_BYTES)
    throw new ReadError("too_large", file, `tệp DOCX giải nén ra ${Math.round(total / 1024 / 1024)} MB (giới hạn ${DOCX_MAX_UNPACKED_BYTES / 1024 / 1024} MB) — có thể là tệp nén «bom», đã từ chối`);
}

/** The part of mammoth's document model we use (it ships no types for it). */
interface DocNode {
  type: string;
  value?: string;
  breakType?: string;
  children?: DocNode[];
  numbering?: { level: string; isOrdered: boolean } | null;
}

/** Vietnamese legal point letters (no f, j, w, z; "đ" after "d") for rebuilt second-level numbers. */
const VN_LETTERS = "a b c d đ e g h i k l m n o p q r s t u v x y".split(" ");

function inlineText(node: DocNode): string {
  if (node.type === "text") return node.value ?? "";
  if (node.type === "tab") return "\t";
  if (node.type === "break") return "\n"; // Shift+Enter line breaks and page breaks
  return (node.children ?? []).map(inlineText).join("");
}

function collectParagraphs(node: DocNode, out: DocNode[]): void {
  if (node.type === "paragraph") out.push(node);
  else for (const child of node.children ?? []) collectParagraphs(child, out);
}

/** Fallback numbering by level when numbering.xml could not be replayed: a guess, hence the warning. */
function guessPrefixes(paragraphs: DocNode[]): string[] {
  const counts: number[] = [];
  return paragraphs.map((p) => {
    const level = Number(p.numbering!.level);
    counts[level] = (counts[level] ?? 0) + 1;
    counts.length = level + 1;
    if (!p.numbering!.isOrdered || level >= 2) return "-";
    return level === 0 ? `${counts[0]}.` : `${VN_LETTERS[(counts[1] - 1) % VN_LETTERS.length]})`;
  });
}

export async function readDocx(buf: Buffer, file: string): Promise<RawRead> {
  let doc: DocNode | undefined;
  const warnings: string[] = [];
  checkUnpackedSize(buf, file);
  try {
    const result = await mammoth.convertToHtml({ buffer: buf }, {
      // The HTML is not used: this hook is the only way to see the document model with list levels.
      transformDocument: (d: DocNode) => (doc = d),
    });
    for (const m of result.messages) if (m.type === "error") warnings.push(`DOCX: ${m.message}`);
  } catch (err) {
    throw new ReadError("corrupt", file, `tệp DOCX hỏng hoặc không phải tài liệu Word (${(err as Error).message})`);
  }
  if (!doc) throw new ReadError("corrupt", file, "tệp DOCX không có nội dung đọc được");
  const paragraphs: DocNode[] = [];
  collectParagraphs(doc, paragraphs);
  const numbered = paragraphs.filter((p) => p.numbering);
  const prefixes = new Map<DocNode, string>();
  if (numbered.length) {
    const replayed = numberPrefixes(buf);
    const matches = replayed?.length === numbered.length && replayed.every((r, i) => String(r.ilvl) === numbered[i].numbering!.level);
    const list = matches ? replayed!.map((r) => r.prefix) : guessPrefixes(numbered);
    numbered.forEach((p, i) => prefixes.set(p, list[i]));
    if (!matches) {
      warnings.push(`có ${numbered.length} đoạn đánh số tự động nhưng không đọc được định dạng số của Word — số thứ tự (1., a), -) được dựng lại theo cấp, có thể khác bản gốc`);
    }
  }
  const lines = paragraphs.map((p) => {
    const text = inlineText(p);
    const prefix = prefixes.get(p);
    return prefix && text.trim() ? `${prefix} ${text.trimStart()}` : text;
  });
  return { text: lines.join("\n"), warnings };
}
