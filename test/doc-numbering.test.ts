/**
 * Word 97 .doc files whose "Điều 1.", "1.", "a)", "Chương I" are Word's automatic numbering: the
 * reader rebuilds them from the list tables, so the structure parser and "Điều N" lookups see them.
 * Fixtures: scripts/fixtures/make-doc-numbering.ts (invented text, saved as .doc by LibreOffice).
 */
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import CFB from "cfb";
import WordExtractor from "word-extractor";
import { describe, expect, it } from "vitest";
import { readBuffer, readDocument } from "../src/ingest/readers/index.js";
import { formatReport } from "../src/ingest/report.js";
import { parseStructure } from "../src/structure/index.js";
import { buildCorpus } from "./helpers/engine.js";
import { REPO_ROOT, sharedPath } from "./helpers/shared.js";
import { hasSoffice, word97, type Para } from "./helpers/word97.js";

const FIXTURES = path.join(REPO_ROOT, "test/fixtures/doc");
const NUMBERED = path.join(FIXTURES, "quy-che-so-tu-dong.doc");
const PLAIN = path.join(FIXTURES, "quy-che-khong-so-tu-dong.doc");

const lines = (text: string): string[] => text.split("\n").filter((l) => l.trim());

/** word-extractor's own text of a .doc, as the reader returned it before numbering was rebuilt. */
async function libraryText(buf: Buffer): Promise<string> {
  const doc = await new WordExtractor().extract(buf);
  return (doc.getBody as (o: { filterUnicode: boolean }) => string).call(doc, { filterUnicode: false });
}

/** Every line of the library's text is still there, in order, at most with a list label before it. */
function onlyLabelsAdded(before: string, after: string): void {
  const want = lines(before).map((l) => l.trim());
  const got = lines(after);
  let j = 0;
  for (const line of want) {
    while (j < got.length && !(got[j] === line || (got[j].endsWith(` ${line}`) && got[j].length - line.length <= 16))) j++;
    expect(j, `line «${line}» lost or changed`).toBeLessThan(got.length);
    j++;
  }
}

/** The .doc with one of its streams changed (cfb reads and rewrites the compound file); the
 *  patch may return a new, longer stream. */
function patchStream(buf: Buffer, name: string, patch: (stream: Buffer) => Buffer | void): Buffer {
  const cfb = CFB.read(buf, { type: "buffer" });
  const entry = CFB.find(cfb, name)!;
  const copy = Buffer.from(entry.content as Uint8Array);
  const stream = patch(copy) ?? copy;
  entry.content = stream;
  entry.size = stream.length;
  return Buffer.from(CFB.write(cfb, { type: "buffer" }) as Uint8Array);
}

/** One stream of the .doc, or undefined. */
function streamOf(buf: Buffer, name: string): Buffer | undefined {
  const entry = CFB.find(CFB.read(buf, { type: "buffer" }), name);
  return entry ? Buffer.from(entry.content as Uint8Array) : undefined;
}

/** Offset in the WordDocument stream of FibRgFcLcb97 pair i ([MS-DOC] 2.5.1): 73 = PlfLst, 74 = PlfLfo. */
function fcLcbOffset(word: Buffer, i: number): number {
  const csw = word.readUInt16LE(32);
  const cslw = word.readUInt16LE(34 + csw * 2);
  return 36 + csw * 2 + cslw * 4 + 2 + i * 8;
}

