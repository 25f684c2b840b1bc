/**
 * Paragraphs written after a list (invented fixtures, "Chỉ thị về vườn ươm mẫu"): a paragraph that
 * goes on with the last item stays in it; one addressed to another holder or to the whole list is
 * a "đoạn" of the enclosing section, after its items, cited "đoạn N mục M" and found by it.
 */
import { describe, expect, it } from "vitest";
import { leadIn, unitFullText, unitPath, type ParsedDocument, type Unit } from "../src/model/document.js";
import { citationLabel } from "../src/model/citation.js";
import { locateUnit } from "../src/engine/locate.js";
import { parseUnitRefs } from "../src/retrieve/unit-refs.js";
import { continuationCount, itemHolder } from "../src/structure/trailing.js";
import { parseStructure } from "../src/structure/index.js";

const HEADER = ["ĐẢNG BỘ VƯỜN ƯƠM MẪU", "Số 01-CT/VƯM", "CHỈ THỊ", "về chăm sóc vườn ươm mẫu"];

function parse(body: string[]): ParsedDocument {
  const r = parseStructure([...HEADER, ...body].join("\n"));
  expect(r.layout).toBe("directive");
  return { meta: { id: "vuon-uom", kind: "Chỉ thị", number: "01-CT/VƯM", title: "về chăm sóc vườn ươm mẫu", aliases: [], status: "in_force" }, layout: r.layout, units: r.units, warnings: r.warnings };
}

const ids = (doc: ParsedDocument) => doc.units.map((u) => u.id);
const at = (doc: ParsedDocument, id: string) => doc.units.findIndex((u) => u.id === id);
const unit = (doc: ParsedDocument, id: string): Unit => doc.units[at(doc, id)];
const label = (doc: ParsedDocument, id: string) =>
  citationLabel({ doc: { id: doc.meta.id, kind: doc.meta.kind, number: doc.meta.number, title: doc.meta.title, status: "in_force" }, path: unitPath(doc, at(doc, id)).map((u) => ({ type: u.type, label: u.label })) });

describe("paragraphs after a list", () => {
  const doc = parse([
    "1. Mỗi vườn ươm lập sổ theo dõi cây giống.",
    "2. Về tổ chức thực hiện:",
    "a) Tổ giống cây có trách nhiệm:",
    "- Chọn hạt giống đạt chuẩn.",
    "- Gieo hạt đúng thời vụ.",
    "b) Tổ tưới tiêu có trách nhiệm tưới nước hằng ngày cho các luống cây non.",
    "Đồng thời kiểm tra độ ẩm của đất vào mỗi buổi chiều.",
    "Các Ban quản lý vườn ươm có trách nhiệm báo cáo kết quả hằng quý.",
    "Tổ bảo vệ tuần tra vườn vào ban đêm.",
    "3. Về kinh phí: do quỹ của vườn ươm bảo đảm.",
  ]);

  it("keeps a paragraph going on with the last item in it, and gives the rest to the section, after its items", () => {
    expect(ids(doc)).toEqual([
      "preamble",
      "muc-1",
      "muc-2",
      "muc-2/y-a",
      "muc-2/y-a/y-1",
      "muc-2/y-a/y-2",
      "muc-2/y-b",
      "muc-2/doan-2",
      "muc-2/doan-3",
      "muc-3",
    ]);
    expect(unit(doc, "muc-2/y-b").text).toBe("Tổ tưới tiêu có trách nhiệm tưới nước hằng ngày cho các luống cây non.\nĐồng thời kiểm tra độ ẩm của đất vào mỗi buổi chiều.");
    expect(unit(doc, "muc-2/doan-2")).toMatchObject({ type: "doan", label: "2", text: "Các Ban quản lý vườn ươm có trách nhiệm báo cáo kết quả hằng quý." });
    // once the list is closed, the next paragraph is the section's too
    expect(unit(doc, "muc-2/doan-3").text).toBe("Tổ bảo vệ tuần tra vườn vào ban đêm.");
  });

  it("shows the section whole in document order, items before the paragraphs after them", () => {
    const whole = unitFullText(doc, at(doc, "muc-2"));
    expect(whole.indexOf("a) Tổ giống cây")).toBeGreaterThan(whole.indexOf("Về tổ chức thực hiện:"));
    expect(whole.indexOf("b) Tổ tưới tiêu")).toBeGreaterThan(whole.indexOf("- Gieo hạt"));
    expect(whole.indexOf("Các Ban quản lý")).toBeGreaterThan(whole.indexOf("Đồng thời kiểm tra"));
    expect(whole.endsWith("Tổ bảo vệ tuần tra vườn vào ban đêm.")).toBe(true);
  });

  it("cites a paragraph inside its section, innermost first, and finds it by that name", () => {
    expect(label(doc, "muc-2/doan-2")).toBe("đoạn 2 mục 2 — Chỉ thị 01-CT/VƯM");
    expect(label(doc, "muc-2/y-b")).toBe("mục 2, ý b — Chỉ thị 01-CT/VƯM");
    for (const q of ["đoạn 2 mục 2 chỉ thị 01", "doan 2 muc 2", "Đoạn 2 Mục 2"]) expect(ids(doc)[locateUnit(doc, parseUnitRefs(q))!], q).toBe("muc-2/doan-2");
    expect(ids(doc)[locateUnit(doc, parseUnitRefs("đoạn cuối mục 2"))!]).toBe("muc-2/doan-3");
    expect(locateUnit(doc, parseUnitRefs("đoạn 9 mục 2"))).toBeUndefined();
    // a stage is not a paragraph
    expect(parseUnitRefs("giai đoạn 2 của mục 2")).toEqual([{ type: "muc", label: "2" }]);
  });

  it("does not give a paragraph after the list the words that introduce the list", () => {
    expect(leadIn(doc, at(doc, "muc-2/y-b"))?.text).toBe("Về tổ chức thực hiện:");
    expect(leadIn(doc, at(doc, "muc-2/doan-2"))).toBeUndefined();
  });
});

