/**
 * End to end: a folder with a PDF (real text layer, Vietnamese font), a DOCX, text files with a
 * manifest, a scan-like PDF and a corrupt file is ingested; questions get exact citations.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { makePdf, textDocx, textPdf } from "./helpers/files.js";
import { buildCorpus, type TestCorpus } from "./helpers/engine.js";
import { REPO_ROOT } from "./helpers/shared.js";
import { citationLabel } from "../src/model/citation.js";
import type { AskResult } from "../src/engine/types.js";

const FIXTURES = path.join(REPO_ROOT, "test/fixtures/engine");
const fixture = (name: string) => readFileSync(path.join(FIXTURES, name));

/** A plainly synthetic regulation, written to PDF and DOCX. */
const PDF_LINES = [
  "QUY ĐỊNH MẪU THỬ NGHIỆM (KHÔNG CÓ THẬT)",
  "Số: 42-QĐ/PDFTEST",
  "QUY ĐỊNH",
  "về giờ mở cửa thư viện mẫu",
  "Điều 1. Giờ mở cửa",
  "1. Thư viện mẫu mở cửa từ 7 giờ 30 đến 17 giờ các ngày làm việc.",
  "2. Ngày thứ Bảy thư viện mẫu chỉ mở cửa buổi sáng.",
  "Điều 2. Mượn sách",
  "Mỗi bạn đọc được mượn tối đa năm cuốn sách trong mười bốn ngày.",
];
const DOCX_LINES = [
  "BAN QUẢN LÝ NHÀ ĂN MẪU (KHÔNG CÓ THẬT)",
  "Số: 8-HD/DOCXTEST",
  "HƯỚNG DẪN",
  "về phân loại rác tại nhà ăn mẫu",
  "Điều 1. Phân loại",
  "1. Rác hữu cơ bỏ vào thùng màu xanh lá cây.",
  "2. Vỏ chai nhựa bỏ vào thùng màu vàng.",
  "Điều 2. Thu gom",
  "Rác được thu gom vào 20 giờ mỗi ngày.",
];

let c: TestCorpus;
const labels = (r: AskResult) => r.citations.map((x) => citationLabel(x));

beforeAll(async () => {
  c = await buildCorpus({
    "manifest.json": fixture("manifest.json"),
    "nghi-dinh-mau-999.txt": fixture("nghi-dinh-mau-999.txt"),
    "chi-thi-mau-77.txt": fixture("chi-thi-mau-77.txt"),
    "quy-dinh-thu-vien.pdf": await textPdf(PDF_LINES),
    "huong-dan-rac.docx": await textDocx(DOCX_LINES),
    "ban-scan.pdf": await makePdf((doc) => doc.rect(50, 50, 400, 600).fill("#888")),
    "hong.pdf": Buffer.from("%PDF-1.7\n this is not really a pdf"),
  });
});

describe("ingest report", () => {
  it("reports each file: kind, units, and failures named by file", () => {
    const by = Object.fromEntries(c.result.reports.map((r) => [r.file, r]));
    expect(by["nghi-dinh-mau-999.txt"]).toMatchObject({ status: "ok", docId: "nd-mau-999", layout: "legal", units: { dieu: 6, khoan: 10, diem: 5 } });
    expect(by["chi-thi-mau-77.txt"]).toMatchObject({ status: "ok", docId: "ct-mau-77", layout: "directive", units: { muc: 3 } });
    expect(by["quy-dinh-thu-vien.pdf"]).toMatchObject({ status: "ok", docId: "quy-dinh-thu-vien", kind: "Quy định", units: { dieu: 2 } });
    expect(by["huong-dan-rac.docx"]).toMatchObject({ status: "ok", docId: "huong-dan-rac", units: { dieu: 2, khoan: 2 } });
    expect(by["ban-scan.pdf"].status).toBe("failed");
    expect(by["ban-scan.pdf"].error).toMatch(/ban-scan\.pdf.*scan/);
    expect(by["hong.pdf"].status).toBe("failed");
    expect(by["hong.pdf"].error).toMatch(/hong\.pdf/);
  });

  it("lists manifest documents without a file as not loaded, never as an error", () => {
    const missing = c.result.catalog.find((d) => d.id === "qd-mau-5");
    expect(missing).toMatchObject({ loaded: false, number: "5-QĐ/TEST" });
    expect(c.engine.catalog().find((d) => d.id === "nd-mau-999")?.loaded).toBe(true);
  });

  it("reads metadata of unlisted files from their header", () => {
    const pdf = c.result.catalog.find((d) => d.id === "quy-dinh-thu-vien");
    expect(pdf).toMatchObject({ number: "42-QĐ/PDFTEST", kind: "Quy định" });
  });
});

