/** Source readers: every format round-trips synthetic Vietnamese text; bad inputs fail with the right ReadError. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { AlignmentType, Document, LevelFormat, Packer, Paragraph, Table, TableCell, TableRow, TextRun } from "docx";
import {
  detectLegacyEncoding, detectMojibake, formatOf, ReadError, readBuffer, readDocument, type ReadErrorCode,
} from "../src/ingest/readers/index.js";
import { REPO_ROOT, sharedPath } from "./helpers/shared.js";
import { parseStructure } from "../src/structure/index.js";
import { checkUpload } from "../src/admin/upload.js";
import { FONT, makePdf } from "./helpers/files.js";
let dir = "";

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), "hvb-readers-"));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function save(name: string, data: string | Uint8Array): Promise<string> {
  const file = path.join(dir, name);
  await writeFile(file, data);
  return file;
}

/** Asserts the promise fails with a ReadError of this code whose message names the file. */
async function expectReadError(p: Promise<unknown>, code: ReadErrorCode, file: string, text?: RegExp): Promise<ReadError> {
  const err = await p.then(() => undefined, (e: unknown) => e);
  expect(err).toBeInstanceOf(ReadError);
  const re = err as ReadError;
  expect(re.code).toBe(code);
  expect(re.message.startsWith(`${path.basename(file)}: `)).toBe(true);
  if (text) expect(re.message).toMatch(text);
  return re;
}

const lines = (text: string): string[] => text.split("\n");

describe("formatOf", () => {
  it("maps extensions case-insensitively", () => {
    expect(formatOf("a.PDF")).toBe("pdf");
    expect(formatOf("dir/b.Docx")).toBe("docx");
    expect(formatOf("c.htm")).toBe("html");
    expect(formatOf("d.HTML")).toBe("html");
    expect(formatOf("e.txt")).toBe("txt");
    expect(formatOf("f.markdown")).toBe("md");
    expect(formatOf("g.md")).toBe("md");
    expect(formatOf("h.doc")).toBe("doc");
    expect(formatOf("h.odt")).toBeUndefined();
    expect(formatOf("noext")).toBeUndefined();
  });
});

