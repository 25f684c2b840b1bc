/**
 * How members and civil servants say Party and civil-service things ("bị xếp loại yếu", "lên chức",
 * "sếp", "chuyển đảng", "học Bác", "vòi tiền dân", "họp online") reaches a regulation written in the
 * Party's wording. The regulation (Đảng ủy xã Mẫu Sơn) is invented; the questions were written before
 * the entries for them, in two rounds: the first 12 went 11 → 12 first, the second 12 went 2 → 10
 * (6/24 with no thesaurus at all). An invented directive's 12 went 9 → 11 with round three (8 with none).
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { buildCorpus, citedFirst, type TestCorpus } from "./helpers/engine.js";
import { REPO_ROOT } from "./helpers/shared.js";

const QUESTIONS: Array<[string, string]> = [
  ["Viết bản kiểm điểm cuối năm xong thì ai chấm?", "2"],
  ["Thế nào thì bị coi là không hoàn thành nhiệm vụ?", "3"],
  ["Hai năm liền bị xếp loại yếu thì sao?", "4"],
  ["Muốn được lên chức thì cần gì?", "5"],
  ["Ngồi một ghế bao lâu thì phải chuyển đi nơi khác?", "6"],
  ["Phòng ban đùn đẩy việc thì sếp có chịu trách nhiệm không?", "7"],
  ["Dám làm cái mới mà bị thiệt hại thì có bị xử lý không?", "8"],
  ["Học Bác thì chi bộ phải làm gì?", "9"],
  ["Chuyển công tác thì chuyển đảng thế nào?", "10"],
  ["Mấy tháng không đóng đảng phí thì bị xóa tên?", "11"],
  ["Cán bộ một cửa vòi tiền dân thì bị phạt thế nào?", "12"],
  ["chi bo hop online duoc khong", "13"],
  // Second round, written after the first entries and before the second.
  ["Bị đánh giá không đạt mấy năm thì mất việc?", "4"],
  ["Ai quyết định cuối cùng cán bộ được loại gì?", "2"],
  ["cán bộ có tư tưởng lệch lạc, sống buông thả thì xếp loại gì", "3"],
  ["Muốn làm trưởng phòng thì phải mấy năm liền được đánh giá tốt?", "5"],
  ["Làm ở một chỗ mấy năm thì bị điều chuyển?", "6"],
  ["Cơ quan để nhân viên làm việc qua loa thì thủ trưởng có bị liên đới không?", "7"],
  ["Cán bộ xông xáo làm việc mới mà gây thất thoát thì có được miễn tội không?", "8"],
  ["Chi bộ làm theo gương Bác Hồ cần đăng ký gì?", "9"],
  ["Về hưu thì nộp sổ đảng về đâu, trong bao lâu?", "10"],
  ["Đảng viên quên nộp đảng phí mấy tháng thì bị gạch tên?", "11"],
  ["Công chức tiếp nhận hồ sơ gây khó dễ cho dân thì bị kỷ luật ra sao?", "12"],
  ["Chi bộ có người đi làm xa thì họp qua Zoom được không?", "13"],
];

/** A directive in the Party's layout (sections "1.", "2.", bullets), asked the same way; written before round three's entries. */
const DIRECTIVE_QUESTIONS: Array<[string, string]> = [
  ["Trưởng cơ quan phải làm gì khi nhân viên né việc?", "1"],
  ["Hồ sơ của dân bị trễ hẹn thì cơ quan phải làm gì?", "2"],
  ["Cán bộ có được đẩy việc sang cơ quan khác không?", "2"],
  ["Làm giấy tờ trên mạng được hết không hay vẫn phải lên xã?", "3"],
  ["Dân có phải nộp photo giấy tờ nữa không?", "3"],
  ["Đảng viên phải đăng ký làm theo Bác những gì?", "4"],
  ["Ai có sáng kiến hay thì có được thưởng không?", "5"],
  ["Đơn vị có người tham nhũng thì còn được xét khen không?", "5"],
  ["Lãnh đạo có phải gặp dân định kỳ không?", "6"],
  ["Cán bộ bị dân phản ánh làm chậm nhiều lần thì sao?", "7"],
  ["Ai đi kiểm tra việc thực hiện chỉ thị này?", "7"],
  ["Bao lâu phải báo cáo kết quả một lần?", "8"],
];

const OFF_TOPIC = ["Giá vàng hôm nay bao nhiêu?", "Nuôi chó cảnh có phải đăng ký không?", "Đi máy bay được mang bao nhiêu cân hành lý?"];

describe("civil servants' everyday words on an invented Party regulation", () => {
  let c: TestCorpus;
  beforeAll(async () => {
    c = await buildCorpus({ "quy-dinh-mau-mau-son.txt": readFileSync(path.join(REPO_ROOT, "test/fixtures/party/quy-dinh-mau-mau-son.txt")) });
  });

  it("reach the right article first", async () => {
    const { hit, hitPlain, missed } = await citedFirst(c, QUESTIONS);
    console.log(`party words: ${hit}/${QUESTIONS.length} first (without thesaurus ${hitPlain})\n${missed.join("\n")}`);
    expect(hit, missed.join("\n")).toBeGreaterThanOrEqual(21);
  });

  it("reach the right section of an invented directive first", async () => {
    const d = await buildCorpus({ "chi-thi-mau-mau-lam.txt": readFileSync(path.join(REPO_ROOT, "test/fixtures/party/chi-thi-mau-mau-lam.txt")) });
    const { hit, hitPlain, missed } = await citedFirst(d, DIRECTIVE_QUESTIONS, "muc");
    console.log(`party words, directive: ${hit}/${DIRECTIVE_QUESTIONS.length} first (without thesaurus ${hitPlain})\n${missed.join("\n")}`);
    expect(hit, missed.join("\n")).toBeGreaterThanOrEqual(10);
    for (const q of OFF_TOPIC) expect((await d.engine.ask(q)).status, q).toBe("not_found");
  });

  it("still refuse what the regulation does not cover", async () => {
    for (const q of OFF_TOPIC) expect((await c.engine.ask(q)).status, q).toBe("not_found");
  });
});
