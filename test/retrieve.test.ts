import { describe, expect, it } from "vitest";
import { DocNameMatcher, nameKeys } from "../src/retrieve/doc-names.js";
import { isLookup, parseUnitRefs } from "../src/retrieve/unit-refs.js";
import { definesTerm, definitionTerm } from "../src/retrieve/definition.js";
import { citationLabel, docLabel, unitLabel } from "../src/model/citation.js";
import type { DocMeta } from "../src/model/document.js";

const meta = (m: Partial<DocMeta> & Pick<DocMeta, "id" | "kind" | "title">): DocMeta => ({ aliases: [], status: "in_force", ...m });
const DOCS = [
  meta({ id: "nd-73-2023", number: "73/2023/NĐ-CP", kind: "Nghị định", title: "quy định về khuyến khích, bảo vệ cán bộ năng động", aliases: ["NĐ 73"] }),
  meta({ id: "ct-34-tu-danang", number: "34-CT/TU", kind: "Chỉ thị", title: "về tiếp tục đẩy mạnh cải cách hành chính", aliases: ["CT34", "chỉ thị 34 của Thành ủy"] }),
  meta({ id: "ct-05-tw", number: "05-CT/TW", kind: "Chỉ thị", title: "về đẩy mạnh học tập và làm theo tư tưởng Hồ Chí Minh" }),
  meta({ id: "qd-124-tw", number: "124-QĐ/TW", kind: "Quy định", title: "về kiểm điểm và đánh giá, xếp loại chất lượng hằng năm" }),
  meta({ id: "blds", number: "91/2015/QH13", kind: "Bộ luật", title: "Dân sự" }),
];

describe("document names in questions", () => {
  const m = new DocNameMatcher(DOCS);
  const ids = (q: string) => m.find(q).map((n) => n.docId);

  it.each([
    ["Điều 5 Nghị định 73", "nd-73-2023"],
    ["NĐ 73 bảo vệ cán bộ thế nào", "nd-73-2023"],
    ["nd73?", "nd-73-2023"],
    ["dieu 5 nd 73", "nd-73-2023"],
    ["Nghị định số 73/2023/NĐ-CP", "nd-73-2023"],
    ["mục 3 chỉ thị 34", "ct-34-tu-danang"],
    ["CT34 nói gì", "ct-34-tu-danang"],
    ["chi thi 34 cua thanh uy", "ct-34-tu-danang"],
    ["chỉ thị 05", "ct-05-tw"],
    ["chỉ thị 5", "ct-05-tw"],
    ["khoản 2 điều 12 quy định 124", "qd-124-tw"],
    ["QĐ 124-QĐ/TW", "qd-124-tw"],
    ["Theo Bộ luật Dân sự 2015", "blds"],
    ["luật dân sự quy định", "blds"],
  ])("%s → %s", (q, id) => expect(ids(q)).toEqual([id]));

  it("does not match a number inside a longer one", () => {
    expect(ids("nghị định 7 về thuế")).toEqual([]);
    expect(ids("chỉ thị 345")).toEqual([]);
  });

  it("derives keys from metadata, not a fixed list", () => {
    expect(nameKeys(DOCS[0])).toEqual(expect.arrayContaining(["nghi dinh 73", "nd 73", "nd73", "73/2023/nd-cp"]));
  });
});

describe("documents named by title (no manifest: names from the header and file name)", () => {
  // invented documents: names and numbers made up for the test
  const LAWS = [
    meta({ id: "hc-mau", number: "01/2031/QHM", kind: "Hiến pháp", title: "nước Cộng hòa vườn ươm mẫu", date: "2031-01-01", file: "hien-chuong.txt" }),
    meta({ id: "vc-2030", number: "58/2030/QHM", kind: "Luật", title: "Vườn chim mẫu", date: "2030-11-15", file: "Luật_Vườn_chim_mẫu_2030.txt" }),
    meta({ id: "vc-2040", number: "12/2040/QHM", kind: "Luật", title: "Vườn chim mẫu", date: "2040-06-01" }),
    meta({ id: "tc-mau", number: "104/2036/QHM", kind: "Luật", title: "về tiếp cận vườn mẫu", date: "2036-04-06" }),
    meta({ id: "bl-mau", number: "91/2035/QHM", kind: "Bộ luật", title: "Vườn ươm mẫu", date: "2035-11-24" }),
    meta({ id: "vbhn-mau", number: "07/VBHN-VPM", kind: "Luật", title: "Vườn chim mẫu", date: "2041-02-01" }),
    meta({ id: "tt-mau", kind: "Luật", title: "Hải cảng mẫu", file: "Luật_Hải_cảng_mẫu_số_2_năm_2033.txt" }),
  ];
  const m = new DocNameMatcher(LAWS);
  const ids = (q: string) => m.find(q).map((n) => n.docId);

  it.each([
    ["Điều 86 Hiến pháp", ["hc-mau"]],
    ["dieu 86 hien phap", ["hc-mau"]],
    ["Hiến pháp năm 2031 quy định gì về vườn", ["hc-mau"]],
    ["Điều 6 Luật Tiếp cận vườn mẫu", ["tc-mau"]],
    ["theo Bộ luật Vườn ươm mẫu", ["bl-mau"]],
    ["luat vuon uom mau", ["bl-mau"]],
    // the year picks one of two laws of the same name; the consolidated text is not "2041"
    ["Luật Vườn chim mẫu 2030", ["vc-2030"]],
    ["luat vuon chim mau nam 2040", ["vc-2040"]],
    ["Văn bản hợp nhất 07/VBHN-VPM", ["vbhn-mau"]],
    ["Luật Hải cảng mẫu số 2", ["tt-mau"]],
  ])("%s → %j", (q, want) => expect(ids(q)).toEqual(want));

  it("names every law of a name, the newest first, when the year is not given", () => {
    expect(ids("Điều 5 Luật Vườn chim mẫu")).toEqual(["vbhn-mau", "vc-2040", "vc-2030"]);
  });
});

