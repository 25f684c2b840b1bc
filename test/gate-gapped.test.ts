/**
 * The gate and a thesaurus phrase said with words inside it ("ong trại nuôi đốt" for "ong đốt"):
 * the matched phrase's pair and the words put inside it count as the question's when the hit holds
 * the documents' phrase, so the everyday question is answered; a question the regulation does not
 * treat is still refused. An invented regulation (plainly not real) with its own tu-dien.txt.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { buildCorpus, type TestCorpus } from "./helpers/engine.js";

const RULES = [
  "QUY CHẾ TRẠI ONG MẪU (KHÔNG CÓ THẬT)",
  "Số: 9-QC/ONGTEST",
  "QUY CHẾ",
  "về quản lý trại ong mẫu",
  "Điều 1. Phạm vi áp dụng",
  "Quy chế này áp dụng cho trại ong mẫu của hợp tác xã Hoa Sim mẫu.",
  "Điều 2. Thiệt hại do đàn ong gây ra",
  "1. Chủ trại phải bồi thường thiệt hại do đàn ong gây ra cho người khác, kể cả khi không có lỗi.",
  "2. Người bị hại tự ý phá tổ thì chủ trại được giảm mức bồi thường.",
  "Điều 3. Giờ thu hoạch mật",
  "Việc thu hoạch mật được làm vào buổi sáng, từ 6 giờ đến 9 giờ.",
  "Điều 4. Giữ yên tĩnh",
  "Máy quay mật không được gây tiếng ồn sau 22 giờ.",
];
/** Further articles alike, so that the regulation's words have the rarity they have in a real code. */
const HIVES = Array.from({ length: 150 }, (_, i) => [
  `Điều ${i + 5}. Thùng ong số ${i + 1}`,
  `Thùng ong số ${i + 1} ở khu vực phía sau được giao cho tổ chăm sóc kiểm tra hằng tuần; tổ trưởng ghi sổ theo dõi của thùng.`,
]).flat();

let c: TestCorpus;
beforeAll(async () => {
  c = await buildCorpus({
    "quy-che-trai-ong.txt": [...RULES, ...HIVES].join("\n") + "\n",
    "tu-dien.txt": "ong đốt => thiệt hại do đàn ong gây ra\n",
  });
});

describe("a thesaurus phrase with words inside it, in the gate (invented regulation)", () => {
  it("answers the everyday question from the article holding the documents' phrase", async () => {
    const q = "Ong trại nuôi đốt khách thì ai chịu?";
    const r = await c.engine.ask(q);
    expect(r.status).toBe("answer");
    const x = await c.engine.explain(q);
    expect(x.hits[0].label).toBe("Điều 2 — Quy chế 9-QC/ONGTEST");
    expect(x.hits[0].gate).toBe("cited");
  });

  it("reads the word after «mấy» as the asker's unit, never as a specific term the hit must hold", async () => {
    // "tiếng" (hours, in speech) is rare here and used only in the article on noise; the
    // regulation writes "giờ". Read as a specific term, it would need 0.6 of the question.
    const q = "Mỗi sáng thu hoạch mật mấy tiếng?";
    const x = await c.engine.explain(q);
    expect(x.hits[0].label).toBe("Điều 3 — Quy chế 9-QC/ONGTEST");
    expect(x.hits[0].absent).toBeUndefined();
    expect((await c.engine.ask(q)).status).toBe("answer");
  });

  it("still refuses a question the regulation does not treat", async () => {
    expect((await c.engine.ask("Giá vé tàu hỏa đi Đà Nẵng là bao nhiêu?")).status).toBe("not_found");
    expect((await c.engine.ask("Chó nhà hàng xóm sủa cả đêm thì báo ai?")).status).toBe("not_found");
  });
});
