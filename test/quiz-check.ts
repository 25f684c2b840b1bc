/** Invariants every generated quiz must keep, shared by the synthetic and real-text quiz tests. */
import { expect } from "vitest";
import type { Engine } from "../src/engine/engine.js";
import { unitFullText } from "../src/model/document.js";
import { comparable, jaccard, mask, sameAnswer, stated, syllableSet } from "../src/quiz/compare.js";
import { TELEGRAM_LIMITS, type QuizLimits, type QuizQuestion } from "../src/quiz/types.js";
import { verifyQuestion } from "../src/quiz/verify.js";
import { foldKey } from "../src/text/normalize.js";

const syllables = (s: string) => foldKey(s).match(/[a-z0-9]+/g) ?? [];
/** Words the generator adds around the documents' own words. */
const TEMPLATE = [
  "Theo Đúng hay sai Đâu là một KHÔNG phải được nêu trong danh sách trên nội dung điều kiện trường hợp quyền nghĩa vụ trách nhiệm Điều khoản mục đoạn",
  // Scenarios: the invented actors and the words around the rule's own.
  "Tình huống Cần việc thuộc của Anh A Đảng viên Đồng chí Chi bộ X Đảng bộ Cơ quan Tổ chức Y Đơn vị Doanh nghiệp Z Hộ gia đình B Tỉnh T Huyện H Xã M là Xảy ra này thì Ngày 02 tháng 3 ngày thời hạn",
  // Shortened wording: abbreviations and short document kinds.
  "UBND HĐND UBKT MTTQ CBCCVC BCH BTV TCCS XHCN NĐ NQ QĐ CT TT HD KL QC VBHN ai có",
].join(" ");

function citedUnit(engine: Engine, q: QuizQuestion) {
  const doc = engine.docs().find((d) => d.meta.id === q.citation.doc.id)!;
  const unit = doc.units.findIndex((u) => u.id === q.citation.unitId);
  expect(unit, `${q.citation.doc.id}#${q.citation.unitId}`).toBeGreaterThanOrEqual(0);
  return { doc, text: unitFullText(doc, unit) };
}

export function checkQuiz(engine: Engine, questions: QuizQuestion[], limits: QuizLimits = TELEGRAM_LIMITS): void {
  for (const q of questions) {
    const where = `${q.citation.doc.id}#${q.citation.unitId}: ${q.stem}`;
    expect(verifyQuestion(engine, q, limits).problems, where).toEqual([]);
    const { doc, text } = citedUnit(engine, q);
    const unit = comparable(text);
    // The quote is the unit's own words, verbatim; the correct option (or true fact) is stated in it.
    expect(text, where).toContain(q.quote);
    // "Which is NOT": the key is the one option the unit does not state.
    if (q.kind === "not") expect(stated(unit, q.answer), where).toBe(false);
    else expect(text.toLowerCase(), where).toContain(q.answer.toLowerCase());
    // The stem stands alone: it names the document, and is never cut short with "…" (one the
    // document itself writes, as in "kế hoạch, biên chế…", is its own word).
    expect(q.stem, where).toMatch(q.kind === "scenario" ? /^Tình huống: .+\. Theo / : /^(?:Đúng hay sai\? )?Theo /);
    const ellipses = (s: string) => (s.replace(/……/g, "").match(/…/g) ?? []).length;
    expect(ellipses(q.stem), where).toBeLessThanOrEqual(ellipses(text));
    // Limits of Telegram quiz polls (or the tighter ones asked for).
    expect(q.stem.length, where).toBeLessThanOrEqual(limits.stem);
    for (const o of q.options) expect(o.length, where).toBeLessThanOrEqual(limits.option);
    expect(q.explanation.length, where).toBeLessThanOrEqual(limits.explanation);
    expect((q.explanation.match(/\n/g) ?? []).length, where).toBeLessThanOrEqual(2);
    expect(q.explanation, where).toMatch(/^Đáp án: /);
    // Never a word cut in half: every word of the stem is a word of the document (or of the template).
    const known = new Set(syllables([TEMPLATE, q.swapped ?? "", q.citation.doc.number ?? "", q.citation.doc.kind, ...q.citation.path.map((p) => p.label), ...doc.units.flatMap((u) => [u.text, u.heading ?? ""])].join(" ")));
    expect(syllables(q.stem).filter((s) => !known.has(s)), where).toEqual([]);
    if (q.kind === "mcq" || q.kind === "scenario") {
      expect(q.options).toHaveLength(4);
      expect(q.options[q.correct]).toBe(q.answer);
      expect(stated(comparable(q.stem), q.answer), `answer visible in stem: ${where}`).toBe(false);
      const rest = mask(unit, comparable(q.answer));
      q.options.forEach((o, i) => {
        if (i === q.correct) return;
        expect(sameAnswer(o, q.answer), `distractor ${o} ~ answer: ${where}`).toBe(false);
        expect(stated(rest, o), `distractor ${o} stated in the unit: ${where}`).toBe(false);
      });
      expect(new Set(q.options.map(comparable)).size).toBe(4);
    } else if (q.kind === "not") {
      expect(q.options).toHaveLength(4);
      expect(q.options[q.correct]).toBe(q.answer);
      q.options.forEach((o, i) => i !== q.correct && expect(stated(unit, o), `list item ${o} not in the unit: ${where}`).toBe(true));
    } else {
      expect(q.options).toEqual(["Đúng", "Sai"]);
      if (q.correct === 1) {
        expect(q.swapped, where).toBeDefined();
        expect(sameAnswer(q.swapped!, q.answer)).toBe(false);
        // A list's false statement swaps in another list's item, stated elsewhere in the document.
        if (q.fact !== "list-item") expect(stated(mask(unit, comparable(q.answer)), q.swapped!), where).toBe(false);
        else expect(stated(unit, q.swapped!), where).toBe(false);
      }
    }
  }
  // No duplicates, no near-duplicates.
  expect(new Set(questions.map((q) => q.id)).size).toBe(questions.length);
  questions.forEach((a, i) =>
    questions.slice(i + 1).forEach((b) => {
      expect(jaccard(syllableSet(comparable(a.stem)), syllableSet(comparable(b.stem))), `${a.stem}\n${b.stem}`).toBeLessThan(0.7);
      expect(a.quote === b.quote && a.citation.unitId === b.citation.unitId, `same sentence twice: ${a.quote}`).toBe(false);
    }),
  );
  // The correct option's position is balanced over A–D; true and false statements too.
  const mcq = questions.filter((q) => q.kind !== "truefalse");
  const at = [0, 1, 2, 3].map((i) => mcq.filter((q) => q.correct === i).length);
  expect(Math.max(...at) - Math.min(...at), `positions ${at}`).toBeLessThanOrEqual(1);
  const tf = questions.filter((q) => q.kind === "truefalse");
  const truths = tf.filter((q) => q.correct === 0).length;
  expect(Math.abs(truths - (tf.length - truths)), `true/false ${truths}/${tf.length}`).toBeLessThanOrEqual(1);
}

/** Articles (or sections) the questions come from: the top-level unit of each citation path below chapters. */
export function blocksOf(questions: QuizQuestion[]): string[] {
  return questions.map((q) => `${q.citation.doc.id}#${q.citation.unitId.split("/")[0]}`);
}