describe("when a trailing paragraph belongs to the enclosing unit", () => {
  it("reads the holder an item names before its duty", () => {
    expect(itemHolder("Tổ giống cây có trách nhiệm:")).toBe("Tổ giống cây");
    expect(itemHolder("Ban quản lý vườn (Tổ kỹ thuật) chịu trách nhiệm về chất lượng cây giống.")).toBe("Ban quản lý vườn");
    expect(itemHolder("Về tưới nước: tưới hằng ngày.")).toBeUndefined();
  });

  it("ends an item that closed with its own bullets, unless the paragraph names its holder", () => {
    const withList = { text: "Ban kỹ thuật có trách nhiệm:", hasList: true };
    expect(continuationCount(withList, ["Ngoài ra, vườn ươm cần lập kế hoạch năm."])).toBe(0);
    expect(continuationCount(withList, ["Trên đây là các việc giao cho Ban kỹ thuật trong năm đầu.", "Các tổ khác phối hợp."])).toBe(1);
  });

  it("ends an item at a paragraph with another holder or about the whole list, and keeps the rest", () => {
    const item = { text: "Tổ tưới tiêu có trách nhiệm tưới nước.", hasList: false };
    expect(continuationCount(item, ["Đồng thời kiểm tra độ ẩm.", "Tăng cường tưới vào mùa khô."])).toBe(2);
    expect(continuationCount(item, ["Đồng thời kiểm tra độ ẩm.", "Ủy ban nhân dân xã mẫu hỗ trợ kinh phí."])).toBe(1);
    expect(continuationCount(item, ["Các Bộ, ngành phối hợp thực hiện."])).toBe(0);
    expect(continuationCount(item, ["Những nhiệm vụ nêu trên phải xong trong quý I."])).toBe(0);
    // the holder of the item itself goes on with it; another holder working with it does not
    expect(continuationCount(item, ["Tổ tưới tiêu báo cáo lượng nước dùng hằng tháng."])).toBe(1);
    expect(continuationCount(item, ["Các tổ chăm sóc phối hợp với Tổ tưới tiêu."])).toBe(0);
    // a verb that is also a body's name ("Tổ chức", "Thanh tra") opens a duty, not a holder
    expect(continuationCount(item, ["Tổ chức tưới luân phiên giữa các luống.", "Thanh tra, kiểm tra việc tưới."])).toBe(2);
    expect(continuationCount(item, ["Thanh tra Vườn ươm kiểm tra việc tưới."])).toBe(0);
  });
});

