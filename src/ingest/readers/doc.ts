/**
 * Word 97–2003 (.doc) → one line per paragraph, with word-extractor: pure JavaScript, reads the
 * OLE compound file and the piece table itself (8-bit and UTF-16 pieces, so Vietnamese survives),
 * drops deleted revisions and field codes. Word's automatic list numbers are not text in a .doc
 * (they live in the list tables) and word-extractor does not replay them, so we do
 * (doc-numbering.ts) and put each label in front of its paragraph, at its character position,
 * before word-extractor's own clean-up: the rest of the text is exactly what it returns. If the
 * list tables cannot be read, the text comes without those numbers and a warning says so.
 *
 * word-extractor's public API only gives the finished text, so we extend its OLE extractor
 * (lib/word-ole-extractor.js, version pinned in package-lock.json) to see the streams and pieces.
 */
import { createRequire } from "node:module";
import { DocNumberingError, docListLabels, type DocParagraph, type DocStreams } from "./doc-numbering.js";
import { ReadError, type RawRead } from "./types.js";

/** The parts of word-extractor's internals we use (it ships no types for them). */
interface ExtractedDocument { _body: string; getBody(options: { filterUnicode: boolean }): string }
interface OleDocument { stream(name: string): NodeJS.ReadableStream }
interface OleExtractor {
  _pieces: Array<{ text: string; totLength: number }>;
  _boundaries: { ccpText: number };
  extract(reader: unknown): Promise<ExtractedDocument>;
  extractWordDocument(document: OleDocument, buffer: Buffer): Promise<ExtractedDocument>;
  documentStream(document: OleDocument, name: string): Promise<NodeJS.ReadableStream>;
  streamBuffer(stream: NodeJS.ReadableStream): Promise<Buffer>;
  buildDocument(): ExtractedDocument;
}
const require = createRequire(import.meta.url);
const WordOleExtractor = require("word-extractor/lib/word-ole-extractor.js") as new () => OleExtractor;
const BufferReader = require("word-extractor/lib/buffer-reader.js") as new (buf: Buffer) => unknown;
const { clean } = require("word-extractor/lib/filters.js") as { clean(text: string): string };

/** A paragraph whose text or mark word-extractor blanked out as a deleted revision is not shown. */
function shownIn(main: string): (p: DocParagraph) => boolean {
  return (p) => main[p.mark] !== "\x00" && !/^\x00+$/.test(main.slice(p.start, p.mark));
}

/** The main text with "label " before each labelled paragraph (whose leading blanks it replaces);
 *  an empty paragraph gets no label. */
function withLabels(main: string, labels: Map<number, string>): string {
  const parts: string[] = [];
  let last = 0;
  for (const [start, label] of [...labels].sort((a, b) => a[0] - b[0])) {
    let text = start;
    while (main[text] === " " || main[text] === "\t") text++;
    if (text >= main.length || main[text] === "\r" || main[text] === "\x07") continue;
    parts.push(main.slice(last, start), `${label} `);
    last = text;
  }
  parts.push(main.slice(last));
  return parts.join("");
}

class NumberingExtractor extends WordOleExtractor {
  private streams?: DocStreams;
  /** Why the automatic numbers could not be rebuilt, when they could not. */
  failure?: string;

  override async extractWordDocument(document: OleDocument, buffer: Buffer): Promise<ExtractedDocument> {
    try {
      const table = (buffer.readUInt16LE(0x0a) & 0x0200) !== 0 ? "1Table" : "0Table";
      const read = async (name: string): Promise<Buffer> => this.streamBuffer(await this.documentStream(document, name));
      this.streams = { word: buffer, table: await read(table), data: await read("Data") };
    } catch (err) {
      this.failure = (err as Error).message;
    }
    return super.extractWordDocument(document, buffer);
  }

  override buildDocument(): ExtractedDocument {
    const doc = super.buildDocument();
    if (!this.streams) return doc;
    try {
      // Piece texts are indexed by character position only if each kept its length.
      if (this._pieces.some((p) => p.text.length !== p.totLength)) throw new DocNumberingError("piece text length differs from the piece table");
      const main = this._pieces.map((p) => p.text).join("").slice(0, this._boundaries.ccpText);
      const labels = docListLabels(this.streams, shownIn(main));
      if (!labels.size) return doc;
      if (clean(main) !== doc._body) throw new DocNumberingError("piece text does not give word-extractor's body");
      doc._body = clean(withLabels(main, labels));
    } catch (err) {
      this.failure = (err as Error).message;
    }
    return doc;
  }
}

export async function readDoc(buf: Buffer, file: string): Promise<RawRead> {
  let body: string;
  const extractor = new NumberingExtractor();
  try {
    const doc = await extractor.extract(new BufferReader(buf));
    // filterUnicode: false keeps “ ” – … as written (the default turns them into ASCII).
    body = doc.getBody({ filterUnicode: false });
  } catch (err) {
    throw new ReadError("corrupt", file, `tệp DOC hỏng hoặc có mật khẩu (${(err as Error).message})`);
  }
  const warnings = extractor.failure
    ? [`không đọc được bảng đánh số tự động của Word (chi tiết: ${extractor.failure}) — văn bản được nạp không có các số thứ tự tự động (Điều, khoản, điểm do Word tự đánh); hãy mở tệp bằng Word và lưu thành .docx rồi nạp lại`]
    : [];
  return { text: body.replace(/\r\n?/g, "\n"), warnings };
}
