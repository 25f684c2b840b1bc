/**
 * Wrong options of the same kind as the key, on a plainly invented regulation ("Quy chế vườn ươm
 * mẫu"): a list whose lead names no kind of item borrows only from lists written alike in its own
 * chapter; a lead that names its kind at its head or after "các" keeps its items to that kind; and a
 * body that another sentence makes right in other words is never a wrong option.
 */
import { beforeAll, describe, expect, it } from "vitest";
import type { Engine } from "../src/engine/engine.js";
import { buildCorpus } from "./helpers/engine.js";
import { generateQuiz } from "../src/quiz/index.js";
import { sameAnswer } from "../src/quiz/compare.js";
import { saidOfElsewhere } from "../src/quiz/elsewhere.js";
import { findLists } from "../src/quiz/lists.js";
import { parseStructure } from "../src/structure/index.js";
import { checkQuiz } from "./quiz-check.js";

const TEXT = `QUY CHẾ VƯỜN ƯƠM MẪU (tài liệu giả lập)
Chương I
QUY ĐỊNH CHUNG
Điều 1. Khu vực của vườn ươm
Vườn ươm mẫu của thôn gồm có:
1. Khu luống ươm cây lúa nếp;
2. Khu nhà kính trồng hoa hồng;
3. Kho chứa phân bón hữu cơ;
4. Sân phơi hạt giống ngô.
Điều 2. Dụng cụ của vườn ươm
Dụng cụ dùng chung của vườn ươm gồm có:
1. Bình tưới bằng nhựa xanh;
2. Xe cút kít chở đất;
3. Cuốc xới luống ươm;
4. Kéo cắt tỉa cành non.
Điều 3. Người làm vườn
Người làm vườn phải xới đất trước khi gieo, phải bón lót trước một ngày, phải tưới ẩm mỗi sáng; việc chọn hạt, việc rải hạt và việc phủ lớp đất do tổ gieo hạt làm; tổ gieo hạt phải kết thúc việc gieo trong ngày, phải ghi sổ, phải dọn sạch cỏ và phải cất dụng cụ; tổ trưởng phải ghi nhận số hạt và phải đánh giá độ ẩm.
Chương II
CÔNG VIỆC GIEO HẠT
Điều 4. Các bước gieo hạt
1. Chuẩn bị luống ươm:
a) Xới đất trên luống ươm;
b) Bón lót phân hữu cơ;
c) Tưới ẩm mặt luống.
2. Gieo hạt trên luống:
a) Chọn hạt giống chắc mẩy;
b) Rải hạt đều trên luống;
c) Phủ lớp đất mỏng lên hạt;
d) Kết thúc việc gieo hạt trên luống.
3. Kết thúc vụ gieo hạt:
a) Ghi sổ số hạt đã gieo;
b) Dọn sạch cỏ quanh luống;
c) Cất dụng cụ vào kho chung.
4. Biên bản vụ gieo hạt có các nội dung chính:
a) Ghi nhận số hạt đã gieo trên luống;
b) Đánh giá độ ẩm của luống sau vụ gieo;
c) Hạn chế của vụ gieo và cách khắc phục.
Điều 5. Biểu quyết
1. Ủy ban nhân dân cấp xã quyết định các việc của vườn ươm thuộc nhiệm vụ của mình bằng hình thức biểu quyết kín.
2. Quyết định của Hội đồng nhân dân về vườn ươm phải được quá nửa tổng số đại biểu biểu quyết kín tán thành.
Điều 6. Khen thưởng và chi tiêu
1. Chủ tịch Ủy ban nhân dân cấp tỉnh quyết định khen thưởng người làm vườn giỏi.
2. Sở Tư pháp hướng dẫn việc ghi sổ vườn ươm của thôn.
3. Thủ tướng Chính phủ quyết định ngày hội vườn ươm toàn quốc.
4. Bộ Tài chính quy định mức chi cho vườn ươm mẫu.
5. Hội đồng nhân dân cấp xã kiểm tra việc chi tiêu của vườn ươm.
6. Chủ tịch Ủy ban nhân dân cấp xã kiểm tra sổ khen thưởng của thôn.
7. Khi hết mùa gieo thì Hội đồng nhân dân, Ủy ban nhân dân cấp xã kiểm tra sổ vườn ươm.
Điều 7. Hướng dẫn
Chính phủ hướng dẫn hoạt động của Ủy ban nhân dân về vườn ươm mẫu.
Điều 8. Các trường hợp đặc biệt
1. Trường hợp Hội đồng nhân dân vắng Chủ tịch thì Trưởng thôn chủ trì buổi tổng kết vườn ươm của Hội đồng nhân dân cấp xã.
2. Trường hợp mưa lớn kéo dài thì Tổ kỹ thuật phải che luống ươm bằng lưới.
3. Trường hợp sâu hại lan rộng thì Trưởng thôn phải báo cáo Ủy ban nhân dân cấp xã.
4. Trường hợp hạt giống không nảy mầm thì Tổ gieo hạt phải gieo lại trong ba ngày.
`;