describe("PDF", () => {
  const body = (doc: PDFKit.PDFDocument, page: number): void => {
    doc.font(FONT).fontSize(11);
    doc.text("Tài liệu thử nghiệm tổng hợp - bản nháp", 50, 40, { lineBreak: false });
    if (page === 1) doc.fontSize(14).text("QUY ĐỊNH MẪU THỬ NGHIỆM", 50, 70).fontSize(11);
    doc.text(`Điều ${page}. Phạm vi thử nghiệm số ${page}`, 50, 100);
    doc.text("1. Khoản thử nghiệm: người được hướng dẫn có quyền đề nghị cơ quan giải quyết.");
    doc.text("a) điểm thử về quyền lợi, nghĩa vụ của bên được bảo vệ;");
    doc.text("b) điểm thử về thủ tục.");
    doc.text(String(page), 290, 760, { lineBreak: false });
  };

  it("round-trips Vietnamese text in NFC, dropping page numbers and the running header", async () => {
    const pdf = await makePdf((doc) => {
      for (let p = 1; p <= 3; p++) {
        if (p > 1) doc.addPage();
        body(doc, p);
      }
    });
    const file = await save("mau.pdf", pdf);
    const r = await readDocument(file);
    expect(r.format).toBe("pdf");
    expect(r.pages).toBe(3);
    expect(r.text).toBe(r.text.normalize("NFC"));
    const ls = lines(r.text);
    expect(ls).toContain("QUY ĐỊNH MẪU THỬ NGHIỆM");
    expect(ls).toContain("Điều 2. Phạm vi thử nghiệm số 2");
    expect(ls).toContain("1. Khoản thử nghiệm: người được hướng dẫn có quyền đề nghị cơ quan giải quyết.");
    expect(ls).toContain("a) điểm thử về quyền lợi, nghĩa vụ của bên được bảo vệ;");
    expect(ls.filter((l) => /^\d+$/.test(l))).toEqual([]);
    expect(r.text).not.toContain("bản nháp");
    expect(r.warnings.join(" ")).toMatch(/tiêu đề\/chân trang/);
    // the same bytes through the upload path
    expect((await readBuffer(pdf, "upload.pdf")).text).toBe(r.text);
  });

  it("rejects a PDF with neither a text layer nor a scanned page", async () => {
    const pdf = await makePdf((doc) => {
      doc.rect(50, 50, 400, 600).fill("#444");
      doc.addPage().rect(60, 60, 300, 300).fill("#888");
    });
    const file = await save("scan.pdf", pdf);
    await expectReadError(readDocument(file), "scanned_pdf", file, /không có lớp văn bản, cũng không có ảnh trang scan/);
  });

  it("rejects random bytes, a fake header and a truncated PDF as corrupt", async () => {
    const random = Buffer.from(Array.from({ length: 2000 }, (_, i) => (i * 7919 + 13) % 256));
    await expectReadError(readBuffer(random, "random.pdf"), "corrupt", "random.pdf", /%PDF/);
    await expectReadError(readBuffer(Buffer.concat([Buffer.from("%PDF-1.7\n"), random]), "fake.pdf"), "corrupt", "fake.pdf");
    const pdf = await makePdf((doc) => body(doc, 1));
    const file = await save("truncated.pdf", pdf.subarray(0, Math.floor(pdf.length / 2)));
    await expectReadError(readDocument(file), "corrupt", file);
  });

  it("rejects a PDF whose text is in the TCVN3 legacy font encoding", async () => {
    const pdf = await makePdf((doc) => {
      doc.font(FONT).fontSize(12).text("NghÞ ®Þnh nµy quy ®Þnh vÒ c¸n bé, c«ng chøc vµ viªn chøc.");
      doc.text("§iÒu 1. Ph¹m vi ®iÒu chØnh cña ChØ thÞ thö nghiÖm.");
    });
    await expectReadError(readBuffer(pdf, "cu.pdf"), "legacy_encoding", "cu.pdf", /phông chữ cũ TCVN3\/VNI — hãy chuyển sang Unicode/);
  });
});

describe("Word 97–2003 DOC", () => {
  // Made with LibreOffice ("MS Word 97" filter) from plainly invented text; Điều 4's khoản are an automatic list.
  const DOC = path.join(REPO_ROOT, "test/fixtures/doc/quy-che-vuon-uom.doc");

  it("reads paragraphs, typed numbering, Vietnamese letters and curly quotes", async () => {
    const r = await readDocument(DOC);
    expect(r.format).toBe("doc");
    expect(lines(r.text).slice(0, 10)).toEqual([
      "QUY CHẾ VƯỜN ƯƠM MẪU (văn bản bịa để kiểm thử)",
      "Chương I",
      "QUY ĐỊNH CHUNG",
      "Điều 1. Phạm vi áp dụng",
      "Quy chế này áp dụng cho vườn ươm mẫu số 7 và các luống cây thử nghiệm của vườn.",
      "Điều 2. Tưới cây",
      "1. Cây non được tưới hai lần mỗi ngày vào sáng sớm và chiều muộn.",
      "2. Khi trời mưa quá ba giờ thì không tưới buổi chiều:",
      "a) luống cây giống;",
      "b) luống cây thử nghiệm.",
    ]);
    expect(r.text).toContain("Phân hữu cơ được bón “mỗi tháng một lần” cho luống cây thử nghiệm – trừ tháng Chạp."); // the document's own dash, kept
    const units = parseStructure(r.text).units;
    expect(units.filter((u) => u.type === "dieu").map((u) => u.label)).toEqual(["1", "2", "3", "4"]);
    expect(units.filter((u) => u.type === "diem").map((u) => u.label)).toEqual(["a", "b"]);
    // Word's automatic numbers are not text in a .doc: they are rebuilt from the list tables (test/doc-numbering.test.ts).
    expect(lines(r.text).slice(-2)).toEqual(["1. Nhổ cỏ các luống.", "2. Ghi sổ theo dõi cây."]);
    expect(r.warnings).toEqual([]);
  });

  it("reads a .doc renamed .docx, saying so, and takes .doc from the chat upload path", async () => {
    const bytes = await readFile(DOC);
    const renamed = await readBuffer(bytes, "doi-ten.docx");
    expect(renamed.text).toBe((await readDocument(DOC)).text);
    expect(renamed.warnings[0]).toMatch(/Word 97–2003/);
    expect((await checkUpload(bytes, "quy-che.doc", 1 << 20)).text).toContain("Điều 4. Danh sách việc hằng tuần");
  });
});