describe("Party numbering and prose around bullets", () => {
  it("reads '1-' sections and 'a-' items and gives the closing paragraph to the section", () => {
    const doc = parse([
      "1- Về chăm sóc cây giống:",
      "a- Chi bộ Tổ giống phải kiểm tra cây giống hằng tuần.",
      "b- Chi bộ Tổ tưới phải bảo đảm nước tưới.",
      "Trên đây là những việc các chi bộ cần làm ngay trong mùa khô.",
      "2- Về báo cáo: định kỳ hằng tháng.",
    ]);
    expect(ids(doc)).toEqual(["preamble", "muc-1", "muc-1/y-a", "muc-1/y-b", "muc-1/doan-2", "muc-2"]);
    expect(unitFullText(doc, at(doc, "muc-1"))).toBe(
      "Về chăm sóc cây giống:\na) Chi bộ Tổ giống phải kiểm tra cây giống hằng tuần.\nb) Chi bộ Tổ tưới phải bảo đảm nước tưới.\nTrên đây là những việc các chi bộ cần làm ngay trong mùa khô.",
    );
  });

  it("keeps a paragraph between two items in the first, and after an item's own bullets as that item's paragraph", () => {
    const doc = parse([
      "1. Về nhân lực:",
      "a) Tổ giống cây có trách nhiệm:",
      "- Chọn hạt giống đạt chuẩn.",
      "Việc chọn giống ghi vào sổ theo dõi của Tổ giống cây.",
      "b) Tổ tưới tiêu có trách nhiệm tưới nước hằng ngày.",
      "Nước tưới lấy từ giếng của vườn.",
      "c) Tổ bảo vệ có trách nhiệm tuần tra.",
    ]);
    expect(ids(doc)).toEqual(["preamble", "muc-1", "muc-1/y-a", "muc-1/y-a/y-1", "muc-1/y-a/doan-2", "muc-1/y-b", "muc-1/y-c"]);
    expect(label(doc, "muc-1/y-a/doan-2")).toBe("đoạn 2 ý a mục 1 — Chỉ thị 01-CT/VƯM");
    expect(unit(doc, "muc-1/y-b").text).toBe("Tổ tưới tiêu có trách nhiệm tưới nước hằng ngày.\nNước tưới lấy từ giếng của vườn.");
  });

  it("puts prose after a section's bullets after them, and under a bullet that ends in ':' when it follows one", () => {
    const doc = parse([
      "1. Về sổ sách:",
      "- Sổ theo dõi cây giống ghi các mục sau:",
      "Ô 1: tên cây; ô 2: ngày gieo.",
      "- Sổ nhật ký tưới ghi lượng nước.",
      "Sổ sách lưu tại văn phòng vườn ươm.",
      "Ngoài ra, mỗi tổ cần có:",
      "- Bảng phân công trực.",
    ]);
    expect(ids(doc)).toEqual(["preamble", "muc-1", "muc-1/y-1", "muc-1/y-2", "muc-1/doan-2", "muc-1/doan-3", "muc-1/doan-3/y-1"]);
    expect(unit(doc, "muc-1/y-1").text).toBe("Sổ theo dõi cây giống ghi các mục sau:\nÔ 1: tên cây; ô 2: ngày gieo.");
    expect(leadIn(doc, at(doc, "muc-1/doan-3/y-1"))?.text).toBe("Ngoài ra, mỗi tổ cần có:");
    const whole = unitFullText(doc, at(doc, "muc-1"));
    expect(whole.indexOf("Sổ sách lưu tại")).toBeGreaterThan(whole.indexOf("Sổ nhật ký tưới"));
  });
});

