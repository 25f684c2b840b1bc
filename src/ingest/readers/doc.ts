/**
 * Word 97–2003 (.doc) → one line per paragraph, with word-extractor: pure JavaScript, reads the
 * OLE compound file and the piece table itself (8-bit and UTF-16 pieces, so Vietnamese survives),
 * drops deleted revisions and field codes. Word's automatic list numbers are not text in a .doc
 * either (they live in the list tables) and word-extractor does not replay them: numbers typed by
 * hand ("Điều 1.", "1.", "a)") — the usual case in legal texts — come through; automatic ones do not.
 */
import WordExtractor from "word-extractor";
import { ReadError, type RawRead } from "./types.js";

export async function readDoc(buf: Buffer, file: string): Promise<RawRead> {
  let body: string;
  try {
    const doc = await new WordExtractor().extract(buf);
    // filterUnicode: false keeps “ ” – … as written (the default turns them into ASCII); the types omit it.
    body = (doc.getBody as (o: { filterUnicode: boolean }) => string).call(doc, { filterUnicode: false });
  } catch (err) {
    throw new ReadError("corrupt", file, `tệp DOC hỏng hoặc có mật khẩu (${(err as Error).message})`);
  }
  return { text: body.replace(/\r\n?/g, "\n"), warnings: [] };
}
