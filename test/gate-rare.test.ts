/**
 * The gate's specific terms: a question that turns on a word few units use ("karaoke", "núi") is
 * refused when the best hit lacks it and the corpus uses it only elsewhere, even though its common
 * words pass coverage; everyday questions, story names and short regulations are not affected.
 * An invented regulation (plainly not real) with enough articles for rarity to mean something,
 * and the real ALQAC 2022 codes with the other-domain sets when ../shared is present.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { Engine } from "../src/engine/engine.js";
import { citationLabel } from "../src/model/citation.js";
import { ingest } from "../src/ingest/ingest.js";
import { readQuestions } from "../src/cli/eval.js";
import { askedForms, half } from "../scripts/bench/split.js";
import { buildCorpus, type TestCorpus } from "./helpers/engine.js";
import { tempDir } from "./helpers/files.js";
import { REPO_ROOT, sharedPath } from "./helpers/shared.js";

const RULES = [
  "QUY CHẾ NHÀ VĂN HÓA THÔN MẪU (KHÔNG CÓ THẬT)",
  "Số: 5-QC/GATETEST",
  "QUY CHẾ",
  "về quản lý nhà văn hóa thôn mẫu",
  "Điều 1. Phạm vi áp dụng",
  "Quy chế này áp dụng cho nhà văn hóa thôn mẫu ở các xã miền núi và các xã đồng bằng; không áp dụng cho quán karaoke, nhà hàng.",
  "Điều 2. Giờ mở cửa",
  "1. Nhà văn hóa thôn mẫu mở cửa từ 7 giờ đến 21 giờ hằng ngày.",
  "2. Vào ngày lễ, ngày Tết, nhà văn hóa mở cửa muộn nhất đến 23 giờ; âm thanh không được cao quá mức cho phép.",
  "Điều 3. Thuê hội trường",
  "1. Hộ gia đình thuê hội trường để tổ chức đám cưới, sinh nhật nộp phí thuê theo mức do thôn quyết định.",
  "2. Tiền thuê hội trường được nộp cho trưởng ban quản lý trước ngày sử dụng.",
  "Điều 4. Trách nhiệm của trưởng ban quản lý",
  "Trưởng ban quản lý nhà văn hóa có trách nhiệm giữ gìn tài sản, mở cửa, đóng cửa đúng giờ và báo cáo Ủy ban nhân dân xã Phú Lộc hằng quý.",
  "Điều 5. Bồi thường",
  "Người làm hư hỏng bàn ghế, loa đài của nhà văn hóa phải bồi thường theo giá mua mới.",
  "Điều 6. Hoạt động văn nghệ, thể thao",
  "Đội văn nghệ và đội bóng chuyền của thôn được dùng sân nhà văn hóa để tập luyện vào buổi chiều.",
  "Điều 7. Vệ sinh",
  "Người sử dụng nhà văn hóa phải dọn vệ sinh, thu gom rác sau khi dùng.",
];
/** Enough further articles (all alike) that a word in one article of 157 is rare. */
const PLOTS = Array.from({ length: 150 }, (_, i) => [
  `Điều ${i + 8}. Ô ươm số ${i + 1}`,
  `Ô ươm số ${i + 1} ở khu vực phía sau được giao cho tổ trồng cây chăm sóc và tưới nước hằng ngày; tổ trưởng ghi sổ theo dõi của ô.`,
]).flat();

let c: TestCorpus;
beforeAll(async () => {
  c = await buildCorpus({ "quy-che-nha-van-hoa.txt": [...RULES, ...PLOTS].join("\n") + "\n" });
});