describe("Word 97 automatic numbering", () => {
  it("rebuilds Chương, Điều, khoản, điểm and other list numbers in the text", async () => {
    const r = await readDocument(NUMBERED);
    expect(r.warnings).toEqual([]);
    expect(lines(r.text)).toEqual([
      "QUY CHẾ VƯỜN ƯƠM MẪU SỐ 9 (văn bản bịa để kiểm thử, số tự động)",
      "Chương I QUY ĐỊNH CHUNG",
      "Điều 1. Phạm vi áp dụng",
      "Quy chế này áp dụng cho vườn ươm mẫu số 9 và các luống cây thử nghiệm của vườn.",
      "Điều 2. Tưới cây",
      "1. Cây non được tưới hai lần mỗi ngày vào sáng sớm và chiều muộn.",
      "2. Khi trời mưa quá ba giờ thì không tưới buổi chiều ở:",
      "a) luống cây giống;",
      "b) luống cây thử nghiệm;",
      "c) luống hoa trước cổng.",
      "Chương II CHĂM SÓC LUỐNG",
      "Điều 3. Bón phân",
      "1. Phân hữu cơ được bón mỗi tháng một lần cho luống cây thử nghiệm.",
      "2. Không bón phân trong tuần có sương muối.",
      "Điều 4. Nhổ cỏ",
      "1. Cỏ được nhổ bằng tay vào sáng thứ Hai.",
      "2. Cỏ nhổ ra được ủ thành phân ở góc vườn.",
      "Điều 5. Ghi sổ",
      "1. Người trực ghi sổ theo dõi cây mỗi chiều.",
      "2. Sổ được nộp cho tổ trưởng vào cuối tháng, gồm:",
      "- trang tưới cây;",
      "- trang bón phân.",
      "3. Tổ trưởng ký sổ mỗi tháng.",
      "Điều 6. Việc thêm ngoài danh sách",
      "1) Quét lá.",
      "2) Rửa bình tưới.",
      "3) Sửa hàng rào.",
      "4) Tỉa cành.",
    ]);
    // Nothing else changed: the library's own text is all there, labels only in front.
    onlyLabelsAdded(await libraryText(readFileSync(NUMBERED)), r.text);
  });

  it("gives the structure parser every Điều, khoản and điểm, khoản restarting in each Điều", async () => {
    const units = parseStructure((await readDocument(NUMBERED)).text).units;
    const labels = (type: string) => units.filter((u) => u.type === type).map((u) => u.label);
    expect(labels("chuong")).toEqual(["I", "II"]);
    expect(labels("dieu")).toEqual(["1", "2", "3", "4", "5", "6"]);
    expect(labels("diem")).toEqual(["a", "b", "c"]);
    // Khoản under each article, by article: Điều 4 and Điều 5 use lists of their own that start over.
    const byArticle = new Map<string, string[]>();
    let article = "";
    for (const u of units) {
      if (u.type === "dieu") article = u.label;
      if (u.type === "khoan") byArticle.set(article, [...(byArticle.get(article) ?? []), u.label]);
    }
    expect(Object.fromEntries(byArticle)).toMatchObject({ "2": ["1", "2"], "3": ["1", "2"], "4": ["1", "2"], "5": ["1", "2", "3"] });
  });

  it("ingests the file so that 'Điều N' and 'khoản K Điều N' find the right text through the Engine", async () => {
    const c = await buildCorpus({ "quy-che-so-tu-dong.doc": readFileSync(NUMBERED) });
    const report = c.result.reports[0];
    expect(report).toMatchObject({ status: "ok", warnings: [] });
    expect(report.units).toMatchObject({ chuong: 2, dieu: 6, diem: 3 });
    for (const [q, title, words] of [
      ["Điều 1", "Phạm vi áp dụng", "vườn ươm mẫu số 9"],
      ["Điều 4", "Nhổ cỏ", "ủ thành phân ở góc vườn"],
      ["Điều 5", "Ghi sổ", "Tổ trưởng ký sổ mỗi tháng"],
    ] as const) {
      const r = await c.engine.ask(q);
      const cit = r.citations[0];
      expect(r.status, q).toBe("unit");
      expect(cit.path.at(-1), q).toMatchObject({ type: "dieu", label: q.split(" ")[1], heading: title });
      expect(c.engine.unitText(cit.doc.id, cit.unit)!.text, q).toContain(words);
    }
    const r = await c.engine.ask("khoản 2 Điều 4");
    expect(r.citations[0].path.slice(-2)).toMatchObject([{ type: "dieu", label: "4" }, { type: "khoan", label: "2" }]);
    expect(c.engine.unitText(r.citations[0].doc.id, r.citations[0].unit)!.text).toContain("Cỏ nhổ ra được ủ thành phân");
  });

  it("leaves a .doc without automatic numbering exactly as word-extractor reads it", async () => {
    const buf = readFileSync(PLAIN);
    const r = await readBuffer(buf, "khong-so.doc");
    expect(r.warnings).toEqual([]);
    expect(r.text).toBe((await libraryText(buf)).replace(/\r\n?/g, "\n").trim());
    expect(lines(r.text)).toContain("Điều 2. Khách thăm");
  });

  it("gives no number to a numbered paragraph deleted with track changes, and keeps labels where words were deleted", async () => {
    const file = path.join(FIXTURES, "quy-che-sua-doi.doc");
    const r = await readDocument(file);
    expect(r.warnings).toEqual([]);
    expect(lines(r.text)).toEqual([
      "QUY CHẾ VƯỜN ƯƠM MẪU SỐ 11 (văn bản bịa để kiểm thử, có sửa đổi được theo dõi)",
      "Điều 1. Giờ tưới",
      "Điều 2. Tưới sáng", // "Tưới đêm", deleted, was Điều 2 before the edit
      "1. Cây được tưới lúc sáu giờ sáng.",
      "2. Không tưới khi có mưa.",
      "Điều 3. Dụng cụ",
    ]);
    onlyLabelsAdded(await libraryText(readFileSync(file)), r.text);
  });

  it("takes a list from the paragraph style when the paragraph names none itself", async () => {
    // The Chương headings carry the list twice: in their style (Heading 1) and on the paragraph
    // (sprmPIlfo = 1). Turn the paragraph's sprm into an unrelated one: the style's list remains.
    let removed = 0;
    const buf = patchStream(readFileSync(NUMBERED), "WordDocument", (word) => {
      for (let at = word.indexOf(Buffer.from([0x0b, 0x46, 0x01, 0x00])); at >= 0; at = word.indexOf(Buffer.from([0x0b, 0x46, 0x01, 0x00]), at + 1)) {
        word.writeUInt16LE(0x4600, at); // sprmPIstd, 2-byte operand: ignored by the numbering
        removed++;
      }
    });
    expect(removed).toBeGreaterThan(0);
    const r = await readBuffer(buf, "kieu.doc");
    expect(r.warnings).toEqual([]);
    expect(lines(r.text).filter((l) => l.startsWith("Chương"))).toEqual(["Chương I QUY ĐỊNH CHUNG", "Chương II CHĂM SÓC LUỐNG"]);
  });

  it("continues a list across its LFOs, and restarts it where an LFO overrides the start (Word's 'Restart numbering')", async () => {
    // In the fixture, Điều 4's khoản use LFO 3 (list 3) and Điều 5's LFO 4 (list 4). Point LFO 4 at
    // list 3, as Word does for a list picked up again: Điều 5's khoản go on 3, 4, 5. Then give LFO 4
    // a start-at override for level 0 (LFOLVL iStartAt = 1, fStartAt), as Word's "Restart
    // numbering" does: 1, 2, 3 again. The new PlfLfo goes at the end of the table stream.
    const original = readFileSync(NUMBERED);
    const tableName = streamOf(original, "1Table") ? "1Table" : "0Table";
    const word = streamOf(original, "WordDocument")!;
    const withLfos = (restart: boolean): Buffer => {
      const fc = word.readUInt32LE(fcLcbOffset(word, 74));
      let lcb = word.readUInt32LE(fcLcbOffset(word, 74) + 4);
      let at = 0;
      const patchedTable = patchStream(original, tableName, (t) => {
        const count = t.readUInt32LE(fc);
        expect(count).toBe(6);
        expect(lcb).toBe(4 + count * (16 + 4)); // no overrides yet: each LFOData is its cp alone
        const lfos = Buffer.from(t.subarray(fc, fc + 4 + count * 16));
        lfos.writeInt32LE(lfos.readInt32LE(4 + 2 * 16), 4 + 3 * 16); // LFO 4 → LFO 3's list
        const data: Buffer[] = [];
        for (let i = 0; i < count; i++) {
          data.push(Buffer.alloc(4)); // LFOData.cp
          if (i === 3 && restart) {
            lfos.writeUInt8(1, 4 + i * 16 + 12); // clfolvl
            const lfolvl = Buffer.alloc(8);
            lfolvl.writeInt32LE(1, 0);
            lfolvl.writeUInt32LE(0x10, 4); // iLvl 0, fStartAt
            data.push(lfolvl);
          }
        }
        const plfLfo = Buffer.concat([lfos, ...data]);
        at = t.length;
        lcb = plfLfo.length;
        return Buffer.concat([t, plfLfo]);
      });
      return patchStream(patchedTable, "WordDocument", (w) => {
        w.writeUInt32LE(at, fcLcbOffset(w, 74));
        w.writeUInt32LE(lcb, fcLcbOffset(w, 74) + 4);
      });
    };
    const khoanOfDieu5 = async (buf: Buffer): Promise<string[]> => {
      const r = await readBuffer(buf, "lfo.doc");
      expect(r.warnings).toEqual([]);
      const all = lines(r.text);
      return all.slice(all.indexOf("Điều 5. Ghi sổ") + 1, all.indexOf("Điều 6. Việc thêm ngoài danh sách")).map((l) => l.split(" ")[0]);
    };
    expect(await khoanOfDieu5(withLfos(false))).toEqual(["3.", "4.", "-", "-", "5."]);
    expect(await khoanOfDieu5(withLfos(true))).toEqual(["1.", "2.", "-", "-", "3."]);
  });

  it("falls back to the plain text with a warning when the list tables are truncated or inconsistent", async () => {
    const original = readFileSync(NUMBERED);
    const plain = (await libraryText(original)).replace(/\r\n?/g, "\n").trim();
    const tableLength = (streamOf(original, "1Table") ?? streamOf(original, "0Table"))!.length;
    const broken = {
      // The list definitions start 10 bytes before the end of the table stream.
      "truncated list table": patchStream(original, "WordDocument", (w) => void w.writeUInt32LE(tableLength - 10, fcLcbOffset(w, 73))),
      // The override table cut to 3 bytes: fewer than its own count of entries needs.
      "override count": patchStream(original, "WordDocument", (w) => void w.writeUInt32LE(3, fcLcbOffset(w, 74) + 4)),
    };
    for (const [what, buf] of Object.entries(broken)) {
      const r = await readBuffer(buf, "hong.doc");
      expect(r.text, what).toBe(plain);
      expect(r.warnings, what).toEqual([expect.stringMatching(/không đọc được bảng đánh số tự động của Word .* không có các số thứ tự tự động/)]);
    }
    // In the ingest report too: the file is indexed (its typed title kept), with the warning under it.
    const c = await buildCorpus({ "hong.doc": broken["truncated list table"] });
    expect(c.result.reports[0]).toMatchObject({ status: "ok", warnings: [expect.stringMatching(/bảng đánh số tự động/)] });
    expect(formatReport(c.result)).toMatch(/✓ hong\.doc .*\n {4}! không đọc được bảng đánh số tự động/);
  });

  const laws = sharedPath("corpora", "vn-legal-texts");
  it.skipIf(!laws || !hasSoffice)("rebuilds every Điều, khoản and điểm of real laws from ../shared made into Word lists", async () => {
    // Laws whose typed numbers run 1, 2, 3… (articles, khoản) and a, b, c, d, đ… (điểm) become one
    // Word list of three levels, the numbers taken out of the text; every third such law, to bound the time.
    const made: Record<string, Para[]> = {};
    const texts: Record<string, string> = {};
    for (const file of findFiles(laws!, /\.txt$/).filter((f) => !f.endsWith("SOURCE.md")).sort()) {
      const text = readFileSync(file, "utf8");
      const paras = asWordLists(text);
      if (!paras) continue;
      texts[path.basename(file, ".txt")] = text;
      made[path.basename(file, ".txt")] = paras;
    }
    const names = Object.keys(made).filter((_, i) => i % 3 === 0);
    expect(names.length).toBeGreaterThanOrEqual(10);
    const docs = await word97(Object.fromEntries(names.map((n) => [n, made[n]])));
    let articles = 0;
    for (const name of names) {
      const r = await readBuffer(docs[name], `${name}.doc`);
      expect(r.warnings, name).toEqual([]);
      // Line for line the law again, but for the điểm letters, which Word counts a b c d e f (no đ).
      expect(normalLines(r.text), name).toEqual(normalLines(withWordLetters(texts[name])));
      const want = parseStructure(texts[name]).units;
      const got = parseStructure(r.text).units;
      for (const type of ["dieu", "khoan"]) {
        expect(got.filter((u) => u.type === type).map((u) => u.label), `${name} ${type}`).toEqual(want.filter((u) => u.type === type).map((u) => u.label));
      }
      articles += want.filter((u) => u.type === "dieu").length;
    }
    expect(articles).toBeGreaterThan(300);
  }, 120_000);

  const corpora = sharedPath("corpora");
  const sharedDocs = corpora ? findFiles(corpora, /\.doc$/i) : [];
  it.skipIf(!sharedDocs.length)("adds only list labels to the .doc files in ../shared", async () => {
    for (const file of sharedDocs) {
      const buf = readFileSync(file);
      const r = await readBuffer(buf, file);
      onlyLabelsAdded(await libraryText(buf), r.text);
    }
  });
});