describe("DOCX", () => {
  const numbering = {
    config: [
      {
        reference: "khoan-diem",
        levels: [
          { level: 0, format: LevelFormat.DECIMAL, text: "%1.", alignment: AlignmentType.LEFT },
          { level: 1, format: LevelFormat.LOWER_LETTER, text: "%2)", alignment: AlignmentType.LEFT },
        ],
      },
      {
        reference: "dieu",
        levels: [{ level: 0, format: LevelFormat.DECIMAL, text: "Điều %1.", alignment: AlignmentType.LEFT }],
      },
    ],
  };

  it("puts each paragraph on its own line and restores Word list numbers", async () => {
    const doc = new Document({
      numbering,
      sections: [{
        children: [
          new Paragraph("QUY ĐỊNH MẪU THỬ NGHIỆM"),
          new Paragraph({ text: "Phạm vi thử nghiệm", numbering: { reference: "dieu", level: 0 } }),
          new Paragraph({ text: "Khoản thử nghiệm thứ nhất.", numbering: { reference: "khoan-diem", level: 0 } }),
          new Paragraph({ text: "điểm thử thứ nhất;", numbering: { reference: "khoan-diem", level: 1 } }),
          new Paragraph({ text: "điểm thử thứ hai.", numbering: { reference: "khoan-diem", level: 1 } }),
          new Paragraph({ text: "Khoản thử nghiệm thứ hai.", numbering: { reference: "khoan-diem", level: 0 } }),
          new Paragraph({ text: "điểm thử mới.", numbering: { reference: "khoan-diem", level: 1 } }),
          new Paragraph({ text: "Đối tượng thử nghiệm", numbering: { reference: "dieu", level: 0 } }),
          new Paragraph({ children: [new TextRun("Dòng một"), new TextRun({ text: "dòng hai sau ngắt dòng", break: 1 })] }),
          new Paragraph("3. Khoản đánh số tay vẫn giữ nguyên."),
          new Table({ rows: [new TableRow({ children: [new TableCell({ children: [new Paragraph("Ô một")] }), new TableCell({ children: [new Paragraph("Ô hai")] })] })] }),
        ],
      }],
    });
    const buf = await Packer.toBuffer(doc);
    const r = await readBuffer(buf, "mau.docx");
    expect(r.format).toBe("docx");
    expect(lines(r.text)).toEqual([
      "QUY ĐỊNH MẪU THỬ NGHIỆM",
      "Điều 1. Phạm vi thử nghiệm",
      "1. Khoản thử nghiệm thứ nhất.",
      "a) điểm thử thứ nhất;",
      "b) điểm thử thứ hai.",
      "2. Khoản thử nghiệm thứ hai.",
      "a) điểm thử mới.",
      "Điều 2. Đối tượng thử nghiệm",
      "Dòng một",
      "dòng hai sau ngắt dòng",
      "3. Khoản đánh số tay vẫn giữ nguyên.",
      "Ô một",
      "Ô hai",
    ]);
    expect(r.warnings).toEqual([]);
  });

  it("rejects a broken Word 97 file (as .doc or .docx), a non-zip .docx and TCVN3 text", async () => {
    const ole = Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(512)]);
    await expectReadError(readBuffer(ole, "cu.docx"), "corrupt", "cu.docx", /DOC hỏng hoặc có mật khẩu/);
    await expectReadError(readBuffer(ole, "cu.doc"), "corrupt", "cu.doc", /DOC hỏng hoặc có mật khẩu/);
    await expectReadError(readBuffer(Buffer.from("không phải zip"), "hong.docx"), "corrupt", "hong.docx");
    await expectReadError(readBuffer(Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.alloc(100)]), "hong2.docx"), "corrupt", "hong2.docx");
    const tcvn = new Document({ sections: [{ children: [
      new Paragraph("§iÒu 1. Ph¹m vi ®iÒu chØnh"),
      new Paragraph("NghÞ ®Þnh nµy quy ®Þnh vÒ c¸n bé, c«ng chøc."),
    ] }] });
    await expectReadError(readBuffer(await Packer.toBuffer(tcvn), "tcvn.docx"), "legacy_encoding", "tcvn.docx", /Unikey/);
  });
});