const AREAS = ["Khu luống ươm cây lúa nếp", "Khu nhà kính trồng hoa hồng", "Kho chứa phân bón hữu cơ", "Sân phơi hạt giống ngô"];
const TOOLS = ["Bình tưới bằng nhựa xanh", "Xe cút kít chở đất", "Cuốc xới luống ươm", "Kéo cắt tỉa cành non"];
const STEPS = ["Xới đất trên luống ươm", "Bón lót phân hữu cơ", "Tưới ẩm mặt luống", "Chọn hạt giống chắc mẩy", "Rải hạt đều trên luống", "Phủ lớp đất mỏng lên hạt", "Kết thúc việc gieo hạt trên luống", "Ghi sổ số hạt đã gieo", "Dọn sạch cỏ quanh luống", "Cất dụng cụ vào kho chung", "Ghi nhận số hạt đã gieo trên luống", "Đánh giá độ ẩm của luống sau vụ gieo"];
const FINDING = "Hạn chế của vụ gieo và cách khắc phục";

let engine: Engine;

beforeAll(async () => {
  ({ engine } = await buildCorpus({ "quy-che-vuon-uom-mau.txt": TEXT }));
});

describe("wrong options of the key's kind", () => {
  it("answers a list naming no kind only with items written alike in its own chapter, or asks nothing", async () => {
    let asked = 0;
    for (let seed = 1; seed <= 12; seed++) {
      const quiz = await generateQuiz(engine, { count: 30, seed, kinds: ["mcq", "not"] });
      checkQuiz(engine, quiz);
      for (const q of quiz.filter((x) => x.fact === "list-item")) {
        asked++;
        const own = [[...AREAS, ...TOOLS], [...STEPS, FINDING]].find((group) => group.includes(q.kind === "not" ? q.options.find((o) => o !== q.answer)! : q.answer))!;
        // Steps (chương II, verbs) never answer areas or tools (chương I, things), nor the other way round.
        for (const o of q.options) expect(own, `${q.stem} → ${o}`).toContain(o);
        // A finding written as a thing among steps is answered with things, or not asked.
        if (q.kind === "mcq" && q.answer === FINDING) for (const o of q.options.filter((x) => x !== FINDING)) expect(STEPS, o).not.toContain(o);
        // Nor one repeating a short lead's words: "Kết thúc việc gieo hạt …" would look right for "Kết thúc vụ gieo hạt".
        if (q.stem.includes("Kết thúc vụ gieo hạt")) expect(q.options.filter((o) => o !== q.answer || q.kind === "not")).not.toContain("Kết thúc việc gieo hạt trên luống");
      }
    }
    expect(asked).toBeGreaterThan(0);
  });

  it("never offers a body that another sentence makes right in other words", async () => {
    let asked = 0;
    for (let seed = 1; seed <= 20; seed++) {
      for (const q of await generateQuiz(engine, { count: 30, seed, kinds: ["mcq", "truefalse"] })) {
        if (!q.quote.includes("bằng hình thức biểu quyết kín")) continue;
        asked++;
        expect([...q.options, q.stem].join(" | ")).not.toContain("Hội đồng nhân dân cấp xã");
      }
    }
    expect(asked).toBeGreaterThan(0);
  });

  it("never offers an organ of the body the stem names (\"Chủ tịch Ủy ban nhân dân\" to lead the Ủy ban's work), nor blanks one of two bodies after \"thì\"", async () => {
    let asked = 0;
    for (let seed = 1; seed <= 20; seed++) {
      for (const q of await generateQuiz(engine, { count: 40, seed, kinds: ["mcq", "truefalse"] })) {
        if (q.quote.includes("hướng dẫn hoạt động của Ủy ban nhân dân")) {
          asked++;
          expect([...q.options, q.stem].join(" | ")).not.toContain("Chủ tịch Ủy ban nhân dân");
        }
        expect(q.quote, "either body would fill the blank").not.toContain("Hội đồng nhân dân, Ủy ban nhân dân cấp xã kiểm tra sổ");
      }
    }
    expect(asked).toBeGreaterThan(0);
  });

  it("tells no case that drops the level its consequence holds for", async () => {
    let scenarios = 0;
    for (let seed = 1; seed <= 12; seed++) {
      for (const q of await generateQuiz(engine, { count: 10, seed, kinds: ["scenario"] })) {
        scenarios++;
        expect(q.stem).not.toContain("vắng Chủ tịch");
      }
    }
    expect(scenarios).toBeGreaterThan(0);
  });

  it("takes \"yêu cầu\" for no grade: \"Mức bồi hoàn\" is too like \"Thiệt hại và mức yêu cầu bồi hoàn\" to be its wrong twin", () => {
    expect(sameAnswer("Mức bồi hoàn", "Thiệt hại và mức yêu cầu bồi hoàn")).toBe(true);
    expect(sameAnswer("Xếp loại yếu", "Xếp loại khá")).toBe(false);
  });

  it("reads the sentence that says it of another body: that body and the asked verb with a rare word pair of the asked sentence", () => {
    const docs = [{ units: parseStructure(TEXT).units }] as Parameters<typeof saidOfElsewhere>[0];
    const check = saidOfElsewhere(docs, "", " quyết định các việc của vườn ươm thuộc nhiệm vụ của mình bằng hình thức biểu quyết kín.");
    // Said of the Hội đồng nhân dân, it is said of it at every level.
    expect(check("Hội đồng nhân dân cấp xã")).toBe(true);
    expect(check("Sở Tư pháp")).toBe(false);
    // The same verb alone ties nothing: the Thủ tướng decides something else.
    expect(check("Thủ tướng Chính phủ")).toBe(false);
  });
});