describe("unit references", () => {
  it("reads articles, clauses, points, sections and parts", () => {
    expect(parseUnitRefs("khoản 2 điều 12 quy định 124")).toEqual([
      { type: "dieu", label: "12" },
      { type: "khoan", label: "2" },
    ]);
    expect(parseUnitRefs("điểm đ khoản 1 Điều 3")).toContainEqual({ type: "diem", label: "đ" });
    expect(parseUnitRefs("diem a khoan 1 dieu 3")).toContainEqual({ type: "diem", label: "a" });
    expect(parseUnitRefs("phần 2 mục 3")).toEqual([
      { type: "muc", label: "3" },
      { type: "phan", label: "II" },
    ]);
  });

  it("does not take look-alike words for references", () => {
    expect(parseUnitRefs("mức 3 là gì")).toEqual([]);
    expect(parseUnitRefs("phân 2 loại")).toEqual([]);
  });

  it("tells a lookup from a question that only mentions a unit", () => {
    expect(isLookup("Điều 5 Nghị định 73", ["nghi dinh 73"])).toBe(true);
    expect(isLookup("nội dung khoản 2 điều 12 là gì", [])).toBe(true);
    expect(isLookup("người phạm tội quy định tại Điều 142 thì bị phạt tù bao lâu", [])).toBe(false);
  });
});

describe("definition questions", () => {
  it("extracts the term asked about", () => {
    expect(definitionTerm('Định nghĩa của "Người lao động"?')).toBe("nguoi lao dong");
    expect(definitionTerm("An ninh mạng là gì?")).toBe("an ninh mang");
    expect(definitionTerm("Theo Bộ luật Dân sự 2015, hoa lợi được hiểu như thế nào?", ["bo luat dan su"])).toBe("hoa loi");
    expect(definitionTerm("Người lao động có quyền gì?")).toBeUndefined();
  });

  it("recognises the defining sentence", () => {
    expect(definesTerm("Hoa lợi là sản vật tự nhiên mà tài sản mang lại.", "hoa loi")).toBe(true);
    expect(definesTerm("Hoa lợi được chia theo thỏa thuận.", "hoa loi")).toBe(false);
  });
});

describe("citation labels", () => {
  const doc = { id: "nd-73-2023", number: "73/2023/NĐ-CP", kind: "Nghị định", title: "…", status: "in_force" as const };
  it("reads from the smallest unit to the document for legal texts", () => {
    const path = [
      { type: "chuong" as const, label: "II" },
      { type: "dieu" as const, label: "5" },
      { type: "khoan" as const, label: "2" },
      { type: "diem" as const, label: "a" },
    ];
    expect(unitLabel(path)).toBe("điểm a khoản 2 Điều 5");
    expect(citationLabel({ doc, path })).toBe("điểm a khoản 2 Điều 5 — Nghị định 73/2023/NĐ-CP");
  });

  it("reads parts and sections for directives", () => {
    const ct = { ...doc, number: "34-CT/TU", kind: "Chỉ thị" };
    expect(citationLabel({ doc: ct, path: [{ type: "muc", label: "2" }] })).toBe("mục 2 — Chỉ thị 34-CT/TU");
    expect(unitLabel([{ type: "phan", label: "II" }, { type: "muc", label: "3" }])).toBe("phần II, mục 3");
  });

  it("does not repeat the kind in a title that starts with it", () => {
    expect(docLabel({ id: "g", kind: "Hướng dẫn", title: "Hướng dẫn sử dụng trợ lý", status: "in_force" })).toBe("Hướng dẫn sử dụng trợ lý");
  });
});

describe("definition questions, however the asking is phrased", () => {
  it("finds the term in 'X được định nghĩa là gì' as in 'X là gì'", () => {
    expect(definitionTerm("Tài sản được định nghĩa là gì?")).toBe("tai san");
    expect(definitionTerm("Tài sản là gì?")).toBe("tai san");
    expect(definitionTerm("Khái niệm hoa lợi là gì?")).toBe("hoa loi");
    expect(definitionTerm("Hoa lợi được giải thích như thế nào?")).toBe("hoa loi");
  });
});

describe("what a question asks", () => {
  it("drops verdict framing, options and a story's made-up names", async () => {
    const { informativeText, askedPart } = await import("../src/retrieve/framing.js");
    expect(informativeText("Người lao động được nghỉ 12 ngày, đúng hay sai?")).toBe("Người lao động được nghỉ 12 ngày, ?");
    expect(askedPart("Hành vi nào sau đây bị cấm? A. Trộm cắp B. Cho vay C. Tặng cho D. Thuê")).toBe("Hành vi nào sau đây bị cấm?");
    expect(informativeText("Anh Nguyễn Văn A cho chị B vay tiền. Hỏi: hợp đồng vay có hiệu lực khi nào?")).toBe("hợp đồng vay có hiệu lực khi nào?");
    expect(informativeText("Ông Trần Văn Nam cho B thuê nhà")).toBe("Ông cho thuê nhà");
    // Capitals are not names when the whole question is typed in capitals.
    expect(informativeText("BỘ QUỐC PHÒNG CÓ TRÁCH NHIỆM GÌ")).toBe("BỘ QUỐC PHÒNG CÓ TRÁCH NHIỆM GÌ");
  });
});