describe("paragraphs after a clause's points (laws, Party regulations)", () => {
  const text = [
    "QUY CHẾ",
    "Vườn ươm mẫu",
    "Điều 1. Chăm sóc cây giống",
    "1. Tổ giống cây thực hiện các việc sau đây:",
    "a) Chọn hạt giống đạt chuẩn;",
    "b) Gieo hạt đúng thời vụ.",
    "Ban quản lý vườn ươm quy định chi tiết khoản này.",
    "2. Tổ tưới tiêu có các nhiệm vụ sau đây:",
    "a) Tưới nước hằng ngày;",
    "b) Kiểm tra độ ẩm của đất.",
    "Trường hợp trời mưa thì không phải tưới nước.",
    "3. Tổ bảo vệ có các nhiệm vụ sau đây:",
    "a) Tuần tra vườn vào ban đêm;",
    "b) Lập sổ ghi các lần tuần tra.",
    "Ban quản lý vườn ươm quy định mẫu sổ tại điểm này.",
    "Điều 2. Hiệu lực",
    "Quy chế này có hiệu lực từ ngày ký.",
  ].join("\n");
  const r = parseStructure(text);
  const doc: ParsedDocument = { meta: { id: "quy-che", kind: "Quy chế", number: "03-QC/VƯM", title: "Vườn ươm mẫu", aliases: [], status: "in_force" }, layout: r.layout, units: r.units, warnings: r.warnings };

  it("gives a paragraph addressed to another holder to the clause, after its points, as 'đoạn 2 khoản 1 Điều 1'", () => {
    expect(r.layout).toBe("legal");
    expect(ids(doc).filter((id) => id.startsWith("dieu-1/khoan-1"))).toEqual(["dieu-1/khoan-1", "dieu-1/khoan-1/diem-a", "dieu-1/khoan-1/diem-b", "dieu-1/khoan-1/doan-2"]);
    expect(unit(doc, "dieu-1/khoan-1/diem-b").text).toBe("Gieo hạt đúng thời vụ.");
    expect(unit(doc, "dieu-1/khoan-1/doan-2").text).toBe("Ban quản lý vườn ươm quy định chi tiết khoản này.");
    expect(label(doc, "dieu-1/khoan-1/doan-2")).toBe("đoạn 2 khoản 1 Điều 1 — Quy chế 03-QC/VƯM");
    expect(ids(doc)[locateUnit(doc, parseUnitRefs("đoạn 2 khoản 1 Điều 1"))!]).toBe("dieu-1/khoan-1/doan-2");
    expect(unitFullText(doc, at(doc, "dieu-1/khoan-1"))).toBe(
      "Tổ giống cây thực hiện các việc sau đây:\na) Chọn hạt giống đạt chuẩn;\nb) Gieo hạt đúng thời vụ.\nBan quản lý vườn ươm quy định chi tiết khoản này.",
    );
  });

  it("keeps in the point a paragraph that goes on with it or speaks of 'điểm này'", () => {
    expect(unit(doc, "dieu-1/khoan-2/diem-b").text).toBe("Kiểm tra độ ẩm của đất.\nTrường hợp trời mưa thì không phải tưới nước.");
    expect(unit(doc, "dieu-1/khoan-3/diem-b").text).toBe("Lập sổ ghi các lần tuần tra.\nBan quản lý vườn ươm quy định mẫu sổ tại điểm này.");
    expect(doc.units.filter((u) => u.type === "doan")).toHaveLength(1);
  });

  it("leaves a point holding quoted wording or a clause number the parser missed as it is", () => {
    const amended = parseStructure(
      ["LUẬT", "Sửa đổi Quy chế vườn ươm mẫu", "Điều 1. Sửa đổi", "1. Sửa đổi như sau:", "a) Sửa đổi điểm a:", "b) Sửa đổi khoản 2 như sau:", "“2. Tổ tưới tiêu tưới nước.", "Ban quản lý vườn ươm quy định chi tiết.”"].join("\n"),
    );
    expect(amended.units.some((u) => u.type === "doan")).toBe(false);
  });
});