describe("answers with citations", () => {
  it("answers from the PDF with the clause cited and the words quoted", async () => {
    const r = await c.engine.ask("Thư viện mở cửa mấy giờ?");
    expect(r.status).toBe("answer");
    expect(labels(r)[0]).toBe("khoản 1 Điều 1 — Quy định 42-QĐ/PDFTEST");
    expect(r.citations[0].quote).toContain("7 giờ 30 đến 17 giờ");
  });

  it("answers from the DOCX", async () => {
    const r = await c.engine.ask("vo chai nhua bo vao thung mau gi");
    expect(labels(r)[0]).toBe("khoản 2 Điều 1 — Hướng dẫn 8-HD/DOCXTEST");
  });

  it("cites a point of a clause", async () => {
    const r = await c.engine.ask("thủ trưởng kiểm tra hàng rào bảo vệ vườn ươm");
    expect(labels(r)[0]).toBe("điểm đ khoản 2 Điều 4 — Nghị định 999/2099/NĐ-TEST");
  });

  it("quotes only words that are in the cited unit", async () => {
    for (const q of ["cây giống đạt chuẩn là gì", "mỗi cơ quan trồng mới bao nhiêu cây", "tái phạm lần thứ hai bị xử lý thế nào"]) {
      const r = await c.engine.ask(q);
      expect(r.status).toBe("answer");
      for (const cit of r.citations) {
        const full = c.engine.unitText(cit.doc.id, cit.unit)!.text;
        expect(full).toContain(cit.quote);
      }
      for (const s of r.answer) expect(r.citations[s.citations[0]].quote).toContain(s.text);
    }
  });

  it("answers without tone marks like with them", async () => {
    const a = await c.engine.ask("vườn ươm phải tưới nước mấy lần mỗi ngày");
    const b = await c.engine.ask("vuon uom phai tuoi nuoc may lan moi ngay");
    expect(labels(a)[0]).toBe("khoản 1 Điều 3 — Nghị định 999/2099/NĐ-TEST");
    expect(labels(b)[0]).toBe(labels(a)[0]);
  });

  it("cites a directive section", async () => {
    const r = await c.engine.ask("ai theo dõi đôn đốc thực hiện chỉ thị mẫu 77");
    expect(labels(r)[0]).toBe("mục 3 — Chỉ thị 77-CT/TEST");
  });

  it("says so plainly when the documents do not answer", async () => {
    for (const q of ["Giá vàng hôm nay bao nhiêu?", "công thức nấu phở bò", "???", ""]) {
      const r = await c.engine.ask(q);
      expect(r.status === "not_found" || r.status === "invalid").toBe(true);
      expect(r.citations).toEqual([]);
      expect(r.reason).toBeTruthy();
    }
  });

  it("warns when the cited document is superseded", async () => {
    const r = await c.engine.ask("cây giống đạt chuẩn là gì");
    expect(r.warnings.map((w) => w.code)).toContain("superseded");
    expect(r.warnings[0].message).toContain("Nghị định mẫu 1000/2100/NĐ-TEST");
  });

  it("says a listed document is not loaded instead of answering from others", async () => {
    const r = await c.engine.ask("quy định mẫu 5 nói gì về vườn ươm");
    expect(r.status).toBe("not_found");
    expect(r.reason).toMatch(/chưa được nạp/);
  });

  it("truncates a huge question and says so", async () => {
    const r = await c.engine.ask("vườn ươm ".repeat(20000));
    expect(r.warnings.map((w) => w.code)).toContain("question_truncated");
  });
});