describe("specific terms in the gate (invented regulation)", () => {
  it("refuses a question whose specific term the best hit lacks, though its common words pass coverage", async () => {
    const q = "Quán karaoke mở cửa từ mấy giờ hằng ngày?";
    expect((await c.engine.ask(q)).status).toBe("not_found");
    const x = await c.engine.explain(q);
    const top = x.hits[0];
    expect(top.label).toBe("Điều 2 — Quy chế 5-QC/GATETEST");
    // Without the rule the hit would have passed: enough coverage and word share.
    expect(top.coverage).toBeGreaterThanOrEqual(x.minCoverage);
    expect(top.coverage).toBeLessThan(x.minCoverageWithoutRare);
    expect(top.wordCoverage).toBeGreaterThanOrEqual(x.minWordCoverage);
    expect(top.absent).toBe("karaoke");
    expect(top.gate).toBe("below coverage");
  });

  it.each([
    ["Nhà văn hóa có được mở cửa đến 23 giờ ngày Tết không?", "Điều 2"],
    ["Làm hỏng loa của nhà văn hóa có phải đền không?", "Điều 5"],
    // "bóng" is rare here, and the hit holds it.
    ["Đội bóng chuyền được tập ở đâu?", "Điều 6"],
    // "Phú Lộc" is used by one article only, but a name says where, not what is asked.
    ["Hộ gia đình ở thôn Phú Lộc thuê hội trường thì nộp phí theo mức nào?", "Điều 3"],
    ["Ông Trần Văn Lộc ở thôn Đông Hà thuê hội trường. Hỏi: ông Lộc nộp phí thuê hội trường theo mức nào?", "Điều 3"],
  ])("answers the everyday question %s", async (q, article) => {
    const r = await c.engine.ask(q);
    expect(r.status).toBe("answer");
    expect(citationLabel(r.citations[0])).toContain(`${article} — Quy chế 5-QC/GATETEST`);
    const x = await c.engine.explain(q);
    expect(x.hits[0].label).toBe(`${article} — Quy chế 5-QC/GATETEST`);
    expect(x.hits[0].absent).toBeUndefined();
  });

  it("finds no specific term in a regulation too short for rarity to mean anything", async () => {
    const short = await buildCorpus({ "quy-che-ngan.txt": RULES.join("\n") + "\n" });
    const x = await short.engine.explain("Quán karaoke mở cửa từ mấy giờ hằng ngày?");
    expect(x.hits.every((h) => h.absent === undefined)).toBe(true);
  });
});

const alqac = sharedPath("bench", "alqac2022");
const lines = (file: string) =>
  readFileSync(path.join(REPO_ROOT, "bench", file), "utf8")
    .split("\n")
    .filter((l) => l.trim() && !l.startsWith("#"));

describe.skipIf(!alqac)("specific terms on the ALQAC 2022 codes", () => {
  let engine: Engine;
  beforeAll(async () => {
    const indexDir = tempDir();
    await ingest({ from: path.join(alqac!, "corpus"), indexDir, embedder: null });
    engine = Engine.open({ indexDir });
  });
  const answered = async (qs: string[]) => {
    let n = 0;
    for (const q of qs) if ((await engine.ask(q)).status === "answer") n++;
    return n;
  };

  it("refuses more other-domain questions (sets 1 and 2 were chosen on; set 3 is held out)", async () => {
    expect(await answered(lines("other-domain-questions.txt"))).toBeLessThanOrEqual(9);
    expect(await answered(lines("other-domain-questions-2.txt"))).toBeLessThanOrEqual(6);
    expect(await answered(lines("other-domain-questions-3.txt"))).toBeLessThanOrEqual(10);
    expect(await answered(lines("offtopic-questions.txt"))).toBeLessThanOrEqual(2);
  });

  it("still answers the real questions, also asked as statements, choices and stories", async () => {
    const all = readQuestions(path.join(alqac!, "questions.jsonl"));
    expect(all.length - (await answered(all.map((q) => q.question)))).toBeLessThanOrEqual(1);
    const forms = askedForms(half(all, "A"));
    expect(forms.length - (await answered(forms))).toBeLessThanOrEqual(2);
  });
});
