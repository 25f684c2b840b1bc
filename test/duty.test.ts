/**
 * Duty questions ("X có trách nhiệm gì?") are answered by X's own assignment, the way directives
 * write it ("b) Văn phòng … có trách nhiệm:" and its bullets), never by another holder's item that
 * names X in passing. Fixture invented for this test.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { assignsDuty, dutyHolder } from "../src/retrieve/duty.js";
import { buildCorpus, type TestCorpus } from "./helpers/engine.js";

const DIRECTIVE = `ĐẢNG BỘ THÀNH PHỐ MẪU
BAN THƯỜNG VỤ
*
Số 78-CT/TEST
Thành phố Mẫu, ngày 03 tháng 3 năm 2099
CHỈ THỊ
về chăm sóc vườn ươm cây giống trong các cơ quan mẫu (văn bản hư cấu)
Để vườn ươm của các cơ quan mẫu được chăm sóc thường xuyên, Ban Thường vụ yêu cầu:
1. Mỗi cơ quan mẫu bố trí ít nhất một khu vườn ươm cây giống.
2. Tổ chức thực hiện:
a) Ban Tuyên giáo mẫu có trách nhiệm:
- Biên soạn tài liệu hướng dẫn gieo hạt cho đảng viên.
- Tổ chức hội thi vườn ươm đẹp vào tháng Tư hằng năm.
b) Văn phòng mẫu có trách nhiệm:
- Cấp hạt giống cho các chi bộ trước mùa mưa.
- Tổng hợp số cây giống của các cơ quan, báo cáo Ban Thường vụ trước ngày 20 tháng 12.
c) Đoàn Thanh niên mẫu có trách nhiệm phối hợp với Ban Tuyên giáo mẫu và Văn phòng mẫu vận động đoàn viên tưới cây vào cuối tuần.
`;

describe("duty questions", () => {
  it.each([
    ["Ban Tuyên giáo có trách nhiệm gì?", "ban tuyen giao"],
    ["Văn phòng mẫu phải làm gì theo chỉ thị?", "van phong mau"],
    ["Chỉ thị giao Đoàn Thanh niên những việc gì?", "doan thanh nien"],
    ["Trách nhiệm của Văn phòng mẫu là gì?", "van phong mau"],
    ["van phong mau co nhiem vu gi", "van phong mau"],
  ])("%s → %s", (q, holder) => expect(dutyHolder(q)).toBe(holder));

  it.each(["Ai có trách nhiệm tưới cây?", "Vườn ươm là gì?", "Hạt giống được cấp khi nào?"])("%s is not a duty question", (q) => expect(dutyHolder(q)).toBeUndefined());

  it("recognises the holder's own assignment, not another holder's that names it", () => {
    expect(assignsDuty("b) Văn phòng mẫu có trách nhiệm:", "van phong mau")).toBe(true);
    expect(assignsDuty("d) Bộ Mẫu (Cục Giả định) có trách nhiệm:", "bo mau")).toBe(true);
    expect(assignsDuty("c) Đoàn Thanh niên mẫu có trách nhiệm phối hợp với Ban Tuyên giáo mẫu và Văn phòng mẫu", "van phong mau")).toBe(false);
    expect(assignsDuty("Cấp hạt giống cho các chi bộ trước mùa mưa.", "van phong mau")).toBe(false);
  });

  describe("answered from the holder's lead-in and bullets", () => {
    let c: TestCorpus;
    beforeAll(async () => {
      c = await buildCorpus({ "chi-thi-mau-78.txt": DIRECTIVE });
    });

    it.each([
      ["Văn phòng mẫu có trách nhiệm gì?", "Văn phòng mẫu có trách nhiệm:", "Cấp hạt giống"],
      ["Ban Tuyên giáo mẫu có nhiệm vụ gì trong việc chăm sóc vườn ươm?", "Ban Tuyên giáo mẫu có trách nhiệm:", "hội thi vườn ươm"],
      ["van phong mau phai lam gi", "Văn phòng mẫu có trách nhiệm:", "Tổng hợp số cây giống"],
    ])("%s", async (q, lead, item) => {
      const r = await c.engine.ask(q);
      expect(r.status).toBe("answer");
      const quote = r.citations[0].quote;
      expect(quote).toContain(lead);
      expect(quote).toContain(item);
      // The item of Đoàn Thanh niên names both other holders: it is not their duty.
      expect(quote).not.toContain("vận động đoàn viên");
    });
  });
});

describe("explain names the holder a duty question asks about", () => {
  it("prints it, and no definition term", async () => {
    const c = await buildCorpus({ "chi-thi-mau-78.txt": DIRECTIVE });
    const report = await c.engine.explain("Văn phòng mẫu có trách nhiệm gì?");
    expect(report.dutyHolder).toBe("van phong mau");
    expect(report.definition).toBeUndefined();
    expect((await c.engine.explain("Vườn ươm là gì?")).definition).toBe("vuon uom");
  });
});