describe("units asked for directly", () => {
  it.each([
    ["Điều 4 nghị định mẫu 999", "Điều 4 — Nghị định 999/2099/NĐ-TEST"],
    ["khoan 2 dieu 4 ndm 999", "khoản 2 Điều 4 — Nghị định 999/2099/NĐ-TEST"],
    ["điểm đ khoản 2 điều 4 nghị định mẫu 999", "điểm đ khoản 2 Điều 4 — Nghị định 999/2099/NĐ-TEST"],
    ["mục 2 chỉ thị mẫu 77", "mục 2 — Chỉ thị 77-CT/TEST"],
  ])("%s", async (q, label) => {
    const r = await c.engine.ask(q);
    expect(r.status).toBe("unit");
    expect(labels(r)).toEqual([label]);
  });

  it("returns the unit's whole text with its clause numbers", async () => {
    const r = await c.engine.ask("Điều 4 nghị định mẫu 999");
    expect(r.citations[0].quote).toContain("2. Kiểm tra vườn ươm");
    expect(r.citations[0].quote).toContain("đ) Hàng rào bảo vệ vườn ươm.");
  });

  it("says when the named unit does not exist", async () => {
    const r = await c.engine.ask("Điều 40 nghị định mẫu 999");
    expect(r.status).toBe("not_found");
    expect(r.reason).toMatch(/Điều 40/);
  });
});

describe("follow-up questions", () => {
  it("continues the article under discussion", async () => {
    const first = await c.engine.ask("Điều 3 nghị định mẫu 999");
    const clause = await c.engine.ask("còn khoản 3 thì sao?", { focus: first.focus });
    expect(labels(clause)).toEqual(["khoản 3 Điều 3 — Nghị định 999/2099/NĐ-TEST"]);
    const next = await c.engine.ask("điều tiếp theo", { focus: first.focus });
    expect(labels(next)).toEqual(["Điều 4 — Nghị định 999/2099/NĐ-TEST"]);
    const more = await c.engine.ask("nói rõ hơn", { focus: clause.focus });
    expect(more.citations[0].quote).toContain("chịu trách nhiệm trước thủ trưởng");
  });

  it("steps by the unit named: 'điều tiếp theo' after a khoản is the next article", async () => {
    const clause = await c.engine.ask("khoản 2 điều 3 nghị định mẫu 999");
    const next = await c.engine.ask("điều tiếp theo", { focus: clause.focus });
    expect(labels(next)).toEqual(["Điều 4 — Nghị định 999/2099/NĐ-TEST"]);
    const nextClause = await c.engine.ask("khoản tiếp theo", { focus: clause.focus });
    expect(labels(nextClause)).toEqual(["khoản 3 Điều 3 — Nghị định 999/2099/NĐ-TEST"]);
  });

  it("'nói rõ hơn' shows the whole article around a clause, not the same clause again", async () => {
    const clause = await c.engine.ask("khoản 2 điều 3 nghị định mẫu 999");
    const more = await c.engine.ask("nói rõ hơn", { focus: clause.focus });
    expect(labels(more)).toEqual(["Điều 3 — Nghị định 999/2099/NĐ-TEST"]);
    expect(more.citations[0].quote).toContain("tưới nước ít nhất hai lần");
    expect(more.citations[0].quote).toContain("chịu trách nhiệm trước thủ trưởng");
  });

  it("says an article has no such clause instead of jumping elsewhere", async () => {
    const first = await c.engine.ask("Điều 5 nghị định mẫu 999");
    const r = await c.engine.ask("còn khoản 3 thì sao?", { focus: first.focus });
    expect(r.status).toBe("not_found");
    expect(r.reason).toBe("Điều 5 — Nghị định 999/2099/NĐ-TEST không có khoản 3.");
  });
});