describe("HTML", () => {
  it("keeps only document text, one block per line, entities decoded", async () => {
    const html = `<!DOCTYPE html><html><head><title>Trang</title><style>p { color: red }</style></head><body>
      <header>Cổng thông tin</header><nav><a href="/">Trang chủ</a></nav>
      <h1>QUY ĐỊNH MẪU THỬ NGHIỆM</h1>
      <p>Điều 1. Phạm vi &amp; đối&nbsp;tượng &quot;thử&quot; &#7899;c l&#432;&#7907;ng</p>
      <script>document.write("<p>không được lấy</p>")</script>
      <div>1. Khoản thử nghiệm<br>a) điểm thử;<br/>b) điểm   thử
        nữa.</div>
      <ul><li>- ý một</li><li>+ ý hai</li></ul>
      <table><tr><td>Ô 1</td><td>Ô 2</td></tr></table>
      <footer>Bản quyền</footer></body></html>`;
    const file = await save("trang.HTM", html);
    const r = await readDocument(file);
    expect(r.format).toBe("html");
    expect(lines(r.text)).toEqual([
      "QUY ĐỊNH MẪU THỬ NGHIỆM",
      "Điều 1. Phạm vi & đối\u00a0tượng \"thử\" ớc lượng", // &nbsp; kept: quotes are verbatim
      "1. Khoản thử nghiệm",
      "a) điểm thử;",
      "b) điểm thử nữa.",
      "- ý một",
      "+ ý hai",
      "Ô 1\tÔ 2",
    ]);
    expect(r.text).not.toMatch(/Cổng|Trang chủ|Bản quyền|không được lấy|color/);
  });

  it("rejects a page with no text", async () => {
    await expectReadError(readBuffer(Buffer.from("<html><script>x()</script></html>"), "rong.html"), "empty", "rong.html");
  });
});

/** Windows-1258 bytes for a Vietnamese string: precomposed base letters plus combining tone marks. */
function encode1258(s: string): Buffer {
  const dec = new TextDecoder("windows-1258");
  const map = new Map<string, number>();
  for (let b = 0; b < 256; b++) map.set(dec.decode(new Uint8Array([b])), b);
  const bytes: number[] = [];
  for (const ch of s.normalize("NFC")) {
    if (map.has(ch)) { bytes.push(map.get(ch)!); continue; }
    const d = ch.normalize("NFD");
    const tone = [...d].find((c) => "\u0300\u0301\u0303\u0309\u0323".includes(c))!;
    bytes.push(map.get(d.replace(tone, "").normalize("NFC"))!, map.get(tone)!);
  }
  return Buffer.from(bytes);
}

