/**
 * Talking points on synthetic directive-style fixtures (test/fixtures/points: plainly invented
 * "Chỉ thị 98-CT/TEST" and "Quy định 97-QĐ/TEST"): selection, citations, de-duplication, the
 * "không đủ căn cứ" verdict, the topic and option parsers, and the exports.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import JSZip from "jszip";
import mammoth from "mammoth";
import { Engine } from "../src/engine/engine.js";
import { ingest } from "../src/ingest/ingest.js";
import { renderText } from "../src/render/text.js";
import { DocNameMatcher } from "../src/retrieve/doc-names.js";
import {
  buildTalkingPoints, NOT_ENOUGH_BASIS, outlineFileName, parseAudience, parseCount, parseLength, pointsToBlocks, pointsToDocx,
  pointsToMarkdown, PointsOptionError, type TalkingPoints,
} from "../src/points/index.js";
import { sourceLabel } from "../src/points/labels.js";
import { parseTopic } from "../src/points/topic.js";
import { generateQuiz } from "../src/quiz/index.js";
import { REPO_ROOT } from "./helpers/shared.js";
import { checkOutline } from "./points-check.js";

const FIXTURES = path.join(REPO_ROOT, "test/fixtures/points");
let dir = "";
let engine: Engine;

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), "hvb-points-"));
  await ingest({ from: FIXTURES, indexDir: dir, embedder: null });
  engine = Engine.open({ indexDir: dir });
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const docsOf = (tp: TalkingPoints) => new Set(tp.points.map((p) => p.citation.doc.id));

describe("buildTalkingPoints on directive fixtures", () => {
  it("a topic spanning both documents draws cited points from each", async () => {
    const tp = await buildTalkingPoints(engine, "trách nhiệm của người đứng đầu");
    checkOutline(engine, tp);
    expect(docsOf(tp)).toEqual(new Set(["chi-thi-mau-98", "quy-dinh-mau-97"]));
    expect(tp.title).toContain("người đứng đầu");
    // Bullets of one directive section are distinct provisions, cited as "Mục 2, ý 1".
    expect(tp.points.map((p) => sourceLabel(p.citation))).toContain("Mục 2, ý 1 — Chỉ thị 98-CT/TEST");
    expect(tp.closing?.citations.length).toBeGreaterThan(0);
  });

  it("a topic naming a document keeps to it, with count and audience read from the topic", async () => {
    const tp = await buildTalkingPoints(engine, "5 ý chính về Chỉ thị 98 để nói với đảng viên trẻ");
    checkOutline(engine, tp);
    expect(tp.points).toHaveLength(5);
    expect(docsOf(tp)).toEqual(new Set(["chi-thi-mau-98"]));
    expect(tp.audience).toBe("đảng viên");
    expect(tp.title).toMatch(/^Đối với đảng viên: 5 ý chính về Chỉ thị 98-CT\/TEST/);
    // The closing line carries the directive's call to implement it, cited.
    expect(tp.closing?.statement).toMatch(/theo dõi, đôn đốc|tổ chức thực hiện|chịu trách nhiệm/);
  });

  it("near-identical sentences in two sections make one point, and the closing does not repeat it", async () => {
    const tp = await buildTalkingPoints(engine, "sổ theo dõi mượn trả sách mẫu", { count: 7 });
    checkOutline(engine, tp, [1, 7]);
    const said = [...tp.points.map((p) => p.statement), ...(tp.closing ? [tp.closing.statement] : [])];
    expect(said.filter((s) => /phải giữ sổ theo dõi mượn trả sách mẫu đầy đủ/.test(s))).toHaveLength(1);
    expect(tp.notices.join(" ")).toContain(`chỉ có ${tp.points.length} nội dung`);
  });

  it("explicit options win: count, audience, docIds", async () => {
    const tp = await buildTalkingPoints(engine, "5 ý chính về trách nhiệm của người đứng đầu", { count: 3, audience: "nhân dân", docIds: ["quy-dinh-mau-97"] });
    checkOutline(engine, tp, [3, 3]);
    expect(docsOf(tp)).toEqual(new Set(["quy-dinh-mau-97"]));
    expect(tp.audience).toBe("nhân dân");
  });

  it("length changes the quote, never the citation check", async () => {
    const short = await buildTalkingPoints(engine, "Chỉ thị 98", { length: "ngan" });
    const long = await buildTalkingPoints(engine, "Chỉ thị 98", { length: "dai" });
    checkOutline(engine, short);
    checkOutline(engine, long);
    const total = (tp: TalkingPoints) => tp.points.reduce((n, p) => n + p.quote.length, 0);
    expect(total(long)).toBeGreaterThan(total(short));
  });

  it("says «không đủ căn cứ» for topics the documents do not cover", async () => {
    for (const topic of ["thám hiểm sao Hỏa bằng tàu vũ trụ", "5 ý chính về Nghị định 73", "giá vàng hôm nay"]) {
      const tp = await buildTalkingPoints(engine, topic);
      expect(tp.notEnoughBasis, topic).toMatch(new RegExp(`^${NOT_ENOUGH_BASIS}`));
      expect(tp.points).toEqual([]);
      expect(tp.closing).toBeUndefined();
    }
  });

  it("a document listed in the manifest but not loaded is said so", async () => {
    const tp = await buildTalkingPoints(engine, "5 ý chính về Hướng dẫn 96");
    expect(tp.notEnoughBasis).toBe(`${NOT_ENOUGH_BASIS}: Hướng dẫn 96-HD/TEST chưa được nạp toàn văn.`);
  });

  it("a comparison with earlier rules is not invented: it is said so", async () => {
    const tp = await buildTalkingPoints(engine, "những điểm mới của Quy định 97 so với trước");
    checkOutline(engine, tp);
    expect(docsOf(tp)).toEqual(new Set(["quy-dinh-mau-97"]));
    expect(tp.notices.join(" ")).toContain("không tự so sánh");
  });
});

describe("topic and option parsing", () => {
  it("separates documents, count, audience and content", () => {
    const matcher = new DocNameMatcher(engine.catalog());
    expect(parseTopic("5 ý chính về Chỉ thị 98 để nói với đảng viên trẻ", matcher)).toEqual({ content: "", named: ["chi-thi-mau-98"], count: 5, audience: "đảng viên", comparison: false });
    const r = parseTopic("ba điểm chính về trách nhiệm của người đứng đầu trong Chỉ thị số 98-CT/TEST và Quy định 97 dành cho cán bộ lãnh đạo", matcher);
    expect(r).toMatchObject({ content: "trách nhiệm của người đứng đầu", count: 3, audience: "cán bộ lãnh đạo" });
    expect(new Set(r.named)).toEqual(new Set(["chi-thi-mau-98", "quy-dinh-mau-97"]));
    expect(parseTopic("trách nhiệm nêu gương của đảng viên", matcher)).toMatchObject({ content: "trách nhiệm nêu gương của đảng viên", audience: undefined });
  });

  it("accepts typed options with or without accents and rejects the rest", () => {
    expect(parseAudience("Dang vien")).toBe("đảng viên");
    expect(parseAudience("đoàn viên thanh niên")).toBe("đoàn viên thanh niên");
    expect(parseLength("dài")).toBe("dai");
    expect(parseCount("7")).toBe(7);
    for (const bad of ["2", "8", "5.5", "năm", ""]) expect(() => parseCount(bad)).toThrow(PointsOptionError);
    expect(() => parseAudience("sinh viên")).toThrow(/Đối tượng «sinh viên» không hợp lệ/);
    expect(() => parseLength("rất dài")).toThrow(PointsOptionError);
  });
});

describe("exports", () => {
  let tp: TalkingPoints;
  beforeAll(async () => {
    tp = await buildTalkingPoints(engine, "trách nhiệm của người đứng đầu", { length: "dai" });
  });

  it("DOCX opens and holds the title, every point, quote and citation label", async () => {
    const buf = await pointsToDocx(tp);
    const zip = await JSZip.loadAsync(buf);
    expect(zip.file("word/numbering.xml")).not.toBeNull();
    expect(await zip.file("word/document.xml")!.async("string")).toContain("<w:numPr>");
    const { value } = await mammoth.extractRawText({ buffer: buf });
    expect(value).toContain(tp.title);
    for (const p of tp.points) {
      expect(value).toContain(p.statement);
      expect(value).toContain(`[${sourceLabel(p.citation)}]`);
    }
    for (const c of tp.closing!.citations) expect(value).toContain(sourceLabel(c));
    // Quotes shown in full, line by line, inside «…».
    const quoted = tp.points.find((p) => p.quote.includes("\n"));
    expect(quoted).toBeDefined();
    for (const line of quoted!.quote.split("\n")) expect(value).toContain(line);
  });

  it("Markdown holds the same points and labels", () => {
    const md = pointsToMarkdown(tp);
    const plain = md.replace(/\\(.)/g, "$1");
    expect(plain.startsWith(`# ${tp.title}\n`)).toBe(true);
    tp.points.forEach((p, i) => expect(plain).toContain(`${i + 1}. **${p.statement}** [${sourceLabel(p.citation)}]`));
    expect(plain).toContain("## Nhiệm vụ, lời kêu gọi");
  });

  it("chat blocks keep each point with its quote and label", () => {
    const text = renderText(pointsToBlocks(tp));
    for (const p of tp.points) {
      expect(text).toContain(p.statement);
      expect(text).toContain(sourceLabel(p.citation));
    }
  });

  it("a «không đủ căn cứ» outline renders as such everywhere", async () => {
    const none = await buildTalkingPoints(engine, "thám hiểm sao Hỏa");
    expect(pointsToMarkdown(none)).toContain(NOT_ENOUGH_BASIS);
    expect(renderText(pointsToBlocks(none))).toContain(NOT_ENOUGH_BASIS);
    expect((await mammoth.extractRawText({ buffer: await pointsToDocx(none) })).value).toContain(NOT_ENOUGH_BASIS);
    expect(outlineFileName(none, "docx")).toBe("dan-y-tham-hiem-sao-hoa.docx");
  });
});

describe("issue 13: a topic gate, self-contained points in argued order, audience, sources, a printable DOCX", () => {
  const CLUB = "quy-che-mau-95";

  it("topics the documents do not treat give no outline and no quiz, though they share common words with them", async () => {
    // "cờ tướng" is treated, "trực tuyến" nowhere; "xây dựng Đảng", "chuyển đổi số" share only "Đảng", "phường".
    for (const topic of ["cờ tướng trực tuyến", "chuyển đổi số trong công tác xây dựng Đảng ở phường", "an ninh mạng"]) {
      const tp = await buildTalkingPoints(engine, topic);
      expect(tp.notEnoughBasis, `${topic}: ${tp.points.map((p) => p.statement).join(" | ")}`).toMatch(new RegExp(`^${NOT_ENOUGH_BASIS}`));
      expect(tp.sources).toEqual([]);
      await expect(generateQuiz(engine, { topic, count: 3 })).rejects.toThrow(new RegExp(`^${NOT_ENOUGH_BASIS}`));
    }
    // The title names only the documents the points come from.
    const tp = await buildTalkingPoints(engine, "câu lạc bộ cờ tướng", { count: 7 });
    checkOutline(engine, tp, [3, 7]);
    expect(docsOf(tp)).toEqual(new Set([CLUB]));
    expect(tp.title).toBe(`Đối với đảng viên: ${tp.points.length} ý chính về câu lạc bộ cờ tướng theo Quy chế 95-QC/TEST`);
  });

  it("points stand alone: a list item carries its lead-in's subject; entry into force, repeal and transition are left out", async () => {
    const tp = await buildTalkingPoints(engine, "cờ tướng", { count: 7, docIds: [CLUB] });
    checkOutline(engine, tp, [3, 7]);
    const said = tp.points.map((p) => p.statement);
    for (const s of said) expect(s, s).not.toMatch(/hiệu lực|chuyển tiếp|hết hiệu lực/);
    expect(said.some((s) => s.startsWith("Ban chủ nhiệm câu lạc bộ cờ tướng thử nghiệm có nhiệm vụ"))).toBe(true);
    for (const s of said) expect(s, "no item without its subject").not.toMatch(/^(?:Lập lịch|Quản lý hội phí|Giúp Đảng ủy)/);
    // Argued order: why (purpose) first, then who does what, then what is asked of members.
    const roles = tp.points.map((p) => p.role);
    expect(roles[0]).toBe("why");
    expect(roles.slice(-2)).toEqual(["ask", "ask"]);
    expect(roles).toContain("who");
  });

  it("the audience changes which points are chosen and how the outline opens and closes", async () => {
    const people = await buildTalkingPoints(engine, "câu lạc bộ cờ tướng", { count: 3, audience: "nhân dân" });
    const leaders = await buildTalkingPoints(engine, "câu lạc bộ cờ tướng", { count: 3, audience: "cán bộ lãnh đạo" });
    checkOutline(engine, people, [3, 3]);
    checkOutline(engine, leaders, [3, 3]);
    expect(people.points.filter((p) => p.role === "ask")).toHaveLength(2);
    expect(leaders.points.filter((p) => p.role === "who")).toHaveLength(1);
    expect(people.points.map((p) => p.citation.unitId)).not.toEqual(leaders.points.map((p) => p.citation.unitId));
    expect(people.opening).toMatch(/^Thưa bà con/);
    expect(leaders.appeal).toMatch(/lãnh đạo, quản lý/);
  });

  it("a directive named alone offers all its sections and bullets", async () => {
    const tp = await buildTalkingPoints(engine, "Chỉ thị 98", { count: 7 });
    checkOutline(engine, tp, [7, 7]);
    // Points from each numbered section, spread before any section gives two.
    const sections = tp.points.map((p) => p.citation.unitId.split("/")[0]).filter((id) => id.startsWith("muc"));
    expect(new Set(sections).size).toBeGreaterThanOrEqual(4);
    expect(tp.notices.join(" ")).not.toMatch(/chỉ có/);
    // A bullet is reached by its own words, with its section's lead phrase as its subject.
    const bullet = await buildTalkingPoints(engine, "Chỉ thị 98 niêm yết nội quy phòng đọc", { count: 3 });
    checkOutline(engine, bullet, [1, 3]);
    expect(bullet.points.map((p) => p.statement)).toContain("Nâng cao nhận thức về trật tự phòng đọc: niêm yết nội quy phòng đọc ở nơi dễ thấy.");
  });

  it("sources by full name, number and date; the DOCX has the organ and date header, opening, numbered points, closing and sources", async () => {
    const tp = await buildTalkingPoints(engine, "câu lạc bộ cờ tướng", { count: 4 });
    expect(tp.sources).toHaveLength(1);
    expect(tp.sources[0].fullName).toMatch(/^Quy chế số 95-QC\/TEST ngày 5\/5\/2024 .*về hoạt động của câu lạc bộ cờ tướng thử nghiệm$/);
    const buffer = await pointsToDocx(tp, { organ: "Ban Tuyên giáo Đảng ủy phường Mẫu", place: "Phường Mẫu", date: new Date(2026, 10, 28) });
    const text = (await mammoth.extractRawText({ buffer })).value;
    const order = ["BAN TUYÊN GIÁO ĐẢNG ỦY PHƯỜNG MẪU", "Phường Mẫu, ngày 28 tháng 11 năm 2026", tp.title, tp.opening!, ...tp.points.map((p) => p.statement), tp.appeal!, "Tài liệu trích dẫn", tp.sources[0].fullName];
    let from = 0;
    const at = order.map((s) => (from = text.indexOf(s, from)));
    expect(at.every((i) => i >= 0), order.filter((_, i) => at[i] < 0).join(" | ")).toBe(true);
    const zip = await JSZip.loadAsync(buffer);
    const xml = await zip.file("word/document.xml")!.async("string");
    expect((xml.match(/<w:numPr>/g) ?? []).length).toBe(tp.points.length + tp.sources.length);
  });
});
