/**
 * Scenario questions ("Tình huống: …") and fitting limits by rephrasing, on plainly invented texts
 * (test/fixtures/scenario: "Quy chế vườn ươm mẫu", with the quiz fixtures beside it): a rule's
 * condition told as a case keeps its words, the key is the consequence its own unit states, the
 * distractors other consequences of the same document; a deadline counted from an event and a
 * body's duty make scenarios too. A stem too long for Kahoot is shortened by abbreviations, the
 * short document name and dropped asides; options that would become alike are skipped, never cut.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { mkdir, mkdtemp, readFile, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import vm from "node:vm";
import { Command } from "commander";
import ExcelJS from "exceljs";
import mammoth from "mammoth";
import { registerQuiz } from "../src/cli/quiz.js";
import { KAHOOT_HEADER_ROW } from "../src/quiz/export-xlsx.js";
import type { Engine } from "../src/engine/engine.js";
import { unitFullText } from "../src/model/document.js";
import { comparable, stated, syllableSet } from "../src/quiz/compare.js";
import { findConditionals } from "../src/quiz/conditions.js";
import { dutyListHolder, holderOf } from "../src/quiz/duties.js";
import { fitQuestion } from "../src/quiz/fit.js";
import { generateQuiz, KAHOOT_LIMITS, TELEGRAM_LIMITS, verifyQuestion, type QuizQuestion } from "../src/quiz/index.js";
import { fitText } from "../src/quiz/shorten.js";
import { quizCorpus } from "./helpers/quiz-corpus.js";
import { checkQuiz } from "./quiz-check.js";

const QC = "qc-995-test";
let dir = "";
let engine: Engine;

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), "hvb-scenario-"));
  engine = await quizCorpus(dir);
});
afterAll(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

const docText = (id: string) => {
  const doc = engine.docs().find((d) => d.meta.id === id)!;
  return comparable(doc.units.map((_, i) => unitFullText(doc, i)).join("\n"));
};
const citedText = (q: QuizQuestion) => {
  const doc = engine.docs().find((d) => d.meta.id === q.citation.doc.id)!;
  return unitFullText(doc, doc.units.findIndex((u) => u.id === q.citation.unitId));
};

async function scenarios(docIds: string[], limits = TELEGRAM_LIMITS): Promise<QuizQuestion[]> {
  const out: QuizQuestion[] = [];
  for (let seed = 1; seed <= 6; seed++) {
    const quiz = await generateQuiz(engine, { docIds, count: 20, kinds: ["scenario"], seed, limits });
    checkQuiz(engine, quiz, limits);
    out.push(...quiz);
  }
  return out;
}

describe("reading rules written as condition → consequence", () => {
  it("finds the rule's parts verbatim, with an invented actor, and nothing in a sentence without one", () => {
    const s = "Người nào tự ý mang cây giống ra khỏi vườn ươm thì bị đình chỉ việc nhận cây giống trong một mùa vụ.";
    const [r] = findConditionals(s);
    expect(r).toMatchObject({ condition: "tự ý mang cây giống ra khỏi vườn ươm", situation: "Anh A tự ý mang cây giống ra khỏi vườn ươm", actor: "Anh A", continuesActor: true, head: "bi" });
    expect(s.slice(r.start, r.end)).toBe("bị đình chỉ việc nhận cây giống trong một mùa vụ");
    // Two rules in one sentence, each with its own consequence.
    const two = "Những tổ đã nhận cây giống nhưng còn thiếu người chăm sóc thì cần bổ sung người, đơn vị nào chưa nhận cây giống thì cần đăng ký lại.";
    expect(findConditionals(two).map((x) => [x.situation, two.slice(x.start, x.end)])).toEqual([["Đơn vị X chưa nhận cây giống", "cần đăng ký lại"]]);
    // Several kinds of subject: no one actor stands for them.
    const many = "Trường hợp tổ chức, cá nhân được giao chăm sóc cây giống giải thể thì Ban quản lý vườn ươm có trách nhiệm thu hồi cây giống.";
    expect(findConditionals(many)[0]).toMatchObject({ situation: "Xảy ra trường hợp tổ chức, cá nhân được giao chăm sóc cây giống giải thể", continuesActor: false });
    // A condition whose object was left to the sentence before is not a whole case.
    expect(findConditionals("Trường hợp Ban quản lý vườn ươm không đồng ý thì Tổ kỹ thuật vườn ươm báo cáo Hội đồng vườn ươm xem xét.")).toEqual([]);
    // "…, nếu …" after a main clause, a list inside a condition, a consequence pointing elsewhere: no rule.
    expect(findConditionals("Người dự thi có thể bị hủy kết quả, nếu có hành vi gian lận trong phòng thi, ngoài phòng thi hoặc sau khi thi.")).toEqual([]);
    expect(findConditionals("Trường hợp hồ sơ chưa đầy đủ thì thực hiện theo quy định tại khoản 2 Điều này.")).toEqual([]);
    expect(findConditionals("Tổ kỹ thuật vườn ươm có trách nhiệm kiểm tra sâu bệnh mỗi tuần một lần.")).toEqual([]);
  });

  it("a duty scenario's holder: a named body whose list is its duties, never a list of cases or a clause", () => {
    expect(dutyListHolder("Tổ hậu cần vườn ươm có trách nhiệm:")).toBe("Tổ hậu cần vườn ươm");
    expect(dutyListHolder("Tổ bảo vệ vườn ươm có nhiệm vụ sau đây:")).toBe("Tổ bảo vệ vườn ươm");
    expect(dutyListHolder("Ban quản lý vườn ươm có trách nhiệm bồi thường cây giống trong các trường hợp sau:")).toBeUndefined();
    expect(holderOf("Người chăm sóc có lỗi vô ý làm chết cây giống không phải chịu trách nhiệm bồi thường.")).toBeUndefined();
    expect(holderOf("Tổ văn thư vườn ươm có trách nhiệm lưu trữ sổ giao nhận.")).toBe("Tổ văn thư vườn ươm");
  });
});

describe("scenario questions", () => {
  it("a rule's case: key its own consequence, cited at its unit; distractors other consequences of the same document", async () => {
    const all = await scenarios([QC, "qd-999-test"]);
    const rules = all.filter((q) => q.fact === "consequence");
    expect(new Set(rules.map((q) => q.citation.unitId)).size).toBeGreaterThanOrEqual(6);
    const whole = docText(QC);
    for (const q of rules) {
      const unit = citedText(q);
      const where = `${q.citation.unitId}: ${q.stem}`;
      expect(q.citation.doc.id, where).toBe(QC);
      // The situation tells the unit's own condition, the key is what follows it there.
      const [rule] = findConditionals(q.quote);
      expect(q.stem, where).toContain(`Tình huống: ${rule.situation}.`);
      expect(q.answer, where).toBe(q.quote.slice(rule.start, rule.end));
      expect(unit, where).toContain(q.quote);
      expect(q.stem, where).toMatch(/Theo Điều \d Quy chế 995-QC\/TEST, /);
      for (const [i, o] of q.options.entries()) {
        if (i === q.correct) continue;
        expect(stated(whole, o), `${o} is the document's own: ${where}`).toBe(true);
        expect(stated(comparable(unit), o), `${o} is not in the cited unit: ${where}`).toBe(false);
      }
    }
    // A rule whose condition the key meets gives a consequence true here too: never a distractor for it.
    const chained = rules.filter((q) => q.citation.unitId === "dieu-5/khoan-4");
    expect(chained.length).toBeGreaterThan(0);
    for (const q of chained) expect(q.options).not.toContain("kinh phí bồi hoàn được lấy từ quỹ thi đua của tổ");
    // Nor one that only restates the case.
    for (const q of rules.filter((x) => x.citation.unitId === "dieu-5/khoan-6")) expect(q.options).not.toContain("tổ kỹ thuật vườn ươm là tổ chịu trách nhiệm bồi hoàn");
    const bySanction = rules.find((q) => q.stem.startsWith("Tình huống: Anh A tưới cây giống quá lượng nước quy định."))!;
    expect(bySanction.options[bySanction.correct]).toBe("bị nhắc nhở bằng văn bản");
    expect(bySanction.citation.unitId).toBe("dieu-3/khoan-1");
    expect(bySanction.stem).toBe("Tình huống: Anh A tưới cây giống quá lượng nước quy định. Theo Điều 3 Quy chế 995-QC/TEST, Anh A ……");
  });

  it("a deadline counted from an event, and a body's duty, are scenarios too", async () => {
    const all = await scenarios([QC, "qd-999-test", "hd-998-test"]);
    const deadline = all.find((q) => q.stem.startsWith("Tình huống: Ngày 02 tháng 3 là ngày nhận cây giống."))!;
    expect(deadline.stem).toBe("Tình huống: Ngày 02 tháng 3 là ngày nhận cây giống. Theo Điều 2 Quy chế 995-QC/TEST, Người đăng ký có quyền đề nghị đổi cây giống trong thời hạn ……");
    expect(deadline.options[deadline.correct]).toBe("03 ngày");
    expect(deadline.level).toBe("kho");
    const duty = all.filter((q) => q.stem.includes("ai có trách nhiệm việc này?"));
    expect(duty.length).toBeGreaterThanOrEqual(4);
    for (const q of duty) {
      const lead = citedText(q).split("\n")[0];
      expect(lead, q.stem).toBe(`${q.answer} có trách nhiệm:`);
      expect(q.stem, q.stem).toContain(`Tình huống: Cần ${q.quote.charAt(0).toLowerCase()}${q.quote.slice(1)}.`);
      // The other bodies are given other duties by the same document.
      for (const o of q.options) expect(docText(QC)).toContain(comparable(o));
    }
  });

  it("takes its share of a mixed quiz at its level, and one seed gives one set", async () => {
    const a = await generateQuiz(engine, { docIds: [QC, "qd-999-test"], count: 20, seed: "tinh-huong" });
    const b = await generateQuiz(engine, { docIds: [QC, "qd-999-test"], count: 20, seed: "tinh-huong" });
    expect(b).toEqual(a);
    checkQuiz(engine, a);
    const n = a.filter((q) => q.kind === "scenario").length;
    expect(n).toBeGreaterThanOrEqual(3);
    expect(n).toBeLessThanOrEqual(5);
    for (const kind of ["mcq", "truefalse", "scenario"]) expect(a.map((q) => q.kind)).toContain(kind);
    const hard = await generateQuiz(engine, { docIds: [QC, "qd-999-test"], count: 3, kinds: ["scenario"], difficulty: "kho", seed: 1 });
    for (const q of hard) expect(q.fact).toBe("duration");
  });
});

describe("fitting limits by rephrasing", () => {
  it("shortens in order: abbreviations, the document's short kind, asides, tails — and only as far as needed", () => {
    const stem = "Đúng hay sai? Theo Quy chế 995-QC/TEST, Ủy ban nhân dân cấp huyện cấp giấy chứng nhận vườn ươm đạt chuẩn (kể cả vườn ươm mới thành lập) theo quy định của pháp luật.";
    expect(stem.length).toBeGreaterThan(120);
    expect(fitText(stem, 160)).toBe(stem.replace("Ủy ban nhân dân", "UBND"));
    expect(fitText(stem, 120)).toBe("Đúng hay sai? Theo QC 995-QC/TEST, UBND cấp huyện cấp giấy chứng nhận vườn ươm đạt chuẩn theo quy định của pháp luật.");
    expect(fitText(stem, 100)).toBe("Đúng hay sai? Theo QC 995-QC/TEST, UBND cấp huyện cấp giấy chứng nhận vườn ươm đạt chuẩn.");
    expect(fitText(stem, 60)).toBeUndefined();
    // "theo quy định của pháp luật" inside a longer phrase ("… pháp luật nước Z") is no tail: it stays.
    const inside = "Theo Quy chế 995-QC/TEST, người trồng chưa mất quyền ươm cây theo quy định của pháp luật nước Z trước ngày Quy chế này có hiệu lực thì vẫn được ươm cây.";
    expect(fitText(inside, 120)).toBeUndefined();
    expect(fitText(`${inside.slice(0, -1)}, theo quy định của pháp luật.`, 150)).toBe("Theo QC 995-QC/TEST, người trồng chưa mất quyền ươm cây theo quy định của pháp luật nước Z trước ngày Quy chế này có hiệu lực thì vẫn được ươm cây.");
    // The shortened words compare as the long ones: an answer cannot hide in an abbreviation.
    expect(stated(comparable("Theo QC 995-QC/TEST, UBND cấp huyện …"), "Ủy ban nhân dân cấp huyện")).toBe(true);
  });

  it("a stem too long for Kahoot is brought under 120 with its meaning: the same question, fewer words, none new", async () => {
    const found: Array<[QuizQuestion, QuizQuestion]> = [];
    for (let seed = 1; seed <= 12 && !found.length; seed++) {
      const report = { rephrased: 0, skipped: 0 };
      const kahoot = await generateQuiz(engine, { docIds: [QC], count: 20, seed, limits: KAHOOT_LIMITS, report });
      checkQuiz(engine, kahoot, KAHOOT_LIMITS);
      expect(report.rephrased).toBe(kahoot.filter((q) => q.rephrased).length);
      const telegram = await generateQuiz(engine, { docIds: [QC], count: 20, seed });
      for (const q of kahoot.filter((x) => x.rephrased && x.stem.includes("UBND cấp huyện cấp giấy chứng nhận"))) {
        const long = telegram.find((t) => t.id === q.id);
        if (long) found.push([q, long]);
      }
    }
    expect(found.length).toBeGreaterThan(0);
    const [short, long] = found[0];
    expect(long.stem.length).toBeGreaterThan(120);
    expect(short.stem.length).toBeLessThanOrEqual(120);
    expect(verifyQuestion(engine, short, KAHOOT_LIMITS).ok).toBe(true);
    // Every word of the short stem is a word of the long one (abbreviations spelt out; "QC" is the
    // document's kind as its number writes it), and the fact asked stays.
    const longWords = syllableSet(comparable(long.stem));
    expect([...syllableSet(comparable(short.stem))].filter((w) => !longWords.has(w))).toEqual(["qc"]);
    expect(stated(comparable(short.stem), "Ủy ban nhân dân cấp huyện")).toBe(true);
    expect(short.stem).not.toMatch(/…(?!…)/u);
  });

  it("a question whose options cannot be shortened and stay distinct is skipped", async () => {
    const [q] = await generateQuiz(engine, { docIds: [QC], count: 1, kinds: ["mcq"], seed: 1 });
    const aside = (which: string) => `Bảo đảm nước tưới cho các luống cây giống trong vườn ươm mẫu (đối với các luống cây giống ${which})`;
    const wrong = q.options.map((_, i) => i).filter((i) => i !== q.correct);
    const options = [...q.options];
    options[wrong[0]] = aside("gieo trong mùa khô");
    options[wrong[1]] = aside("gieo trong mùa mưa");
    const ambiguous = { ...q, options };
    expect(options[wrong[0]].length).toBeGreaterThan(KAHOOT_LIMITS.option);
    // Within Telegram's 100 characters they stand as written; Kahoot's 75 would make them one option.
    expect(fitQuestion(engine, ambiguous, KAHOOT_LIMITS)).toEqual({ ok: false, reason: "ambiguous" });
    expect(fitQuestion(engine, { ...ambiguous, options: options.map((o, i) => (i === wrong[1] ? "x".repeat(120) : o)) }, KAHOOT_LIMITS)).toEqual({ ok: false, reason: "too-long" });
  });
});

describe("one set per seed, in every export, scenarios included", () => {
  /** Runs `quiz …` in-process; returns what it printed on stderr. */
  async function run(...args: string[]): Promise<string> {
    const err: string[] = [];
    const spy = vi.spyOn(console, "error").mockImplementation((s: string) => void err.push(s));
    vi.spyOn(console, "log").mockImplementation(() => undefined);
    try {
      const program = new Command().exitOverride();
      registerQuiz(program);
      await program.parseAsync(["quiz", ...args], { from: "user" });
    } finally {
      spy.mockRestore();
      vi.restoreAllMocks();
    }
    return err.join("\n");
  }

  it("the .xlsx, .gs, .gift, .docx and .json of one run hold the same questions, and the seed gives them again", async () => {
    vi.stubEnv("LLM_MODEL", "");
    const out = path.join(dir, "out");
    await mkdir(out, { recursive: true });
    const files = ["bo.docx", "bo.xlsx", "bo.gs", "bo.gift", "bo.json"].map((f) => path.join(out, f));
    const args = ["--doc", QC, "--doc", "qd-999-test", "--kinds", "scenario,mcq,truefalse", "--count", "10", "--seed", "11", "--index", path.join(dir, "index")];
    const summary = await run(...args, ...files.flatMap((f) => ["--out", f]));
    expect(summary).toMatch(/\d+ đúng\/sai, [1-9]\d* tình huống;/);
    expect(summary).toMatch(/Giới hạn độ dài: \d+ câu được viết gọn .*, \d+ câu văn bỏ qua/);
    const json = JSON.parse(await readFile(files[4], "utf8"));
    const stems: string[] = json.questions.map((q: QuizQuestion) => q.stem);
    expect(json.questions.some((q: QuizQuestion) => q.kind === "scenario")).toBe(true);
    // Kahoot's sheet (its limits apply to the whole run), GIFT, the Apps Script and the DOCX: the same stems in the same order.
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await readFile(files[1])) as unknown as ArrayBuffer);
    expect(stems.map((_, i) => String(wb.worksheets[0].getRow(KAHOOT_HEADER_ROW + 1 + i).getCell(2).value))).toEqual(stems);
    for (const s of stems) expect(s.length).toBeLessThanOrEqual(KAHOOT_LIMITS.stem);
    const gift = [...(await readFile(files[3], "utf8")).matchAll(/::Câu \d+::\[plain\]((?:\\.|[^{\\])*)\{/g)].map((m) => m[1].trim().replace(/\\([~=#{}:\\])/g, "$1"));
    expect(gift).toEqual(stems);
    const titles: string[] = [];
    const item = { setTitle: (t: string) => (titles.push(t), item), setRequired: () => item, setPoints: () => item, createChoice: () => ({}), setChoices: () => item, setFeedbackForCorrect: () => item, setFeedbackForIncorrect: () => item };
    const form = { setIsQuiz: () => form, setDescription: () => form, getEditUrl: () => "", getPublishedUrl: () => "", addMultipleChoiceItem: () => item };
    const FormApp = { create: () => form, createFeedback: () => ({ setText: () => ({ build: () => ({}) }) }) };
    vm.runInNewContext(`${await readFile(files[2], "utf8")}\ncreateQuiz();`, { FormApp, Logger: { log: () => undefined } });
    expect(titles).toEqual(stems);
    const docx = (await mammoth.extractRawText({ path: files[0] })).value;
    stems.forEach((s, i) => expect(docx).toContain(`Câu ${i + 1}. ${s}`));
    const again = path.join(out, "again.json");
    await run(...args, "--limits", "kahoot", "--out", again);
    expect(JSON.parse(await readFile(again, "utf8")).questions.map((q: QuizQuestion) => [q.id, q.stem, q.options, q.correct])).toEqual(
      json.questions.map((q: QuizQuestion) => [q.id, q.stem, q.options, q.correct]),
    );
    vi.unstubAllEnvs();
  });
});
