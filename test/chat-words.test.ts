/**
 * How members type in chat: shorthand ("ko", "đc", "cty", "bn"), sentence-final particles and
 * greetings ("vậy ạ", "cho em hỏi", "luật sư ơi"), the asker's "tôi". None of it says what is
 * asked; left in, each is a word no document uses and sinks the question below the answer gate.
 * The regulation is invented.
 */
import { describe, expect, it } from "vitest";
import { spelledOut } from "../src/retrieve/chat-words.js";
import { informativeText } from "../src/retrieve/framing.js";
import { plainQuestion } from "../src/retrieve/question.js";
import { Thesaurus } from "../src/retrieve/thesaurus.js";
import { buildCorpus } from "./helpers/engine.js";

describe("chat shorthand is written out", () => {
  it.each([
    ["cty có bắt tăng ca đc ko", "công ty có bắt tăng ca được không"],
    ["Ko đóng bảo hiểm thì sao", "Không đóng bảo hiểm thì sao"],
    ["phạt bn tiền", "phạt bao nhiêu tiền"],
    ["làm j khi bị nợ lương, k ai trả", "làm gì khi bị nợ lương, không ai trả"],
    ["có được nghỉ hông?", "có được nghỉ không?"],
    // typed without tone marks, it stays without them (the thesaurus and search read it so)
    ["bi phat bn tien k", "bi phat bao nhieu tien khong"],
  ])("%s → %s", (typed, full) => {
    expect(spelledOut(typed)).toBe(full);
  });

  it.each([
    "điểm k khoản 2 Điều 5 quy định gì",
    "bn ơi cho hỏi",
    "xe bi hong thi sao",
    "K. Cả A và B đều đúng",
    "CTY TNHH Vườn ươm",
    "bán hông heo ở chợ",
  ])("leaves alone what is not shorthand there: %s", (q) => {
    expect(spelledOut(q)).toBe(q);
  });

  it("is part of reading a typed question", () => {
    expect(plainQuestion("**cty** nợ lương đc ko 😡")).toBe("công ty nợ lương được không");
  });
});

describe("spoken framing is not what a question is about", () => {
  it("particles, greetings, thanks and the asker's 'tôi' are left out of the gate's words", () => {
    const words = (q: string) => informativeText(q).replace(/[\s,?]+/gu, " ").trim();
    expect(words("Cho em hỏi làm đủ năm thì nghỉ phép mấy ngày vậy ạ?")).toBe("làm đủ năm thì nghỉ phép mấy ngày");
    expect(words("Luật sư ơi, sân nhà tôi bị ngập thì sao nhé, cảm ơn")).toBe("sân nhà bị ngập thì sao");
    expect(words("được nghỉ mấy ngày nha")).toBe("được nghỉ mấy ngày");
    expect(words("Nghỉ việc rồi mà người ta chưa trả lương nữa")).toBe("Nghỉ việc mà chưa trả lương");
  });

  it("keeps what only looks like a particle: 'trẻ em', and 'nha', 'vay', 'toi' typed without marks", () => {
    expect(informativeText("trẻ em được nghỉ không")).toBe("trẻ em được nghỉ không");
    expect(informativeText("xay nha co bi toi khong")).toBe("xay nha co bi toi khong");
    expect(informativeText("vay tien khong tra")).toBe("vay tien khong tra");
  });

  it("a removed word breaks the run: its neighbours make no pair", () => {
    expect(informativeText("sân nhà tôi đổ nước")).toMatch(/nhà\s*,\s*đổ/u);
  });
});

describe("a longer phrase said with words inside it, where a shorter one matches as typed", () => {
  it("both expand: the shorter as typed, the longer at the gapped weight", () => {
    const t = Thesaurus.parse(["vay tiền => hợp đồng vay", "vay rồi bỏ trốn => lạm dụng tín nhiệm"].join("\n"));
    const found = t.expand("vay tiền rồi bỏ trốn");
    expect(found.find((e) => e.text === "hợp đồng vay")?.weight).toBe(1);
    expect(found.find((e) => e.text === "lạm dụng tín nhiệm")?.weight).toBeCloseTo(0.8);
    // A phrase no longer than the one matched as typed adds nothing gapped.
    expect(Thesaurus.parse("vay tiền => hợp đồng vay\nvay trốn => bỏ trốn").expand("vay tiền trốn").map((e) => e.text)).toEqual(["hợp đồng vay"]);
  });
});

const REGULATION = [
  "QUY CHẾ LAO ĐỘNG CỦA VƯỜN ƯƠM MẪU (VĂN BẢN THỬ NGHIỆM, KHÔNG CÓ THẬT)",
  "Số: 02/2099/QC-TEST",
  "Điều 1. Nghỉ hằng năm",
  "Người làm vườn ươm làm đủ 12 tháng được nghỉ hằng năm 12 ngày, hưởng nguyên lương.",
  "Điều 2. Làm thêm giờ",
  "Vườn ươm chỉ được yêu cầu người làm vườn ươm làm thêm giờ khi người đó đồng ý; giờ làm thêm được trả ít nhất 150% tiền công.",
  "Điều 3. Tưới cây giống",
  "Cây giống được tưới nước hai lần mỗi ngày vào mùa khô.",
].join("\n");

describe("chat questions on an invented regulation", () => {
  it("are answered from the same article as the same question in full words", async () => {
    const { engine } = await buildCorpus({ "quy-che-vuon-uom.txt": REGULATION });
    const article = async (q: string) => {
      const r = await engine.ask(q);
      return r.status === "answer" ? r.citations[0].path.find((s) => s.type === "dieu")?.label : r.status;
    };
    for (const [chat, full, want] of [
      ["Cho em hỏi làm đủ năm thì được nghỉ hằng năm mấy ngày vậy ạ?", "làm đủ năm thì được nghỉ hằng năm mấy ngày?", "1"],
      ["người làm vườn ươm ko đồng ý làm thêm giờ thì có đc ko", "người làm vườn ươm không đồng ý làm thêm giờ thì có được không", "2"],
      ["lam them gio dc tra bn tien", "lam them gio duoc tra bao nhieu tien", "2"],
    ] as const) {
      expect(await article(full), full).toBe(want);
      expect(await article(chat), chat).toBe(want);
    }
  });

  it("a question on something the regulation does not treat is still refused, particles or not", async () => {
    const { engine } = await buildCorpus({ "quy-che-vuon-uom.txt": REGULATION });
    for (const q of ["Hôm nay trời có mưa không vậy ạ?", "cho em hỏi giá vàng hôm nay bn tiền", "Nhà tôi nuôi mèo thì có phải đăng ký không nhé?"])
      expect((await engine.ask(q)).status, q).toBe("not_found");
  });
});