describe("TXT and Markdown", () => {
  const sample = "QUY ĐỊNH MẪU THỬ NGHIỆM\nĐiều 1. Phạm vi thử nghiệm\n1. Khoản thử: người được hướng dẫn.\na) điểm thử.";

  it("decodes UTF-8 with BOM, UTF-16 LE/BE with BOM and NFD input to the same NFC text", async () => {
    const utf8 = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(sample)]);
    const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(sample, "utf16le")]);
    const be = Buffer.from(le);
    be.swap16();
    const nfd = Buffer.from(sample.normalize("NFD"));
    for (const [name, buf] of [["bom.txt", utf8], ["le.txt", le], ["be.txt", be], ["nfd.txt", nfd]] as const) {
      const r = await readDocument(await save(name, buf));
      expect(r.text, name).toBe(sample);
      expect(r.format).toBe("txt");
      expect(r.warnings, name).toEqual([]);
    }
  });

  it("normalises line ends, trailing spaces and blank-line runs", async () => {
    const r = await readBuffer(Buffer.from("\r\n\r\nDòng một   \r\nDòng hai\t\r\n\r\n\r\n\r\n\r\nDòng ba\r\n\r\n"), "a.txt");
    expect(r.text).toBe("Dòng một\nDòng hai\n\nDòng ba");
  });

  it("guesses Windows-1258 for non-UTF-8 bytes and says so", async () => {
    const r = await readBuffer(encode1258(sample), "cu.txt");
    expect(r.text).toBe(sample);
    expect(r.warnings.join(" ")).toMatch(/Windows-1258/);
  });

  it("strips Markdown syntax but keeps legal numbering", async () => {
    const md = "# QUY ĐỊNH MẪU THỬ NGHIỆM\n\n## **Điều 1.** Phạm vi\n\n1. Khoản *thử* nghiệm, xem [mục lục](http://x.vn).\n\na) điểm `thử`;\n\n* ý một\n+ ý hai\n\n```\n---\n```\n> trích dẫn\n\n2\\. Hết.";
    const r = await readBuffer(Buffer.from(md), "mau.md");
    expect(r.format).toBe("md");
    expect(lines(r.text)).toEqual([
      "QUY ĐỊNH MẪU THỬ NGHIỆM", "", "Điều 1. Phạm vi", "", "1. Khoản thử nghiệm, xem mục lục.", "", "a) điểm thử;", "",
      "- ý một", "+ ý hai", "", "trích dẫn", "", "2. Hết.",
    ]);
  });

  it("rejects empty and oversized files", async () => {
    await expectReadError(readDocument(await save("rong.txt", "")), "empty", "rong.txt");
    await expectReadError(readBuffer(Buffer.from(" \n\t\n\uFEFF"), "trang.txt"), "empty", "trang.txt");
    const big = await save("lon.txt", "Điều 1. ".repeat(100));
    await expectReadError(readDocument(big, { maxBytes: 100 }), "too_large", big, /quá lớn/);
    await expectReadError(readBuffer(Buffer.alloc(101, 65), "lon.md", { maxBytes: 100 }), "too_large", "lon.md");
    await expectReadError(readBuffer(Buffer.from("x"), "a.rtf"), "unsupported", "a.rtf");
  });
});

