/**
 * Counts as documents write them ("07 ngày", "tháng thứ 07", "mười lăm tuổi") reached from the
 * way people type them ("7 ngày", "tháng thứ 7", "15 tuổi"). The regulation is invented.
 */
import { describe, expect, it } from "vitest";
import { Engine } from "../src/engine/engine.js";
import { numberForms, numberWords } from "../src/retrieve/numbers.js";
import { buildCorpus } from "./helpers/engine.js";

describe("other written forms of a count", () => {
  it("spells 1–99 as legal texts do", () => {
    expect([1, 5, 10, 15, 18, 21, 24, 25, 40].map(numberWords)).toEqual(["một", "năm", "mười", "mười lăm", "mười tám", "hai mươi mốt", "hai mươi tư", "hai mươi lăm", "bốn mươi"]);
    expect(numberWords(0)).toBeUndefined();
    expect(numberWords(100)).toBeUndefined();
  });

  it("gives the padded, plain and spelled forms of a count with its unit, without marks when typed without", () => {
    expect(numberForms("trong 7 ngày").map((e) => e.text)).toEqual(["07 ngày", "bảy ngày"]);
    expect(numberForms("người 15 tuổi").map((e) => e.text)).toEqual(["mười lăm tuổi"]);
    expect(numberForms("nghi 05 ngay").map((e) => e.text)).toEqual(["5 ngay", "nam ngay"]);
    expect(numberForms("bầu tháng thứ 7, sếp bắt làm đêm").map((e) => e.text)).toEqual(["tháng thứ 07"]);
    expect(numberForms("trong 7 ngày")[0]).toMatchObject({ weight: 1, covers: ["7", "ngay"] });
  });

  it("leaves alone amounts, years, document numbers and counts of no known unit", () => {
    for (const q of ["phạt 5.000.000 đồng", "Nghị định 73/2023/NĐ-CP", "năm 2024", "mua 3 cái xe", "Điều 5"]) expect(numberForms(q), q).toEqual([]);
  });
});

const REGULATION = [
  "QUY CHẾ CÂU LẠC BỘ CỜ TƯỚNG MẪU (VĂN BẢN THỬ NGHIỆM, KHÔNG CÓ THẬT)",
  "Số: 03/2099/QC-TEST",
  "Điều 1. Hội viên",
  "Người từ đủ mười lăm tuổi trở lên được đăng ký làm hội viên câu lạc bộ cờ tướng mẫu.",
  "Điều 2. Trả lời đơn",
  "Trong thời hạn 07 ngày kể từ ngày nhận đơn, ban chủ nhiệm trả lời người nộp đơn.",
  "Điều 3. Sân chơi",
  "Sân chơi mở cửa từ sáng đến tối, trừ ngày lễ.",
].join("\n");

describe("typed counts on an invented regulation", () => {
  it("reach the article that writes the count its own way; without expansion they do not", async () => {
    const { engine, indexDir } = await buildCorpus({ "quy-che-co-tuong.txt": REGULATION });
    const plain = Engine.open({ indexDir, thesaurus: null });
    const article = async (e: Engine, q: string) => {
      const r = await e.ask(q);
      return r.status === "answer" ? r.citations[0].path.find((s) => s.type === "dieu")?.label : r.status;
    };
    for (const [q, want] of [
      ["15 tuổi đăng ký hội viên được không", "1"],
      ["nộp đơn thì trong 7 ngày có trả lời không", "2"],
    ] as const)
      expect(await article(engine, q), q).toBe(want);
    // Asked by its count alone, the rule is found only through the count's written form.
    for (const [q, want] of [
      ["đủ 15 tuổi được làm gì", "1"],
      ["7 ngày thì sao", "2"],
    ] as const) {
      expect(await article(engine, q), q).toBe(want);
      expect(await article(plain, q), q).toBe("not_found");
    }
  });
});