function findFiles(dir: string, name: RegExp): string[] {
  return readdirSync(dir, { recursive: true, encoding: "utf8" })
    .filter((f) => name.test(f))
    .map((f) => path.join(dir, f));
}

const ARTICLE = /^Điều (\d+)\.\s+(.*)$/;
const CLAUSE = /^(\d+)\.\s+(.*)$/;
const POINT = /^([a-zđ])\)\s+(.*)$/;
const VN_LETTERS = "abcdđeghiklmnopqrstuvxy";

/** A law's typed Điều/khoản/điểm numbers turned into one three-level Word list, or undefined when
 *  they do not run in order (a list could not give them back). */
function asWordLists(text: string): Para[] | undefined {
  const out: Para[] = [];
  let article = 0, clause = 0, point = 0;
  for (const line of text.split("\n")) {
    let m: RegExpExecArray | null;
    if ((m = ARTICLE.exec(line))) {
      if (Number(m[1]) !== ++article) return undefined;
      clause = point = 0;
      out.push({ list: "Dieu", level: 1, text: m[2] });
    } else if (article && (m = CLAUSE.exec(line))) {
      if (Number(m[1]) !== ++clause) return undefined;
      point = 0;
      out.push({ list: "Dieu", level: 2, text: m[2] });
    } else if (clause && (m = POINT.exec(line))) {
      if (m[1] !== VN_LETTERS[point++]) return undefined;
      out.push({ list: "Dieu", level: 3, text: m[2] });
    } else out.push(line);
  }
  return article ? out : undefined;
}

/** The law with its điểm lettered as Word's lowerLetter lists do: the n-th point is the n-th of a..z. */
function withWordLetters(text: string): string {
  let article = 0, clause = 0, point = 0;
  return text.split("\n").map((line) => {
    let m: RegExpExecArray | null;
    if (ARTICLE.test(line)) [article, clause] = [article + 1, 0];
    else if (article && CLAUSE.test(line)) [clause, point] = [clause + 1, 0];
    else if (clause && (m = POINT.exec(line))) return `${String.fromCharCode(97 + point++)}) ${m[2]}`;
    return line;
  }).join("\n");
}

const normalLines = (text: string): string[] => lines(text.normalize("NFC")).map((l) => l.trim().replace(/\s+/g, " "));
