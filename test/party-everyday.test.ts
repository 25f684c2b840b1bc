/**
 * Members' own words about Party work ("họp chi bộ", "vào Đảng", "bị kỷ luật", "xếp loại cuối
 * năm", "cán bộ dám làm") reach the articles of a regulation written in the Party's wording,
 * through the default thesaurus; without it most of them miss. The regulation is invented.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { buildCorpus, citedFirst, type TestCorpus } from "./helpers/engine.js";
import { REPO_ROOT } from "./helpers/shared.js";

const QUESTIONS: Array<[string, string]> = [
  ["Chi bộ họp mấy lần một tháng?", "2"],
  ["họp chi bộ thì bàn những gì", "3"],
  ["Muốn vào Đảng cần điều kiện gì?", "4"],
  ["Mới vào Đảng thì phải dự bị bao lâu?", "5"],
  ["Xếp loại cuối năm đảng viên có mấy mức?", "6"],
  ["Đảng viên bị kỷ luật thì có những mức nào?", "7"],
  ["Cán bộ dám làm mà sai thì có được che chắn không?", "8"],
  ["Già yếu có được nghỉ họp chi bộ không?", "9"],
  ["vang hop chi bo co phai bao ai khong", "2"],
  ["dang vien bi ky luat nang nhat la gi", "7"],
];

describe("everyday questions about Party work", () => {
  let c: TestCorpus;
  beforeAll(async () => {
    c = await buildCorpus({ "quy-dinh-mau-96.txt": readFileSync(path.join(REPO_ROOT, "test/fixtures/party/quy-dinh-mau-96.txt")) });
  });

  it("reach the right article first, far more often than without the thesaurus", async () => {
    const { hit, hitPlain, missed } = await citedFirst(c, QUESTIONS);
    expect(hit, missed.join("\n")).toBeGreaterThanOrEqual(9);
    expect(hit - hitPlain).toBeGreaterThanOrEqual(3);
  });
});
