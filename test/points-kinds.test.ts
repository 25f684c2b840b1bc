/**
 * Talking points that stand alone and keep to the topic, on a plainly invented regulation ("Quy chế
 * vườn ươm mẫu"): a rare pair of the topic counts only with the common word the topic puts beside
 * it ("kiểm tra lại" is not "điều tra lại" nor, folded, "trả lại"); an article titled by whose
 * duties it lists gives that title as its items' subject; a lead that leaves its subject to a
 * heading ("Trong lĩnh vực …, giúp …") gives no point.
 */
import { beforeAll, describe, expect, it } from "vitest";
import type { Engine } from "../src/engine/engine.js";
import { buildCorpus } from "./helpers/engine.js";
import { buildTalkingPoints } from "../src/points/index.js";
import { pointsAtAnotherText } from "../src/points/statement.js";
import { checkOutline } from "./points-check.js";

/** Many routine checks make "kiểm tra" a common pair of this regulation, as "thanh tra" is of an inspection law. */
const ROUTINE = Array.from({ length: 80 }, (_, i) => `${i + 1}. Người làm vườn số ${i + 1} kiểm tra luống ươm số ${i + 1} trước khi gieo hạt.`).join("\n");

const TEXT = `QUY CHẾ VƯỜN ƯƠM MẪU (tài liệu giả lập)
Điều 1. Phạm vi
Quy chế này quy định việc chăm sóc cây giống ở vườn ươm mẫu của thôn.
Điều 2. Kiểm tra hằng ngày
${ROUTINE}
Điều 3. Kiểm tra lại cây giống
Việc kiểm tra lại cây giống được thực hiện khi có một trong các dấu hiệu sau đây:
1. Cây giống héo lá sau khi đã được Tổ kỹ thuật xác nhận là khỏe;
2. Sổ theo dõi ghi sai số cây giống của luống ươm;
3. Người làm vườn báo cây giống của luống ươm bị sâu đục thân.
Điều 4. Cây giống chết
Khi cây giống chết hàng loạt, Tổ kỹ thuật điều tra lại nguyên nhân cây chết và báo cáo Trưởng thôn trong ngày.
Điều 5. Dụng cụ
Người làm vườn mượn dụng cụ của kho phải trả lại dụng cụ cho thủ kho trước giờ đóng cửa vườn ươm.
Điều 6. Nhiệm vụ, quyền hạn của Tổ kỹ thuật vườn ươm
1. Sắp xếp lịch tưới cây giống cho từng luống ươm trong vườn ươm mẫu của thôn.
2. Ghi chép số cây giống nảy mầm của từng luống ươm vào sổ theo dõi mỗi tuần.
3. Đề nghị Trưởng thôn khen thưởng người làm vườn chăm sóc cây giống giỏi.
Điều 7. Tổ gieo hạt
1. Trong lĩnh vực gieo hạt, giúp Trưởng thôn quản lý việc gieo hạt và có nhiệm vụ, quyền hạn sau đây:
a) Chọn hạt giống chắc mẩy cho luống ươm của vườn;
b) Gieo hạt giống theo lịch gieo của thôn đã duyệt;
c) Báo cáo số hạt giống nảy mầm với Trưởng thôn.
Điều 8. Thời hạn làm đất
Công việc nói trên ở các luống ươm phải được hoàn thành trước ngày gieo hạt của vườn ươm mẫu.
Trong thời hạn 05 ngày, kể từ ngày phát hiện hành vi quy định tại khoản 1 Điều 5, thủ kho lập biên bản dụng cụ hỏng gửi Trưởng thôn.
Thủ kho lập biên bản dụng cụ hỏng mỗi quý và gửi biên bản cho Trưởng thôn để theo dõi.
Điều 10. Hạt giống miễn phí
Người quy định tại các khoản 1 và 2 Điều 8 được nhận hạt giống miễn phí mỗi mùa vụ.
Điều 11. Giấy khen
1. Trưởng thôn tước giấy khen vườn ươm mẫu của người làm vườn gian dối.
2. Trưởng thôn trao giấy khen vườn ươm mẫu cho người làm vườn giỏi trong mùa vụ.
`;

let engine: Engine;

beforeAll(async () => {
  ({ engine } = await buildCorpus({ "quy-che-vuon-uom-mau.txt": TEXT }));
});

const articleOf = (p: { citation: { path: Array<{ type: string; label: string }> } }) => p.citation.path.find((s) => s.type === "dieu")?.label;

describe("points that keep to the topic and stand alone", () => {
  it("reads a rare pair of the topic with the common word beside it: \"kiểm tra lại\" is neither \"điều tra lại\" nor \"trả lại\"", async () => {
    const tp = await buildTalkingPoints(engine, "kiểm tra lại", { count: 7 });
    checkOutline(engine, tp, [1, 7]);
    expect(new Set(tp.points.map(articleOf))).toEqual(new Set(["3"]));
  });

  it("carries an article's title (\"Nhiệm vụ, quyền hạn của …\") into its items, and gives no point from a lead without a subject", async () => {
    const duties = await buildTalkingPoints(engine, "lịch tưới cây giống", { count: 3 });
    checkOutline(engine, duties, [1, 3]);
    expect(duties.points.map((p) => p.statement)).toContain("Nhiệm vụ, quyền hạn của Tổ kỹ thuật vườn ươm: sắp xếp lịch tưới cây giống cho từng luống ươm trong vườn ươm mẫu của thôn.");
    const sowing = await buildTalkingPoints(engine, "hạt giống nảy mầm", { count: 7 });
    for (const p of sowing.points) expect(p.statement, "a lead leaving its subject to a heading").not.toMatch(/^Trong lĩnh vực/);
    for (const p of sowing.points) expect(p.statement, "an item without its subject").not.toMatch(/^(?:Chọn|Gieo|Báo cáo) hạt/);
  });

  it("gives no point that leans on words it does not carry (\"công việc nói trên\", \"hành vi quy định tại khoản 1 Điều 5\"), but says the unit in its next sentence that stands alone", async () => {
    const tp = await buildTalkingPoints(engine, "biên bản dụng cụ hỏng", { count: 7 });
    checkOutline(engine, tp, [1, 7]);
    const done = await buildTalkingPoints(engine, "hoàn thành trước ngày gieo hạt", { count: 7 });
    for (const p of [...tp.points, ...done.points]) expect(p.statement).not.toMatch(/nói trên|hành vi quy định tại/);
    expect(tp.points.map((p) => p.statement)).toContain("Thủ kho lập biên bản dụng cụ hỏng mỗi quý và gửi biên bản cho Trưởng thôn để theo dõi.");
  });

  it("keeps the topic's rarest word even when it comes first (\"tước giấy khen …\" is not \"trao giấy khen …\")", async () => {
    const tp = await buildTalkingPoints(engine, "tước giấy khen vườn ươm mẫu", { count: 7 });
    checkOutline(engine, tp, [1, 7]);
    for (const p of tp.points) expect(p.statement).toMatch(/tước giấy khen/);
  });

  it("gives no point naming as \"<kind> này\" a text of another kind, nor a person defined only by a reference", async () => {
    expect(pointsAtAnotherText("Thực hiện quyết định này, đến nay thôn đã có số liệu về vườn ươm.", "Chỉ thị")).toBe(true);
    expect(pointsAtAnotherText("Quy chế này quy định việc chăm sóc cây giống.", "Quy chế")).toBe(false);
    const tp = await buildTalkingPoints(engine, "hạt giống miễn phí", { count: 3 });
    for (const p of tp.points) expect(p.statement).not.toMatch(/quy định tại các khoản/);
  });
});
