/**
 * The text logic the quiz rests on: when two answers are the same (numbers in words, working days,
 * durations in other units, dates in two notations, paraphrased bodies, grading levels), where a
 * stem may be shortened (whole clauses only, never mid-word), which facts a sentence holds, and
 * balanced positions.
 */
import { describe, expect, it } from "vitest";
import { comparable, sameAnswer, stated } from "../src/quiz/compare.js";
import { findFacts } from "../src/quiz/facts.js";
import { findLists, meaningfulItem } from "../src/quiz/lists.js";
import { parseStructure } from "../src/structure/index.js";
import { balanced, rng } from "../src/quiz/random.js";
import { clipWords, explanation } from "../src/quiz/stem.js";

describe("same answer, stated", () => {
  it("reads numbers, dates and percentages the same whichever way they are written", () => {
    expect(comparable("Trong thời hạn mười lăm ngày làm việc")).toBe("trong thoi han 15 ngay lam viec");
    expect(comparable("hai mươi lăm ngày")).toBe("25 ngay");
    expect(comparable("năm năm kể từ")).toBe("5 nam ke tu");
    expect(comparable("sau ngày ký")).toBe("sau ngay ky"); // "sau" (after) is no "sáu" (six)
    expect(comparable("từ ngày 01 tháng 7 năm 2025")).toBe(comparable("từ ngày 01/07/2025"));
    expect(comparable("30 phần trăm")).toBe("30%");
    expect(comparable("1.000.000 đồng")).toBe("1000000 dong");
    expect(comparable("Uỷ ban nhân dân")).toBe(comparable("Ủy ban nhân dân"));
  });

  it("treats as one answer what a trainee could defend as the same", () => {
    const same = [
      ["15 ngày", "mười lăm ngày"],
      ["15 ngày", "15 ngày làm việc"],
      ["05 ngày", "5 ngày"],
      ["3 tháng", "90 ngày"],
      ["1 năm", "12 tháng"],
      ["ngày 01 tháng 7 năm 2025", "01/07/2025"],
      ["Ủy ban nhân dân cấp tỉnh", "Chủ tịch Ủy ban nhân dân cấp tỉnh"],
      ["Ủy ban nhân dân cấp tỉnh", "Ủy ban nhân dân các cấp"],
      ["Chính phủ", "Thủ tướng Chính phủ"],
      ["Bộ Tư pháp", "Bộ trưởng Bộ Tư pháp"],
    ];
    for (const [a, b] of same) expect(sameAnswer(a, b), `${a} | ${b}`).toBe(true);
  });

  it("keeps apart what differs in meaning", () => {
    const different = [
      ["15 ngày", "30 ngày"],
      ["15 ngày", "5 ngày"],
      ["hoàn thành nhiệm vụ", "không hoàn thành nhiệm vụ"],
      ["hoàn thành tốt nhiệm vụ", "hoàn thành nhiệm vụ"],
      ["hoàn thành xuất sắc nhiệm vụ", "hoàn thành tốt nhiệm vụ"],
      ["Ủy ban nhân dân cấp tỉnh", "Ủy ban nhân dân cấp huyện"],
      ["Bộ Tư pháp", "Bộ Nội vụ"],
      ["Sở Tư pháp", "Bộ Tư pháp"],
      ["30%", "3%"],
    ];
    for (const [a, b] of different) expect(sameAnswer(a, b), `${a} | ${b}`).toBe(false);
  });

  it("finds a stated answer as whole words or as the same amount", () => {
    const text = comparable("Trong thời hạn mười lăm ngày làm việc, kể từ ngày nhận hồ sơ; lưu giữ 3 tháng.");
    expect(stated(text, "15 ngày")).toBe(true);
    expect(stated(text, "90 ngày")).toBe(true);
    expect(stated(text, "5 ngày")).toBe(false);
    expect(stated(text, "115 ngày")).toBe(false);
  });
});

