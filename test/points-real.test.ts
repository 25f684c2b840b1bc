/**
 * Talking points on real legal texts from ../shared/corpora/vn-legal-texts (a Luật, a Nghị định
 * and a Nghị quyết): every point cited verbatim, topics spanning documents draw from each, a
 * named document is kept to, off-topic requests get «không đủ căn cứ», and the DOCX round-trips.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { copyFile, mkdir, mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import mammoth from "mammoth";
import { Engine } from "../src/engine/engine.js";
import { ingest } from "../src/ingest/ingest.js";
import { buildTalkingPoints, NOT_ENOUGH_BASIS, pointsToDocx, pointsToMarkdown, type TalkingPoints } from "../src/points/index.js";
import { sourceLabel } from "../src/points/labels.js";
import { sharedPath } from "./helpers/shared.js";
import { checkOutline } from "./points-check.js";

const SOURCE = sharedPath("corpora", "vn-legal-texts", "dan_su");
const FILES = {
  luat: "Luật_bảo_vệ_quyền_lợi_người_tiêu_dùng_2010.txt",
  nd: "Nghị_định_19_2019_NĐ-CP.txt",
  nq: "Nghị_quyết_02_2022_NQ-HĐTP.txt",
};
const ID = Object.fromEntries(Object.entries(FILES).map(([k, f]) => [k, f.replace(/\.txt$/, "")])) as Record<keyof typeof FILES, string>;
let dir = "";
let engine: Engine;

beforeAll(async () => {
  if (!SOURCE) return;
  dir = await mkdtemp(path.join(os.tmpdir(), "hvb-points-real-"));
  const corpus = path.join(dir, "corpus");
  await mkdir(corpus);
  for (const f of Object.values(FILES)) await copyFile(path.join(SOURCE, f), path.join(corpus, f));
  await ingest({ from: corpus, indexDir: path.join(dir, "index"), embedder: null });
  engine = Engine.open({ indexDir: path.join(dir, "index") });
});
afterAll(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

const docsOf = (tp: TalkingPoints) => new Set(tp.points.map((p) => p.citation.doc.id));

describe.skipIf(!SOURCE)("talking points on real legal texts", () => {
  it("a topic in two documents draws from both (Luật 59/2010/QH12 and Nghị định 19/2019/NĐ-CP)", async () => {
    const tp = await buildTalkingPoints(engine, "giải quyết tranh chấp");
    checkOutline(engine, tp);
    expect(docsOf(tp)).toEqual(new Set([ID.luat, ID.nd]));
    expect(tp.title).toBe(`Đối với đảng viên: ${tp.points.length} ý chính về giải quyết tranh chấp theo Luật 59/2010/QH12 và Nghị định 19/2019/NĐ-CP`);
  });

  it("compensation spans the law and the court resolution", async () => {
    const tp = await buildTalkingPoints(engine, "bồi thường thiệt hại", { count: 6 });
    checkOutline(engine, tp);
    expect(docsOf(tp).has(ID.luat) && docsOf(tp).has(ID.nq)).toBe(true);
  });

  it("a named decree is kept to, for the audience asked", async () => {
    const tp = await buildTalkingPoints(engine, "5 ý chính về Nghị định 19 để tuyên truyền cho nhân dân");
    checkOutline(engine, tp);
    expect(tp.points).toHaveLength(5);
    expect(docsOf(tp)).toEqual(new Set([ID.nd]));
    expect(tp.audience).toBe("nhân dân");
    // The decree assigns tasks (Bộ Tư pháp, Bộ Công an …): the closing line quotes them.
    expect(tp.closing?.statement).toMatch(/trách nhiệm|tổ chức thực hiện/);
  });

  it("each length passes the citation check", async () => {
    for (const length of ["ngan", "vua", "dai"] as const) checkOutline(engine, await buildTalkingPoints(engine, "trách nhiệm của cơ quan quản lý nhà nước", { length }));
  });

  it("topics the texts do not cover get «không đủ căn cứ»", async () => {
    for (const topic of ["thám hiểm sao Hỏa bằng tàu vũ trụ", "tiêu chuẩn đánh giá xếp loại đảng viên", "Nghị định 73"]) {
      const tp = await buildTalkingPoints(engine, topic);
      expect(tp.notEnoughBasis, `${topic}: ${tp.points.map((p) => p.statement).join(" | ")}`).toMatch(new RegExp(`^${NOT_ENOUGH_BASIS}`));
    }
  });

  it("the DOCX and Markdown of a real outline hold its points and labels", async () => {
    const tp = await buildTalkingPoints(engine, "giải quyết tranh chấp", { length: "dai" });
    const docx = (await mammoth.extractRawText({ buffer: await pointsToDocx(tp) })).value;
    const md = pointsToMarkdown(tp).replace(/\\(.)/g, "$1");
    for (const p of tp.points) {
      for (const text of [docx, md]) {
        expect(text).toContain(p.statement);
        expect(text).toContain(sourceLabel(p.citation));
      }
    }
  });
});
