import { describe, expect, it } from "vitest";
import { topK } from "../src/index/lexical.js";
import { DocRows } from "../src/index/doc-mask.js";
import { foldDiacritics, searchForm } from "../src/text/normalize.js";
import { syllableRuns } from "../src/text/tokenize.js";

/** Every candidate ranked by a plain sort: what topK must agree with. */
function sorted(candidates: number[], scores: Float32Array, k: number) {
  return [...candidates].sort((a, b) => scores[b] - scores[a] || a - b).slice(0, k).map((row) => ({ row, score: scores[row] }));
}

describe("topK", () => {
  it("keeps the k best, best first, the lower row first among equal scores", () => {
    // Made-up scores with many ties (few distinct values) and candidates in scrambled order.
    const scores = new Float32Array(300).map((_, i) => ((i * 37) % 11) / 4);
    const candidates = Array.from({ length: 250 }, (_, i) => (i * 113) % 300);
    for (const k of [0, 1, 7, 50, 250, 400]) expect(topK(candidates, scores, k)).toEqual(sorted(candidates, scores, k));
  });
});

describe("document masks", () => {
  it("marks exactly the rows of the named documents, whatever order rows come in", () => {
    const rows = [2, 0, 0, 1, 2, 2, 0].map((doc) => ({ doc }));
    const masks = new DocRows(rows, 4);
    expect([...masks.mask(new Set([0]))]).toEqual([0, 1, 1, 0, 0, 0, 1]);
    expect([...masks.mask(new Set([1, 2]))]).toEqual([1, 0, 0, 1, 1, 1, 0]);
    expect([...masks.mask(new Set([3, 9]))]).toEqual([0, 0, 0, 0, 0, 0, 0]);
  });
});

describe("folding and syllables", () => {
  it("folds tone marks, đ and other letters, and keeps characters without marks", () => {
    expect(foldDiacritics("Đảng viên ĐỀ NGHỊ quỹ “Ð” – ß")).toBe("Dang vien DE NGHI quy “Ð” – ß");
  });

  it("reads syllables as the longest runs of letters, marks and digits, beyond the basic plane too", () => {
    const text = "cán bộ😀x 𝐀bc ½ ٣٤ a\u0301 \u0301 ab\ud800cd — quyền-lợi";
    // The reference: the regular expression the scanner stands for, over the same search form of the text.
    expect(syllableRuns(text)).toEqual([searchForm(text).match(/[\p{L}\p{M}\p{N}]+/gu)]);
  });

  it("keeps document numbers whole in a run with digits, and plain runs without", () => {
    expect(syllableRuns("Theo Nghị định 73/2023/NĐ-CP, điều 5. Phạm vi")).toEqual([["theo", "nghị", "định", "73/2023/nđ-cp"], ["điều", "5"], ["phạm", "vi"]]);
  });
});
