/**
 * Thesaurus of everyday ↔ document Vietnamese: the file format (bad lines named by line), how a
 * question is expanded, and what expansion does to answers on a plainly invented regulation.
 */
import { writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { Engine } from "../src/engine/engine.js";
import { repositoryThesaurus, Thesaurus, ThesaurusError } from "../src/retrieve/thesaurus.js";
import { buildCorpus } from "./helpers/engine.js";

const texts = (t: Thesaurus, q: string) => t.expand(q).map((e) => e.text);

describe("thesaurus file format", () => {
  it("reads one-way entries, equivalents, several phrases, weights and comments", () => {
    const t = Thesaurus.parse(
      [
        "# a comment line",
        "",
        "nghỉ đẻ; nghỉ sinh => nghỉ thai sản; chế độ thai sản   # after an entry",
        "bố = ba má = cha",
        "dám làm => năng động, sáng tạo | 0.4",
      ].join("\n"),
    );
    expect(t.size).toBe(2 + 3 + 1);
    expect(texts(t, "nghỉ sinh mấy tháng")).toEqual(["nghỉ thai sản", "chế độ thai sản"]);
    expect(texts(t, "cha tôi")).toEqual(["bố", "ba má"]);
    expect(t.expand("người dám làm")).toEqual([{ text: "năng động, sáng tạo", weight: 0.4, covers: ["dam", "lam"] }]);
    // One way: the document's phrase does not bring the everyday one back.
    expect(texts(t, "nghỉ thai sản")).toEqual([]);
  });

  it.each([
    ["nghỉ đẻ nghỉ thai sản", "thiếu «=>»"],
    ["nghỉ đẻ => nghỉ thai sản | nặng", "trọng số"],
    ["nghỉ đẻ => nghỉ thai sản | 1.5", "trọng số"],
    ["nghỉ đẻ => nghỉ thai sản | 0", "trọng số"],
    ["nghỉ đẻ => ", "thiếu cụm từ"],
    ["nghỉ đẻ;; đẻ => sinh con", "thiếu cụm từ"],
    ["a => b => c", "một dấu «=>»"],
    ["a = b => c", "không dùng «=»"],
    ["nghỉ đẻ. nghỉ sinh => nghỉ thai sản", "dấu câu"],
  ])("a bad line gets an error naming the file and line: %s", (line, why) => {
    const text = `# đầu tệp\nbố = cha\n${line}\n`;
    expect(() => Thesaurus.parse(text, "corpus/tu-dien.txt")).toThrow(ThesaurusError);
    expect(() => Thesaurus.parse(text, "corpus/tu-dien.txt")).toThrow(new RegExp(`^corpus/tu-dien\\.txt:3: .*${why}`));
  });

  it("the repository default parses and covers several hundred phrases across the domain", () => {
    const t = repositoryThesaurus();
    expect(t.size).toBeGreaterThan(800);
    for (const [q, want] of [
      ["họp chi bộ mấy lần một tháng", "sinh hoạt chi bộ"],
      ["điều kiện vào Đảng", "kết nạp đảng viên"],
      ["xếp loại cuối năm thế nào", "đánh giá, xếp loại chất lượng hằng năm"],
      ["sổ đỏ bị mất", "giấy chứng nhận quyền sử dụng đất"],
      ["bằng lái hết hạn", "giấy phép lái xe"],
      ["CBCCVC đi muộn", "cán bộ, công chức, viên chức"],
      ["con nít đi xe", "trẻ em"],
      ["chơi hụi bị giật", "họ, hụi, biêu, phường"],
      ["mua phải xe ăn cắp", "tài sản do người khác phạm tội mà có"],
      ["bị lén ghi âm", "cố ý nghe, ghi âm, ghi hình trái phép các cuộc đàm thoại"],
      ["đàn ông mấy tuổi về hưu", "lao động nam"],
    ] as const)
      expect(texts(t, q)).toContain(want);
  });
});

describe("expanding a question", () => {
  const t = Thesaurus.parse(
    ["nghỉ đẻ => nghỉ thai sản", "má tôi => mẹ", "nghỉ => tạm nghỉ | 0.5", "UBND = Ủy ban nhân dân", "TU => Thành ủy", "tăng ca => làm thêm giờ"].join("\n"),
  );

  it("matches on folded text when the user typed no tone marks", () => {
    expect(texts(t, "nghi de duoc bao lau")).toContain("nghỉ thai sản");
    expect(texts(t, "NGHỈ ĐẺ")).toContain("nghỉ thai sản");
  });

  it("with tone marks typed, the marks must agree", () => {
    expect(texts(t, "má tôi ốm")).toEqual(["mẹ"]);
    expect(texts(t, "ma tôi ốm")).toEqual([]);
  });

  it("a short abbreviation counts only in capitals; a longer one in any case", () => {
    expect(texts(t, "TU chỉ đạo")).toEqual(["Thành ủy"]);
    expect(texts(t, "phạt tu bao lâu")).toEqual([]);
    expect(texts(t, "ubnd xã")).toEqual(["Ủy ban nhân dân"]);
    expect(texts(t, "Ủy ban nhân dân xã")).toEqual(["UBND"]);
  });

  it("a phrase also matches with up to two words inside it, in order, at a lower weight", () => {
    const g = Thesaurus.parse(["chó cắn => súc vật gây ra", "làm mấy tiếng => thời giờ làm việc | 0.5", "TU => Thành ủy"].join("\n"));
    const weightOf = (q: string, text: string) => g.expand(q).find((e) => e.text === text)?.weight;
    expect(weightOf("chó cắn người", "súc vật gây ra")).toBe(1);
    expect(weightOf("chó nhà nuôi cắn người", "súc vật gây ra")).toBeCloseTo(0.8);
    expect(weightOf("làm tối đa mấy tiếng", "thời giờ làm việc")).toBeCloseTo(0.4);
    // too far apart, out of order, across a sentence end, or with other tone marks: no match
    expect(weightOf("chó nhà hàng xóm nuôi cắn", "súc vật gây ra")).toBeUndefined();
    expect(weightOf("cắn con chó", "súc vật gây ra")).toBeUndefined();
    expect(weightOf("nuôi chó. Bị cắn", "súc vật gây ra")).toBeUndefined();
    expect(weightOf("chó nhà nuôi cần", "súc vật gây ra")).toBeUndefined();
    expect(weightOf("cho nha nuoi can", "súc vật gây ra")).toBeCloseTo(0.8);
  });

  it("the longest phrase wins at a position; its shorter prefix is not expanded", () => {
    expect(texts(t, "nghỉ đẻ")).toEqual(["nghỉ thai sản"]);
    expect(texts(t, "nghỉ ốm")).toEqual(["tạm nghỉ"]);
  });

  it("a phrase is not matched across punctuation, and a target the question already has adds nothing", () => {
    expect(texts(t, "tăng. ca")).toEqual([]);
    expect(texts(t, "tăng ca có phải làm thêm giờ không")).toEqual([]);
  });
});

const REGULATION = [
  "QUY CHẾ NHÂN SỰ VƯỜN ƯƠM MẪU (VĂN BẢN THỬ NGHIỆM, KHÔNG CÓ THẬT)",
  "Số: 01/2099/QC-TEST",
  "Chương I",
  "CHẾ ĐỘ LÀM VIỆC",
  "Điều 1. Nghỉ thai sản",
  "Người làm vườn ươm là nữ được nghỉ thai sản trước và sau khi sinh con là 06 tháng, hưởng nguyên lương.",
  "Điều 2. Làm thêm giờ",
  "Người làm vườn ươm làm thêm giờ được trả thêm ít nhất 50% tiền công của giờ làm việc bình thường.",
  "Điều 3. Tưới cây giống",
  "Cây giống trong vườn ươm được tưới nước hai lần mỗi ngày vào mùa khô.",
  "Điều 4. Nghỉ hằng năm",
  "Người làm vườn ươm làm đủ 12 tháng được nghỉ hằng năm 12 ngày; chưa đủ 12 tháng thì số ngày nghỉ tính theo tháng làm việc.",
  "Điều 5. Nghỉ lễ",
  "Mỗi tháng người làm vườn ươm được nghỉ thêm một ngày vào tuần cuối tháng; ngày nghỉ lễ do thủ trưởng đơn vị mẫu công bố.",
].join("\n");

describe("expansion in answers (invented regulation)", () => {
  it("everyday words reach the documents' terms; the answer quotes the document and shows the question as typed", async () => {
    const { engine } = await buildCorpus({ "quy-che-mau.txt": REGULATION });
    const r = await engine.ask("Nghỉ đẻ được mấy tháng?");
    expect(r.status).toBe("answer");
    expect(r.question).toBe("Nghỉ đẻ được mấy tháng?");
    expect(r.citations[0].path.find((s) => s.type === "dieu")?.label).toBe("1");
    expect(REGULATION).toContain(r.citations[0].quote);
    expect(r.citations[0].quote).toContain("nghỉ thai sản");
    const folded = await engine.ask("tang ca duoc tra them bao nhieu");
    expect(folded.citations[0]?.path.find((s) => s.type === "dieu")?.label).toBe("2");
  });

  it("without the thesaurus the same everyday question is refused", async () => {
    const { indexDir } = await buildCorpus({ "quy-che-mau.txt": REGULATION });
    const plain = Engine.open({ indexDir, thesaurus: null });
    expect((await plain.ask("Nghỉ đẻ được mấy tháng?")).status).toBe("not_found");
  });

  it("the organisation's tu-dien.txt is merged with the default, and is not ingested as a document", async () => {
    const { corpusDir, indexDir, result } = await buildCorpus({
      "quy-che-mau.txt": REGULATION,
      "tu-dien.txt": "# từ điển riêng của vườn ươm mẫu\ncây non; cây bé => cây giống\n",
    });
    expect(result.reports.map((f) => path.basename(f.file))).toEqual(["quy-che-mau.txt"]);
    const engine = Engine.open({ indexDir });
    const r = await engine.ask("cây non tưới mấy lần?");
    expect(r.citations[0]?.path.find((s) => s.type === "dieu")?.label).toBe("3");
    // The default still applies beside the organisation's entries.
    expect((await engine.ask("Nghỉ đẻ được mấy tháng?")).status).toBe("answer");
    writeFileSync(path.join(corpusDir, "tu-dien.txt"), "cây non => cây giống\ndòng hỏng\n");
    expect(() => Engine.open({ indexDir })).toThrow(/tu-dien\.txt:2: /);
  });

  it("a question reaching the documents only through a weak expansion is refused", async () => {
    const { indexDir } = await buildCorpus({ "quy-che-mau.txt": REGULATION });
    const weak = Thesaurus.parse("chuyện phiếm => tưới nước | 0.3\nchuyện phiếm => cây giống | 0.3");
    const engine = Engine.open({ indexDir, thesaurus: weak });
    expect((await engine.ask("chuyện phiếm thế nào?")).status).toBe("not_found");
    const strong = Engine.open({ indexDir, thesaurus: Thesaurus.parse("chuyện phiếm => tưới nước") });
    expect((await strong.ask("chuyện phiếm thế nào?")).status).toBe("answer");
    // The expansion's words are all in Điều 3, but scattered: its phrase is not there.
    const scattered = Engine.open({ indexDir, thesaurus: Thesaurus.parse("chuyện phiếm => mùa nước giống") });
    expect((await scattered.ask("chuyện phiếm thế nào?")).status).toBe("not_found");
  });
});
