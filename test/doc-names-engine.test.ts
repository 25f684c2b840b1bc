/**
 * Documents found by their title, with no manifest: the engine reads names from each file's header
 * and file name. Invented documents (a made-up constitution and law of a "vườn ươm mẫu").
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { REPO_ROOT } from "./helpers/shared.js";
import { buildCorpus, type TestCorpus } from "./helpers/engine.js";
import { citationLabel } from "../src/model/citation.js";

const CONSTITUTION = `HIẾN PHÁP
NƯỚC CỘNG HÒA VƯỜN ƯƠM MẪU
(văn bản bịa ra để kiểm thử, không có thật)
Điều 85. Chủ tịch vườn do toàn thể người làm vườn mẫu bầu ra.
Điều 86. Chủ tịch vườn là người đứng đầu vườn ươm mẫu, thay mặt vườn về đối nội và đối ngoại.
Điều 87. 1. Chủ tịch vườn chịu trách nhiệm trước toàn thể người làm vườn mẫu.
2. Nhiệm kỳ của Chủ tịch vườn là năm năm.
`;

const LAW = `QUỐC HỘI MẪU
Luật số: 58/2030/QHM
LUẬT
VƯỜN CHIM MẪU
(văn bản bịa ra để kiểm thử, không có thật)
Căn cứ Hiến pháp nước Cộng hòa vườn ươm mẫu;
Điều 85. Chim mẫu
Chim mẫu được nuôi trong lồng riêng.
Điều 86. Trách nhiệm của người nuôi chim mẫu
Người nuôi chim mẫu cho chim ăn hai lần mỗi ngày.
`;

describe("documents named by title (invented documents, no manifest)", () => {
  let c: TestCorpus;
  beforeAll(async () => {
    const quyChe = readFileSync(path.join(REPO_ROOT, "test/fixtures/structure/quy-che-mau-so-1.txt"), "utf8");
    c = await buildCorpus({ "hien-phap-mau.txt": CONSTITUTION, "Luật_Vườn_chim_mẫu_2030.txt": LAW, "quy-che-mau-so-1.txt": quyChe });
  });

  it.each(["Điều 86 Hiến pháp", "dieu 86 hien phap", "điều 86 hiến pháp nói gì"])("%s → Điều 86 of the constitution, not of the law", async (q) => {
    const r = await c.engine.ask(q);
    expect(r.status).toBe("unit");
    expect(r.citations).toHaveLength(1);
    expect(citationLabel(r.citations[0])).toBe("Điều 86 — Hiến pháp nước cộng hòa vườn ươm mẫu");
    expect(r.citations[0].quote).toBe("Chủ tịch vườn là người đứng đầu vườn ươm mẫu, thay mặt vườn về đối nội và đối ngoại.");
  });

  it.each(["Điều 86 Luật Vườn chim mẫu", "Dieu 86 Luat Vuon chim mau 2030", "điều 86 luật vườn chim mẫu năm 2030"])("%s → Điều 86 of the law", async (q) => {
    const r = await c.engine.ask(q);
    expect(r.status).toBe("unit");
    expect(r.citations.map((x) => citationLabel(x))).toEqual(["Điều 86 — Luật 58/2030/QHM"]);
    expect(r.citations[0].quote).toBe("Người nuôi chim mẫu cho chim ăn hai lần mỗi ngày.");
  });

  it("keeps the clauses of an article whose first clause is on its heading line", async () => {
    const r = await c.engine.ask("Điều 87 Hiến pháp");
    expect(r.citations[0].quote).toBe("1. Chủ tịch vườn chịu trách nhiệm trước toàn thể người làm vườn mẫu.\n2. Nhiệm kỳ của Chủ tịch vườn là năm năm.");
  });

  it("shows capitalised titles in sentence case", () => {
    const titles = Object.fromEntries(c.engine.catalog().map((m) => [m.kind, m.title]));
    expect(titles).toMatchObject({ "Hiến pháp": "nước cộng hòa vườn ươm mẫu", Luật: "Vườn chim mẫu" });
  });

  it("warns at ingest about an article with no text and list items with no lead-in", () => {
    const report = c.result.reports.find((r) => r.file === "quy-che-mau-so-1.txt")!;
    expect(report.warnings).toEqual(["1 điều không có nội dung: Điều 9", "2 điểm/ý không có câu dẫn: dieu-8/diem-a, dieu-8/diem-b"]);
    expect(c.result.reports.find((r) => r.file === "hien-phap-mau.txt")!.warnings).toEqual([]);
  });
});