describe("answers at the right size", () => {
  it("shows a list with its items, not only the sentence that opens it", async () => {
    const r = await c.engine.ask("thủ trưởng đơn vị kiểm tra vườn ươm theo những nội dung nào");
    expect(r.status).toBe("answer");
    expect(labels(r)[0]).toBe("khoản 2 Điều 4 — Nghị định 999/2099/NĐ-TEST");
    expect(r.citations[0].quote).toContain("a) Số lượng cây giống hiện có;");
    expect(r.citations[0].quote).toContain("đ) Hàng rào bảo vệ vườn ươm.");
  });

  it("shows a list item after the sentence that opens its list", async () => {
    const r = await c.engine.ask("kiểm tra tình trạng sâu bệnh của cây con");
    const c0 = r.citations[0];
    expect(c0.unitId).toBe("dieu-4/khoan-2/diem-b");
    expect(c0.leadIn).toBe("Kiểm tra vườn ươm theo các nội dung sau đây:");
  });

  it("answers a question that is an article's title with the whole article", async () => {
    const r = await c.engine.ask("Trách nhiệm của thủ trưởng đơn vị là gì?");
    expect(labels(r)[0]).toBe("Điều 4 — Nghị định 999/2099/NĐ-TEST");
    expect(r.citations[0].quote).toContain("1. Bố trí kinh phí");
    expect(r.citations[0].quote).toContain("3. Khen thưởng");
  });
});

describe("the gate weighs what is asked, not how it is asked", () => {
  it.each([
    ["a statement to judge", "Vườn ươm phải được tưới nước ít nhất hai lần mỗi ngày vào mùa khô, đúng hay sai?", "khoản 1 Điều 3"],
    ["a multiple-choice stem", "Người làm chết cây giống do không tưới nước thì bị xử lý thế nào? A. Bị nhắc nhở bằng văn bản B. Bị phạt tiền C. Bị buộc thôi việc D. Không bị xử lý", "khoản 1 Điều 5"],
    ["a short story", "Anh Nguyễn Văn Bình phụ trách vườn ươm của đơn vị Z. Trong mùa khô, anh B quên tưới nước nên làm chết cây giống. Hỏi: người làm chết cây giống do không tưới nước thì bị xử lý thế nào?", "khoản 1 Điều 5"],
  ])("answers %s", async (_form, q, unit) => {
    const r = await c.engine.ask(q);
    expect(r.status).toBe("answer");
    expect(labels(r)[0]).toBe(`${unit} — Nghị định 999/2099/NĐ-TEST`);
  });

  it("still refuses a question whose informative words no passage treats", async () => {
    expect((await c.engine.ask("Đội tuyển nào vô địch World Cup 2022, đúng hay sai?")).status).toBe("not_found");
  });
});

describe("explain", () => {
  it("accounts for every hit's score term by term, with its gate", async () => {
    const r = await c.engine.explain("**người làm chết cây giống** do không tưới nước bị xử lý thế nào?");
    expect(r.question).not.toContain("*");
    expect(r.answerable).toBe(true);
    expect(r.hits[0].label).toBe("Điều 5 — Nghị định 999/2099/NĐ-TEST");
    expect(r.hits[0].gate).toBe("cited");
    for (const h of r.hits) {
      const parts = h.explanation.details!;
      // The parts add up to the score the ranking used.
      expect(parts.reduce((s, p) => s + p.value, 0)).toBeCloseTo(h.explanation.value, 3);
      expect(parts[0].details!.every((t) => /^(body|title) «/.test(t.description))).toBe(true);
    }
    const answer = await c.engine.ask("người làm chết cây giống do không tưới nước bị xử lý thế nào?");
    expect(answer.citations[0].path.find((s) => s.type === "dieu")?.label).toBe("5");
  });

  it("says when no hit passes the coverage gate", async () => {
    const r = await c.engine.explain("Giá vàng hôm nay bao nhiêu?");
    expect(r.answerable).toBe(false);
    expect(r.hits.every((h) => h.gate === "below coverage")).toBe(true);
  });
});