describe("what a lead says its items are", () => {
  const lead = (l: string) =>
    findLists({ units: parseStructure(`QUY CHẾ VƯỜN ƯƠM MẪU\nĐiều 1. Thử\n${l}\n1. Mục thứ nhất của vườn;\n2. Mục thứ hai của vườn;\n3. Mục thứ ba của vườn.\n`).units } as Parameters<typeof findLists>[0])[0]?.noun;
  it("takes the kind from the lead's head, a file's papers, or the noun after \"các\" at its end", () => {
    expect(lead("Các hình thức công bố kết quả gieo hạt:")).toBe("hình thức");
    expect(lead("Nghĩa vụ của người làm vườn:")).toBe("nghĩa vụ");
    expect(lead("Hồ sơ xin nhận luống ươm:")).toBe("giấy tờ");
    expect(lead("Một trong các giấy tờ sau đây chứng minh người làm vườn của thôn:")).toBe("giấy tờ");
    expect(lead("Người làm vườn bao gồm các bậc:")).toBe("bậc");
    expect(lead("Tổ trưởng phải nêu rõ trách nhiệm theo các mức độ:")).toBe("mức độ");
    // A lead naming no kind stays "nội dung"; a case opening "Trường hợp … thì" is not a list of cases.
    expect(lead("Vườn ươm mẫu của thôn gồm có:")).toBe("nội dung");
    expect(lead("Đơn xin nhận luống có các nội dung chính:")).toBe("nội dung");
    expect(lead("Trường hợp mưa lớn thì tổ trực làm các việc:")).toBe("việc");
  });
});
