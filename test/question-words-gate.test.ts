/**
 * Question words in the gate are judged as written: typed with tone marks, "chợ" is not "cho",
 * "đầu" not "đâu", "hội" not "hỏi", so a question about a market or a guild hall is not read as
 * one about opening hours alone. Typed without tone marks, "cho", "dau", "hoi" may be either.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { citationLabel } from "../src/model/citation.js";
import { buildCorpus, type TestCorpus } from "./helpers/engine.js";

const RULES = [
  "QUY CHẾ NHÀ GỬI XE ĐẠP THÔN MẪU (KHÔNG CÓ THẬT)",
  "Số: 7-QC/QWTEST",
  "QUY CHẾ",
  "về nhà gửi xe đạp của thôn mẫu",
  "Điều 1. Phạm vi áp dụng",
  "Quy chế này áp dụng cho nhà gửi xe đạp của thôn mẫu và người gửi xe đạp tại đó.",
  "Điều 2. Phí gửi xe đạp",
  "Người gửi xe đạp nộp phí 2.000 đồng một lượt; gửi qua đêm nộp 5.000 đồng.",
  "Điều 3. Thẻ gửi xe tháng",
  "Ban quản lý thôn cấp thẻ gửi xe tháng cho hộ gia đình có đơn đề nghị.",
  "Điều 4. Tổ hòa giải",
  "Tổ hòa giải của thôn gồm trưởng thôn, bí thư chi bộ và một đại diện hộ gia đình; tổ xem xét việc mất xe.",
  "Điều 5. Giờ mở cửa",
  "Nhà gửi xe mở cửa từ 6 giờ đến 22 giờ hằng ngày.",
];

let c: TestCorpus;
beforeAll(async () => {
  c = await buildCorpus({ "quy-che-nha-gui-xe.txt": RULES.join("\n") + "\n" });
});

describe("question words judged as written (invented regulation)", () => {
  it.each(["Chợ đầu mối mở cửa từ mấy giờ?", "Hội quán mở cửa mấy giờ?"])(
    "refuses %s: its subject is no question word, and the rules only say when the bicycle shed opens",
    async (q) => {
      expect((await c.engine.ask(q)).status).toBe("not_found");
      const x = await c.engine.explain(q);
      expect(x.hits[0].label).toBe("Điều 5 — Quy chế 7-QC/QWTEST");
      expect(x.hits[0].coverage).toBeLessThan(x.minCoverage);
      expect(x.hits[0].gate).toBe("below coverage");
    },
  );

  it("reads the same question typed without tone marks as before: 'cho', 'dau', 'hoi' may frame it", async () => {
    for (const q of ["Cho dau moi mo cua tu may gio?", "Hoi quan mo cua may gio?"]) {
      const x = await c.engine.explain(q);
      expect(x.hits[0].label).toBe("Điều 5 — Quy chế 7-QC/QWTEST");
      expect(x.hits[0].coverage).toBeGreaterThanOrEqual(x.minCoverage);
    }
  });

  it.each([
    ["Nhà gửi xe mở cửa từ mấy giờ?", "Điều 5"],
    ["Ban quản lý cấp thẻ gửi xe tháng cho ai?", "Điều 3"],
    ["Tổ hòa giải gồm những ai?", "Điều 4"],
  ])("still answers %s", async (q, article) => {
    const r = await c.engine.ask(q);
    expect(r.status).toBe("answer");
    expect(citationLabel(r.citations[0])).toContain(`${article} — Quy chế 7-QC/QWTEST`);
  });
});