describe("facts in a sentence", () => {
  it("finds time limits, amounts, dates, levels and bodies, and which can be blanked", () => {
    const s = "Trong thời hạn 10 ngày làm việc, kể từ ngày nhận được đề nghị của Sở Tư pháp, Chủ tịch Uỷ ban nhân dân cấp tỉnh có trách nhiệm xem xét.";
    expect(findFacts(s).map((f) => [f.type, f.text, f.askable])).toEqual([
      ["duration", "10 ngày làm việc", true],
      ["body", "Sở Tư pháp", false], // named, but not the one given the duty
      ["body", "Chủ tịch Uỷ ban nhân dân cấp tỉnh", true],
    ]);
    expect(findFacts("Luật này có hiệu lực thi hành từ ngày 01 tháng 7 năm 2009.").map((f) => f.text)).toEqual(["01 tháng 7 năm 2009"]);
    // A date that only names a document, and the day and month inside a date, are no facts.
    expect(findFacts("Căn cứ Luật Tổ chức Chính phủ ngày 19 tháng 6 năm 2015;").filter((f) => f.type !== "body")).toEqual([]);
    expect(findFacts("Phạt tiền từ 1.000.000 đồng đến 3.000.000 đồng; tỷ lệ 30% và 2,5 phần trăm.").map((f) => f.text)).toEqual(["1.000.000 đồng", "3.000.000 đồng", "30%", "2,5 phần trăm"]);
    expect(findFacts("Cá nhân được xếp loại ở mức không hoàn thành nhiệm vụ.").map((f) => [f.text, f.askable])).toEqual([["không hoàn thành nhiệm vụ", true]]);
    expect(findFacts("Văn phòng Chủ tịch nước có trách nhiệm gửi đăng Công báo.").filter((f) => f.type === "body")).toEqual([]);
  });

  it("asks no body that shares its subject with another (\"X cấp tỉnh, cấp huyện\", \"X và Y\"): the blank would have two answers", () => {
    const bodies = (s: string) => findFacts(s).filter((f) => f.type === "body").map((f) => [f.text, f.askable]);
    expect(bodies("Chủ tịch Ủy ban nhân dân cấp tỉnh, cấp huyện quyết định việc cho thuê vườn ươm mẫu.")).toEqual([["Chủ tịch Ủy ban nhân dân cấp tỉnh", false]]);
    expect(bodies("Hội đồng nhân dân và Ủy ban nhân dân cấp xã tổ chức ngày hội vườn ươm mẫu.")).toEqual([
      ["Hội đồng nhân dân", false],
      ["Ủy ban nhân dân cấp xã", false],
    ]);
    expect(bodies("Bộ Tư pháp, Bộ Nội vụ hướng dẫn việc chăm sóc vườn ươm mẫu.").map(([, a]) => a)).toEqual([false, false]);
    // "cấp" before a level is a noun; as a verb ("cấp giấy") it still gives the body a duty.
    expect(bodies("Ủy ban nhân dân cấp xã cấp giấy chứng nhận vườn ươm mẫu.")).toEqual([["Ủy ban nhân dân cấp xã", true]]);
    expect(bodies("Hội đồng nhân dân, cấp xã quyết định việc mở vườn ươm mẫu.")).toEqual([["Hội đồng nhân dân", false]]);
  });

  it("reads no body inside a title or a paper's name (\"Đại biểu X\", \"Điều lệ X\"): swapping it makes a silly statement", () => {
    const bodies = (s: string) => findFacts(s).filter((f) => f.type === "body").map((f) => [f.text, f.askable]);
    expect(bodies("Đại biểu Hội đồng nhân dân thực hiện việc thăm vườn ươm mẫu.")).toEqual([]);
    expect(bodies("Quy chế vườn ươm do Điều lệ Mặt trận Tổ quốc Việt Nam quy định.")).toEqual([]);
    expect(bodies("Tổ đại biểu Hội đồng nhân dân chăm sóc vườn ươm mẫu.")).toEqual([]);
    expect(bodies("Đoàn Chủ tịch Ủy ban trung ương Mặt trận Tổ quốc Việt Nam chủ trì việc thăm vườn ươm mẫu.")).toEqual([]);
    // "Thường trực Hội đồng nhân dân" is a body of its own.
    expect(bodies("Khi Hội đồng nhân dân chưa họp, Thường trực Hội đồng nhân dân quyết định việc trồng cây mẫu.")).toEqual([
      ["Hội đồng nhân dân", false],
      ["Thường trực Hội đồng nhân dân", true],
    ]);
    // A sentence's opening word is capitalised without being a name.
    expect(bodies("Giao Ủy ban nhân dân cấp tỉnh chủ trì việc lập vườn ươm mẫu.")).toEqual([["Ủy ban nhân dân cấp tỉnh", true]]);
    expect(bodies("Trường hợp Ủy ban nhân dân cấp xã chưa có vườn ươm mẫu thì báo cáo.")).toEqual([["Ủy ban nhân dân cấp xã", false]]);
  });
});

