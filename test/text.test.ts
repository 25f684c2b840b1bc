import { describe, expect, it } from "vitest";
import { foldDiacritics, foldKey, hasDiacritics, normalizeText, searchForm, unifyVariants } from "../src/text/normalize.js";
import { foldedTerms, syllableRuns, tokenize } from "../src/text/tokenize.js";

describe("normalisation", () => {
  it("makes NFD input equal to NFC", () => {
    const nfd = "Nghị định".normalize("NFD");
    expect(nfd).not.toBe("Nghị định");
    expect(normalizeText(nfd)).toBe("Nghị định");
  });

  it("keeps stored spelling but unifies it for search", () => {
    expect(normalizeText("hoà bình")).toBe("hoà bình");
    expect(searchForm("hoà bình")).toBe(searchForm("hòa bình"));
    expect(searchForm("thuỷ lợi")).toBe("thủy lợi");
    expect(searchForm("khoẻ")).toBe("khỏe");
    expect(searchForm("quí")).toBe("quý");
    expect(searchForm("kĩ thuật")).toBe("kỹ thuật");
    expect(searchForm("lí do")).toBe("lý do");
  });

  it("leaves syllables that only look like old tone placement", () => {
    expect(searchForm("hoàn thành")).toBe("hoàn thành");
    expect(searchForm("quý")).toBe("quý");
    expect(searchForm("công ty")).toBe("công ty");
  });

  it("folds tone marks and đ", () => {
    expect(foldDiacritics("Đảng cộng sản Việt Nam")).toBe("Dang cong san Viet Nam");
    expect(foldKey("NGHỊ ĐỊNH")).toBe("nghi dinh");
    expect(foldDiacritics("abc")).toBe("abc");
    expect(hasDiacritics("can bo")).toBe(false);
    expect(hasDiacritics("cán bộ")).toBe(true);
  });

  it("stores text verbatim after NFC, and matches through look-alikes", () => {
    expect(normalizeText("102/2017/NÐ-CP")).toBe("102/2017/NÐ-CP");
    expect(normalizeText("a\u00a0b\u200bc\u00add–e")).toBe("a\u00a0b\u200bc\u00add–e");
    expect(normalizeText("ca\u0301n bô\u0323")).toBe("cán bộ");
    expect(unifyVariants("102/2017/NÐ-CP")).toBe("102/2017/NĐ-CP");
    expect(unifyVariants("a\u00a0b\u200bc\u00add–e")).toBe("a bcd-e");
    expect(foldKey("NÐ-CP cán\u00adbộ")).toBe(foldKey("NĐ-CP cánbộ"));
  });
});

describe("tokenisation", () => {
  it("keeps document numbers whole", () => {
    const { folded } = tokenize("Theo Nghị định 73/2023/NĐ-CP và Chỉ thị 34-CT/TU, Quy định 124-QĐ/TW");
    expect(folded).toContain("73/2023/nd-cp");
    expect(folded).toContain("34-ct/tu");
    expect(folded).toContain("124-qd/tw");
    expect(folded).not.toContain("2023");
  });

  it("makes syllables and pairs in folded and accented forms", () => {
    const { folded, accented } = tokenize("cán bộ, đảng viên");
    expect(accented).toEqual(["cán", "cán bộ", "bộ", "đảng", "đảng viên", "viên"]);
    expect(folded).toEqual(["can", "can bo", "bo", "dang", "dang vien", "vien"]);
  });

  it("never pairs across punctuation", () => {
    expect(syllableRuns("Điều 5. Phạm vi")).toEqual([["điều", "5"], ["phạm", "vi"]]);
    expect(foldedTerms("a. b")).not.toContain("a b");
  });
});