describe("legacy encodings and mojibake", () => {
  // Typed by hand: what TCVN3 (.VnTime) and VNI (VNI-Times) text looks like once read as Latin-1.
  const tcvn3 = "ChØ thÞ vÒ viÖc t¨ng c­êng c«ng t¸c b¶o vÖ c¸n bé. NghÞ ®Þnh nµy quy ®Þnh vÒ §iÒu 1 vµ ng­êi ®­îc h­íng dÉn.";
  const vni = "Chæ thò veà vieäc taêng cöôøng coâng taùc baûo veä caùn boä. Nghò ñònh naøy quy ñònh veà Ñieàu 1 vaø ngöôøi ñöôïc höôùng daãn.";

  it("detects TCVN3 and VNI but not Unicode Vietnamese, unaccented Vietnamese or Western languages", () => {
    expect(detectLegacyEncoding(tcvn3)).toBe("tcvn3");
    expect(detectLegacyEncoding("NghÞ ®Þnh sè 73/2023/N§-CP vÒ c¸n bé, ®\u2212îc")).toBe("tcvn3");
    expect(detectLegacyEncoding(vni)).toBe("vni");
    expect(detectLegacyEncoding("Chỉ thị về việc tăng cường công tác bảo vệ cán bộ. Nghị định này quy định về Điều 1.")).toBeNull();
    expect(detectLegacyEncoding("Chi thi ve viec tang cuong cong tac bao ve can bo theo Nghi dinh 73.")).toBeNull();
    expect(detectLegacyEncoding("The Ministry shall issue guidance on Article 5 of Decree 73/2023/ND-CP by 1 January.")).toBeNull();
    expect(detectLegacyEncoding("Où est-il ? Le maïs coûte cher à Noël ; l'été dernier nous avons goûté la crème brûlée, naïf et ému.")).toBeNull();
    expect(detectLegacyEncoding("Die Bürger müssen für die Öffentlichkeit größere Häuser bauen. Però non può farlo perché ciò è già più.")).toBeNull();
  });

  it("refuses TCVN3 and VNI files, whether stored as UTF-8 or as single bytes", async () => {
    for (const [name, buf] of [
      ["tcvn3-utf8.txt", Buffer.from(tcvn3)], ["tcvn3-bytes.txt", Buffer.from(tcvn3, "latin1")],
      ["vni-utf8.txt", Buffer.from(vni)], ["vni-bytes.txt", Buffer.from(vni, "latin1")],
    ] as const) {
      await expectReadError(readBuffer(buf, name), "legacy_encoding", name, /phông chữ cũ TCVN3\/VNI — hãy chuyển sang Unicode \(ví dụ bằng Unikey\) rồi nạp lại/);
    }
    await expectReadError(readBuffer(Buffer.from(`<p>${vni}</p>`), "vni.html"), "legacy_encoding", "vni.html");
  });

  it("repairs UTF-8 that was read as Latin-1, with a warning", async () => {
    const good = "Điều 1. Người được bảo vệ có quyền yêu cầu cơ quan hướng dẫn thủ tục.";
    const broken = Buffer.from(good).toString("latin1");
    expect(broken).toContain("Ä\u0090iá»\u0081u");
    expect(detectMojibake(broken)).toBe(true);
    expect(detectMojibake(good)).toBe(false);
    const r = await readBuffer(Buffer.from(broken), "hong.txt");
    expect(r.text).toBe(good);
    expect(r.warnings.join(" ")).toMatch(/lỗi mã hoá/);
    // overlong sequences (E0 80 80) look like mojibake but are not UTF-8: refused, not "repaired"
    const unfixable = Array.from({ length: 6 }, (_, i) => `chữ${i}à\u0080\u0080x`).join(" ");
    await expectReadError(readBuffer(Buffer.from(unfixable), "hong2.txt"), "legacy_encoding", "hong2.txt", /lỗi mã hoá/);
  });

  const realDirs = [sharedPath("corpora", "vn-legal-texts"), sharedPath("bench", "alqac2022", "corpus")].filter((d): d is string => !!d);
  it.skipIf(!realDirs.length)("never fires on the real Vietnamese texts in ../shared", async () => {
    const dirs = realDirs;
    const files: string[] = [];
    for (const d of dirs) {
      for (const e of await readdir(d, { recursive: true, withFileTypes: true })) {
        if (e.isFile() && e.name.endsWith(".txt")) files.push(path.join(e.parentPath, e.name));
      }
    }
    expect(files.length).toBeGreaterThan(100);
    const flagged: string[] = [];
    for (const f of files) {
      const r = await readDocument(f).catch((e: unknown) => (e instanceof Error ? e : new Error(String(e))));
      if (r instanceof Error) flagged.push(`${f}: ${r.message}`);
      else if (r.warnings.length || r.text !== r.text.normalize("NFC")) flagged.push(`${f}: ${r.warnings.join("; ")}`);
    }
    expect(flagged).toEqual([]);
  });
});
