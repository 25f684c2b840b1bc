/**
 * Paragraphs after a directive's list, end to end (invented "Chỉ thị về vườn ươm mẫu"): a question
 * on one of them is answered and cited as "đoạn N mục M", never as the last item; "đoạn 2 mục 3"
 * and "đoạn cuối mục 3" name them; what a question asks beside its question word ("những thành
 * phần nào", "ai trực tiếp …") is what the quote says.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { citationLabel } from "../src/model/citation.js";
import { buildTalkingPoints } from "../src/points/index.js";
import { questionFocus } from "../src/retrieve/focus.js";
import { foldDiacritics } from "../src/text/normalize.js";
import { buildCorpus, type TestCorpus } from "./helpers/engine.js";

const DIRECTIVE = [
  "ĐẢNG BỘ VƯỜN ƯƠM MẪU",
  "Số 02-CT/VU",
  "CHỈ THỊ",
  "về chăm sóc vườn ươm mẫu",
  "Mùa khô năm nay kéo dài, nhiều luống cây non của vườn ươm mẫu bị héo.",
  "Để vườn ươm mẫu có đủ cây giống cho mùa trồng mới, Ban Thường vụ yêu cầu:",
  "1. Về cây giống: mỗi luống gieo một loại hạt giống.",
  "2. Về tưới nước: tưới hai lần mỗi ngày vào mùa khô.",
  "3. Về tổ chức chăm sóc vườn ươm:",
  "a) Tổ giống cây có trách nhiệm:",
  "- Chọn hạt giống đạt chuẩn.",
  "- Gieo hạt đúng thời vụ.",
  "b) Tổ bảo vệ có trách nhiệm tuần tra vườn ươm vào ban đêm.",
  "Các tổ chăm sóc có kế hoạch phối hợp với Tổ bảo vệ giữ gìn vườn ươm.",
  "Công tác chăm sóc vườn ươm mẫu cần được chỉ đạo tập trung của Ban quản lý vườn ươm và các tổ chăm sóc vườn ươm.",
  "Ban quản lý vườn ươm các cấp cử một đồng chí Phó Trưởng ban trực tiếp chỉ đạo việc này; các tổ báo cáo Ban quản lý hằng tháng.",
  "Ở mỗi vườn ươm cần lập Hội đồng nghiệm thu cây giống của vườn ươm mẫu để giúp Ban quản lý vườn ươm nghiệm thu cây giống trước mùa trồng.",
  "Thành phần của Hội đồng gồm có: Trưởng ban quản lý làm Chủ tịch; tổ trưởng tổ giống cây làm ủy viên.",
  "TM. BAN THƯỜNG VỤ",
  "BÍ THƯ",
  "Nguyễn Văn Mẫu",
].join("\n");

describe("questions on paragraphs after a directive's list", () => {
  let corpus: TestCorpus;
  beforeAll(async () => {
    corpus = await buildCorpus({ "chi-thi-vuon-uom.txt": DIRECTIVE });
  }, 60_000);

  it("reads the asked word beside the question word", () => {
    expect(questionFocus("Hội đồng nghiệm thu gồm những thành phần nào?")).toBe("thanh phan");
    expect(questionFocus("Ai trực tiếp chỉ đạo việc chăm sóc vườn ươm?")).toBe("truc tiep");
    expect(questionFocus("Ở vườn ươm, ai trực tiếp chỉ đạo?")).toBe("truc tiep");
    // no act named after "ai", no kind named before "nào"
    expect(questionFocus("Ai là người ký chỉ thị?")).toBeUndefined();
    expect(questionFocus("Tổ bảo vệ có trách nhiệm gì?")).toBeUndefined();
  });

  for (const fold of [false, true]) {
    const ask = (q: string) => corpus.engine.ask(fold ? foldDiacritics(q) : q);
    const how = fold ? "without tone marks" : "with tone marks";

    it(`cites the paragraph that says what is asked, not the last item, ${how}`, async () => {
      const r = await ask("Hội đồng nghiệm thu cây giống của vườn ươm mẫu gồm những thành phần nào?");
      expect(citationLabel(r.citations[0])).toBe("đoạn 6 mục 3 — Chỉ thị 02-CT/VU");
      expect(r.citations[0].quote).toContain("Thành phần của Hội đồng gồm có");
      const who = await ask("Ở Ban quản lý vườn ươm các cấp ai trực tiếp chỉ đạo công tác chăm sóc vườn ươm mẫu?");
      expect(citationLabel(who.citations[0])).toBe("đoạn 4 mục 3 — Chỉ thị 02-CT/VU");
      expect(who.citations[0].quote).toContain("Phó Trưởng ban trực tiếp chỉ đạo");
    });

    it(`finds a paragraph by 'đoạn N mục M' and 'đoạn cuối', ${how}`, async () => {
      const r = await ask("đoạn 3 mục 3 chỉ thị 02-CT/VU");
      expect(r.citations[0].unitId).toBe("muc-3/doan-3");
      expect(r.citations[0].quote).toMatch(/^Công tác chăm sóc vườn ươm mẫu cần được chỉ đạo/u);
      const last = await ask("đoạn cuối mục 3 chỉ thị 02-CT/VU");
      expect(last.citations[0].unitId).toBe("muc-3/doan-6");
    });
  }

  it("talking points read a paragraph after a section's items as who does what, not as the opening's why", async () => {
    const tp = await buildTalkingPoints(corpus.engine, "Chỉ thị 02-CT/VU", { count: 7 });
    const after = tp.points.filter((p) => /^muc-3\/doan-/u.test(p.citation.unitId));
    expect(after.length).toBeGreaterThan(0);
    for (const p of after) expect(p.role, p.statement).not.toBe("why");
    expect(tp.points.find((p) => p.citation.unitId === "doan-1")?.role ?? "why").toBe("why");
  });

  it("reads 'đoạn 2 thì sao?' inside the section under discussion, and says so when it has none", async () => {
    const section = await corpus.engine.ask("mục 3 chỉ thị 02-CT/VU");
    const next = await corpus.engine.ask("còn đoạn 2 thì sao?", { focus: section.focus });
    expect(next.citations[0].unitId).toBe("muc-3/doan-2");
    const none = await corpus.engine.ask("còn đoạn 9 thì sao?", { focus: section.focus });
    expect(none.status).toBe("not_found");
    expect(none.reason).toBe("Mục 3 — Chỉ thị 02-CT/VU không có đoạn 9.");
  });

  it("shows the section whole with its items first and its paragraphs after them", async () => {
    const r = await corpus.engine.ask("mục 3 chỉ thị 02-CT/VU");
    const quote = r.citations[0].quote;
    expect(quote.indexOf("b) Tổ bảo vệ")).toBeGreaterThan(quote.indexOf("a) Tổ giống cây"));
    expect(quote.indexOf("Công tác chăm sóc vườn ươm mẫu")).toBeGreaterThan(quote.indexOf("b) Tổ bảo vệ"));
  });
});
