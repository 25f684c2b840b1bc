/** Cleaning OCR output before structure parsing: slips in structure words fixed, noise dropped, words kept. */
import { describe, expect, it } from "vitest";
import { cleanOcrPage, fixHeading } from "../src/ingest/ocr/clean.js";
import { parseStructure } from "../src/structure/index.js";

describe("fixHeading", () => {
  it.each([
    ["Điều l. Phạm vi áp dụng", "Điều 1. Phạm vi áp dụng"],
    ["Ðiều 2. Đối tượng", "Điều 2. Đối tượng"], // U+00D0, OCR's look-alike of Đ
    ["Điều 1 . Phạm vi", "Điều 1. Phạm vi"],
    ["Điều1. Phạm vi", "Điều 1. Phạm vi"],
    ["Dieu 5. Giải thích từ ngữ", "Điều 5. Giải thích từ ngữ"],
    ["Điêu 12. Hiệu lực", "Điều 12. Hiệu lực"],
    ["Diều 1I. Trách nhiệm", "Điều 11. Trách nhiệm"],
    ["Chương 1I", "Chương II"],
    ["Chương l", "Chương I"],
    ["CHƯƠNGI NHỮNG QUY ĐỊNH CHUNG", "CHƯƠNG I NHỮNG QUY ĐỊNH CHUNG"],
    ["CHUONG III", "CHƯƠNG III"],
    ["Muc 2. Vườn ươm", "Mục 2. Vườn ươm"],
    ["Phan I", "Phần I"],
  ])("%s → %s", (ocr, fixed) => expect(fixHeading(ocr)).toBe(fixed));

  it.each(["Điều kiện cấp phép vườn ươm", "Điều 5 của Quy chế này", "Mục lục", "Phần thứ nhất", "điều 5 của quy chế", "Chương trình 135"])(
    "leaves a sentence alone: %s",
    (line) => expect(fixHeading(line)).toBe(line),
  );
});

describe("cleanOcrPage", () => {
  it("drops stamp and speckle lines and stray edge marks, keeps bullets, joins broken sentences", () => {
    const ocr = [
      "„ „ „",
      "..„ Điều l . Tưới cây",
      "| 1. Cây non được tưới hai lần mỗi ngày vào sáng",
      "sớm và chiều muộn. |",
      "_ —",
      ".2.Khi trời mưa quá ba giờ thì không tưới buổi chiều;",
      "- luống cây thử nghiệm được tưới theo sổ tay kinh tế-",
      "kỹ thuật của vườn.",
      "a) cây giống;",
      "12",
    ].join("\n");
    expect(cleanOcrPage(ocr).split("\n")).toEqual([
      "Điều 1. Tưới cây",
      "1. Cây non được tưới hai lần mỗi ngày vào sáng sớm và chiều muộn.",
      "2. Khi trời mưa quá ba giờ thì không tưới buổi chiều;",
      "- luống cây thử nghiệm được tưới theo sổ tay kinh tế-kỹ thuật của vườn.",
      "a) cây giống;",
      "12", // page numbers go with the PDF reader's own page-number rule
    ]);
  });

  it("lets the structure parser find the articles and clauses it finds in the typed text", () => {
    const typed = "Chương II\nVƯỜN ƯƠM\nĐiều 11. Tưới cây\n1. Cây non được tưới hai lần mỗi ngày.\n2. Khi trời mưa thì không tưới.\nĐiều 12. Bón phân\nPhân hữu cơ được bón mỗi tháng một lần.";
    const ocr = "Chương 1I\nVƯỜN ƯƠM\nĐiều 1l . Tưới cây\n1 .Cây non được tưới hai lần\nmỗi ngày.\n„ „\n2. Khi trời mưa thì không tưới.\nDieu 12. Bón phân\nPhân hữu cơ được bón mỗi tháng một lần.";
    const shape = (t: string) => parseStructure(t).units.map((u) => `${u.type} ${u.label} ${u.heading ?? ""} ${u.text}`.trim());
    expect(shape(cleanOcrPage(ocr))).toEqual(shape(typed));
  });
});