describe("a list inside a list", () => {
  const text = `QUY CHẾ VƯỜN ƯƠM MẪU
Điều 1. Phạm vi
Quy chế này quy định việc chăm sóc vườn ươm mẫu của thôn.
Điều 2. Bồi hoàn cây giống
Ban quản lý vườn ươm mẫu có trách nhiệm bồi hoàn cây giống trong các trường hợp sau đây:
1. Làm chết hoặc cố ý không tưới cây giống:
a) Cây giống lúa nếp cẩm;
b) Cây giống ngô lai vàng;
c) Cây giống hoa hồng leo.
2. Tổ kỹ thuật vườn ươm có nhiệm vụ sau đây:
a) Tưới cây giống mỗi sáng;
b) Bón phân cho luống ươm;
c) Ghi sổ theo dõi cây giống.
`;
  it("carries the outer lead's subject into an inner lead that has none; an inner lead with its own subject stays as written", () => {
    const leads = findLists({ units: parseStructure(text).units } as Parameters<typeof findLists>[0]).map((l) => l.lead);
    expect(leads).toEqual([
      "Ban quản lý vườn ươm mẫu có trách nhiệm bồi hoàn cây giống trong các trường hợp làm chết hoặc cố ý không tưới cây giống:",
      "Tổ kỹ thuật vườn ươm có nhiệm vụ sau đây:",
    ]);
  });
});

