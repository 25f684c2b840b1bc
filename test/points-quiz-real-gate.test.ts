/**
 * Issue 13 on the real texts it was found on (../shared/corpora/vn-legal-texts): a directive (Chỉ
 * thị 299/TTg) and laws on inspection, the Fatherland Front, State compensation, local government
 * and nationality. Topics none of them treats give no outline and no quiz; treated ones are drawn
 * only from the documents that treat them; the directive's parts and bullets are all reachable;
 * its quiz asks more than "which is in the list", with wrong options from the directive itself.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { copyFile, mkdir, mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { Engine } from "../src/engine/engine.js";
import { ingest } from "../src/ingest/ingest.js";
import { unitFullText } from "../src/model/document.js";
import { buildTalkingPoints, NOT_ENOUGH_BASIS } from "../src/points/index.js";
import { comparable, stated } from "../src/quiz/compare.js";
import { generateQuiz } from "../src/quiz/index.js";
import { sharedPath } from "./helpers/shared.js";
import { checkOutline } from "./points-check.js";
import { checkQuiz } from "./quiz-check.js";

const SOURCE = sharedPath("corpora", "vn-legal-texts");
const FILES = [
  "dat_dai/Chỉ_thị_299_TTg.txt",
  "dan_su/Luật_Mặt_trận_tổ_quốc_Việt_Nam_2015.txt",
  "dan_su/Luật_trách_nhiệm_bồi_thường_của_Nhà_nước_2009.txt",
  "dan_su/Luật_Quốc_tịch_Việt_Nam_2008.txt",
];
const CT299 = "Chỉ_thị_299_TTg";
let dir = "";
let engine: Engine;

beforeAll(async () => {
  if (!SOURCE) return;
  dir = await mkdtemp(path.join(os.tmpdir(), "hvb-issue13-"));
  const corpus = path.join(dir, "corpus");
  await mkdir(corpus);
  // Files move between the corpus's folders across versions: found by name wherever they are.
  const { readdirSync, existsSync } = await import("node:fs");
  const extra = ["Luật_Thanh_tra_2025.txt", "Luật_Tổ_chức_chính_quyền_địa_phương_2025.txt"];
  const folders = readdirSync(SOURCE, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name);
  for (const name of [...FILES.map((f) => path.basename(f)), ...extra]) {
    const folder = folders.find((f) => existsSync(path.join(SOURCE, f, name)));
    if (folder) await copyFile(path.join(SOURCE, folder, name), path.join(corpus, name));
  }
  await ingest({ from: corpus, indexDir: path.join(dir, "index"), embedder: null });
  engine = Engine.open({ indexDir: path.join(dir, "index") });
});
afterAll(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe.skipIf(!SOURCE)("issue 13 on real texts", () => {
  it("topics no loaded document treats give no outline and no quiz", async () => {
    for (const topic of ["chuyển đổi số trong công tác xây dựng Đảng", "an ninh mạng", "xây dựng nông thôn mới", "thám hiểm sao Hỏa bằng tàu vũ trụ"]) {
      const tp = await buildTalkingPoints(engine, topic);
      expect(tp.notEnoughBasis, `${topic}: ${tp.points.map((p) => p.statement).join(" | ")}`).toMatch(new RegExp(`^${NOT_ENOUGH_BASIS}`));
      await expect(generateQuiz(engine, { topic, count: 5, seed: 1 }), topic).rejects.toThrow(new RegExp(`^${NOT_ENOUGH_BASIS}`));
    }
  });

  it("a treated topic draws only on the documents that treat it, and the title names only them", async () => {
    const tp = await buildTalkingPoints(engine, "bồi thường thiệt hại do người thi hành công vụ gây ra", { count: 6 });
    checkOutline(engine, tp, [3, 6]);
    expect(new Set(tp.points.map((p) => p.citation.doc.number))).toEqual(new Set(["35/2009/QH12"]));
    expect(tp.title).toMatch(/theo Luật 35\/2009\/QH12$/);
    expect(tp.sources.map((s) => s.fullName)).toEqual(["Luật Trách nhiệm bồi thường của Nhà nước số 35/2009/QH12 ngày 18/6/2009"]);
    const quiz = await generateQuiz(engine, { topic: "bồi thường thiệt hại do người thi hành công vụ gây ra", count: 8, seed: 2 });
    checkQuiz(engine, quiz);
    for (const q of quiz) expect(q.citation.doc.number).toBe("35/2009/QH12");
  });

  it("Chỉ thị 299/TTg named alone: its three sections, and a bullet reached by its words with its body as subject", async () => {
    const tp = await buildTalkingPoints(engine, "Chỉ thị 299", { count: 7 });
    checkOutline(engine, tp, [7, 7]);
    const sections = new Set(tp.points.map((p) => p.citation.unitId.split("/")[0]).filter((id) => id.startsWith("muc")));
    expect(sections).toEqual(new Set(["muc-1", "muc-2", "muc-3"]));
    expect(tp.notices.join(" ")).not.toMatch(/chỉ có/);
    expect(tp.sources[0].fullName).toBe("Chỉ thị số 299/TTg ngày 10/11/1980 của Phủ Thủ tướng về công tác đo đạc, phân hạng và đăng ký ruộng đất trong cả nước");
    const bullet = await buildTalkingPoints(engine, "Chỉ thị 299 kế hoạch bay chụp ảnh bổ xung", { count: 3 });
    checkOutline(engine, bullet, [1, 3]);
    expect(bullet.points.map((p) => p.statement)).toContain(
      "Bộ Quốc phòng (Cục Bản đồ Tổng tham mưu) có trách nhiệm: có kế hoạch bay chụp ảnh bổ xung để hoàn thành kế hoạch bay chụp ảnh trên toàn lãnh thổ.",
    );
  });

  it("a quiz on Chỉ thị 299/TTg: several kinds and levels, wrong options from the directive itself, one set per seed", async () => {
    const quiz = await generateQuiz(engine, { docIds: [CT299], count: 10, seed: 3, perPart: true });
    checkQuiz(engine, quiz);
    expect(quiz.length).toBeGreaterThanOrEqual(5);
    expect(new Set(quiz.map((q) => q.kind))).toEqual(new Set(["mcq", "not", "truefalse", "scenario"]));
    expect(new Set(quiz.map((q) => q.level)).size).toBeGreaterThanOrEqual(2);
    const doc = engine.docs().find((d) => d.meta.id === CT299)!;
    const whole = comparable(doc.units.map((_, i) => unitFullText(doc, i)).join("\n"));
    // Every option of a list question is the directive's own words: no other law's items to guess by their type.
    for (const q of quiz.filter((x) => x.kind !== "truefalse")) for (const o of q.options) expect(stated(whole, o), o).toBe(true);
    for (const q of quiz) expect(q.stem).toMatch(q.kind === "scenario" ? /^Tình huống: .+\. Theo mục \d Chỉ thị 299\/TTg, / : /^(?:Đúng hay sai\? )?Theo Chỉ thị 299\/TTg, /);
    const again = await generateQuiz(engine, { docIds: [CT299], count: 10, seed: 3, perPart: true });
    expect(again).toEqual(quiz);
    // Only hard questions when asked.
    const hard = await generateQuiz(engine, { docIds: [CT299], count: 4, seed: 3, difficulty: "kho" });
    expect(hard.length).toBeGreaterThan(0);
    for (const q of hard) expect(q.level).toBe("kho");
  });

  it("scenarios on Chỉ thị 299/TTg: a duty as a case, the key the body the directive gives it to, cited at its bullet, on topic", async () => {
    const doc = engine.docs().find((d) => d.meta.id === CT299)!;
    const whole = comparable(doc.units.map((_, i) => unitFullText(doc, i)).join("\n"));
    const asked = new Set<string>();
    for (const seed of [1, 2, 3]) {
      const quiz = await generateQuiz(engine, { docIds: [CT299], count: 10, kinds: ["scenario"], seed });
      expect(quiz.length, `seed ${seed}`).toBeGreaterThanOrEqual(5);
      checkQuiz(engine, quiz);
      for (const q of quiz) {
        const unit = unitFullText(doc, doc.units.findIndex((u) => u.id === q.citation.unitId));
        expect(q.stem).toMatch(/^Tình huống: Cần .+\. Theo mục 3 Chỉ thị 299\/TTg, ai có trách nhiệm việc này\?$/);
        expect(q.citation.unitId).toMatch(/^muc-3\/y-[a-đ]$/);
        // The cited list opens with its holder; the duty asked is one of its bullets.
        expect(unit.startsWith(`${q.answer} có trách nhiệm:`), unit.slice(0, 80)).toBe(true);
        expect(unit).toContain(q.quote);
        expect(q.stem.toLowerCase()).toContain(q.quote.toLowerCase().replace(/\.$/, ""));
        q.options.forEach((o, i) => {
          expect(stated(whole, o), o).toBe(true);
          if (i !== q.correct) expect(stated(comparable(unit), o), `${o} in ${q.citation.unitId}`).toBe(false);
        });
        asked.add(q.citation.unitId);
      }
    }
    expect(asked.size).toBeGreaterThanOrEqual(3);
    // On a topic, only the directive's duties about it.
    const topic = await generateQuiz(engine, { topic: "đo đạc, lập bản đồ và đăng ký thống kê ruộng đất", kinds: ["scenario"], count: 4, seed: 1 });
    expect(topic.length).toBeGreaterThan(0);
    checkQuiz(engine, topic);
    for (const q of topic) expect(q.citation.doc.id).toBe(CT299);
  });

  it("--per-part spreads a law's quiz over its chapters", async () => {
    const id = engine.docs().find((d) => d.meta.number === "24/2008/QH12")!.meta.id;
    const doc = engine.docs().find((d) => d.meta.id === id)!;
    const chapterOf = (unitId: string) => {
      let u: number | undefined = doc.units.findIndex((x) => x.id === unitId);
      while (u !== undefined && doc.units[u].type !== "chuong") u = doc.units[u].parent;
      return u;
    };
    const chapters = async (perPart: boolean) => {
      const quiz = await generateQuiz(engine, { docIds: [id], count: 6, seed: 5, perPart });
      checkQuiz(engine, quiz);
      return new Set(quiz.map((q) => chapterOf(q.citation.unitId))).size;
    };
    // Six chapters, six questions: one from each chapter that has a question to give.
    expect(await chapters(true)).toBeGreaterThanOrEqual(5);
    expect(await chapters(true)).toBeGreaterThan(await chapters(false));
  });
});