describe("what a list's items are", () => {
  it("asks no list whose lead leaves its subject to a heading (\"Trong lĩnh vực …, giúp … và có nhiệm vụ:\")", () => {
    const text = `QUY CHẾ VƯỜN ƯƠM MẪU
Mục 1. TỔ GIEO HẠT
Điều 1. Nhiệm vụ, quyền hạn
1. Trong lĩnh vực vườn ươm, giúp Trưởng thôn quản lý việc gieo hạt và có nhiệm vụ, quyền hạn sau đây:
a) Chọn hạt giống cho luống ươm;
b) Gieo hạt theo lịch của thôn;
c) Báo cáo số hạt nảy mầm.
2. Tổ tưới cây có nhiệm vụ, quyền hạn sau đây:
a) Tưới luống ươm mỗi sáng;
b) Sửa vòi tưới bị hỏng;
c) Ghi lượng nước đã dùng.
`;
    const lists = findLists({ units: parseStructure(text).units } as Parameters<typeof findLists>[0]);
    expect(lists.map((l) => l.lead)).toEqual(["Tổ tưới cây có nhiệm vụ, quyền hạn sau đây:"]);
  });

  it("reads \"nhiệm vụ, quyền hạn\" as what a lead's items are, so a duty list is answered with other duties", () => {
    const text = `QUY CHẾ VƯỜN ƯƠM MẪU
Điều 1. Tổ gieo hạt
Tổ gieo hạt thực hiện nhiệm vụ, quyền hạn:
1. Chọn hạt giống cho luống ươm;
2. Gieo hạt theo lịch của thôn;
3. Báo cáo số hạt nảy mầm.
Điều 2. Tổ tưới cây
Tổ tưới cây có nhiệm vụ, quyền hạn sau đây:
1. Tưới luống ươm mỗi sáng;
2. Sửa vòi tưới bị hỏng;
3. Ghi lượng nước đã dùng.
Điều 3. Vườn ươm
Vườn ươm mẫu của thôn gồm có:
1. Khu luống ươm cây lúa;
2. Khu nhà kính trồng hoa;
3. Kho chứa phân bón hữu cơ.
`;
    const lists = findLists({ units: parseStructure(text).units } as Parameters<typeof findLists>[0]);
    expect(lists.map((l) => l.noun)).toEqual(["nhiệm vụ, quyền hạn", "nhiệm vụ, quyền hạn", "nội dung"]);
  });

  it("takes no catch-all as an item: what the law otherwise provides tests nothing", () => {
    expect(meaningfulItem("Những việc mà pháp luật quy định Tổ gieo hạt phải bàn và quyết định")).toBe(false);
    expect(meaningfulItem("Các trường hợp được bồi hoàn cây giống khác do pháp luật quy định")).toBe(false);
    expect(meaningfulItem("Báo cáo việc bồi hoàn cây giống theo quy định của pháp luật")).toBe(true);
  });
});

describe("explanations within limits", () => {
  const s = "Trong thời hạn 10 ngày làm việc, kể từ ngày nhận được đề nghị của Sở Tư pháp, Chủ tịch Uỷ ban nhân dân cấp tỉnh có trách nhiệm xem xét, kết luận và đề xuất ý kiến gửi Bộ Tư pháp.";
  const start = s.indexOf("Chủ tịch");
  const end = start + "Chủ tịch Uỷ ban nhân dân cấp tỉnh".length;

  it("clips display text at words, and fits explanations to Telegram's 200 characters and 3 lines", () => {
    expect(clipWords("một hai ba bốn năm", 12)).toBe("một hai ba…");
    const e = explanation("Đáp án: Chủ tịch Uỷ ban nhân dân cấp tỉnh", "khoản 3 Điều 21 — Luật 24/2008/QH12", s, start, end, 200);
    expect(e.length).toBeLessThanOrEqual(200);
    expect(e.split("\n")).toHaveLength(3);
    expect(e.split("\n")[2]).toContain("Chủ tịch Uỷ ban nhân dân cấp tỉnh");
    // A long answer is rephrased shorter, not clipped.
    const long = "Đáp án: Chủ tịch Ủy ban nhân dân cấp huyện và Chủ tịch Hội đồng nhân dân cấp huyện cùng ký giấy chứng nhận vườn ươm";
    expect(long.length).toBeGreaterThan(100);
    expect(explanation(long, "khoản 5 Điều 6 — Quy chế 995-QC/TEST", s, start, end, 200).split("\n")[0]).toBe(
      "Đáp án: Chủ tịch UBND cấp huyện và Chủ tịch HĐND cấp huyện cùng ký giấy chứng nhận vườn ươm",
    );
  });
});

describe("balanced positions", () => {
  it("uses each position equally often (±1), differently per seed", () => {
    for (const n of [1, 4, 7, 13, 20]) {
      const p = balanced(n, 4, rng(n));
      const counts = [0, 1, 2, 3].map((i) => p.filter((x) => x === i).length);
      expect(Math.max(...counts) - Math.min(...counts)).toBeLessThanOrEqual(1);
    }
    expect(balanced(12, 4, rng("a"))).not.toEqual(balanced(12, 4, rng("b")));
    expect(balanced(12, 4, rng("a"))).toEqual(balanced(12, 4, rng("a")));
  });
});
