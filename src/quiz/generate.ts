/**
 * generateQuiz: questions over a scope, spread round-robin across its blocks (articles, sections),
 * with varied fact types, no two on near-identical sentences, true/false, "which is NOT" and
 * scenarios at their shares when several kinds are asked for (true and false statements in equal
 * numbers), every question fitted to the target's limits by rephrasing or skipped, and the correct
 * option's position balanced over A–D. A writer (an LLM) may draft questions first, shorten a stem
 * that would be skipped, and retell a scenario's situation — each kept only when its checks pass.
 */
import type { Engine } from "../engine/engine.js";
import { citationLabel } from "../model/citation.js";
import { comparable, jaccard, syllableSet } from "./compare.js";
import { corpusOf } from "./corpus.js";
import { meaningfulItem, subjectless } from "./lists.js";
import { buildMcq, buildNot, buildScenario, buildTrueFalse, type BuildContext, type Candidate } from "./build.js";
import { findConditionals } from "./conditions.js";
import { fitQuestion } from "./fit.js";
import { acceptShorter, acceptSituation } from "./rewording.js";
import { canFit } from "./shorten.js";
import { balanced, rng, shuffle, type Rng } from "./random.js";
import { resolveScope, type ScopeBlock, type ScopeRequest } from "./scope.js";
import { MAX_COUNT, QUIZ_KINDS, QuizError, TELEGRAM_LIMITS, type Difficulty, type QuizKind, type QuizLimits, type QuizQuestion } from "./types.js";
import { withoutNotes } from "./spans.js";
import { acceptDraft, type QuizSource, type QuizWriter } from "./writer.js";

export interface QuizOptions extends ScopeRequest {
  count: number;
  kinds?: QuizKind[];
  /** Same seed, same index → same quiz. Default 1. */
  seed?: number | string;
  /** Default: Telegram quiz polls. Kahoot's are tighter (KAHOOT_LIMITS). */
  limits?: QuizLimits;
  /** Drafts questions first (an LLM); whatever it cannot supply is generated offline. */
  writer?: QuizWriter;
  /** Only questions of this level (dễ, vừa, khó); default: all levels. */
  difficulty?: Difficulty;
  /** Filled in: how many questions were rephrased to fit the limits, and how many skipped as too long. */
  report?: FitReport;
}

export interface FitReport {
  /** Questions in the quiz that were shortened to fit. */
  rephrased: number;
  /** Sentences (or list items) whose questions were left out: too long even when shortened, or ambiguous once shortened. */
  skipped: number;
}

/** Share of true/false and of "which is NOT" questions when several kinds are wanted. */
const SHARES: Record<QuizKind, number> = { mcq: 1, truefalse: 0.25, not: 0.2, scenario: 0.2 };
/** Stems or quotes sharing this share of words are the same question asked twice. */
const NEAR_DUPLICATE = 0.7;
/** Most list questions are easier than fact questions: at most this share of the quiz. */
const LIST_SHARE = 1 / 3;

function candidates(b: ScopeBlock, ctx: BuildContext): Candidate[] {
  const out: Candidate[] = [];
  for (const s of b.facts.sentences) {
    // A lead ("… các trường hợp sau đây:") is no statement of its own.
    if (!b.units.has(s.unit) || s.sentence.endsWith(":") || (s.lead && subjectless(s.lead))) continue;
    for (const fact of s.facts) if (fact.askable) out.push({ d: b.d, block: b.facts.block, unit: s.unit, fact, sentence: s.sentence, lead: s.lead });
  }
  for (const l of b.facts.lists) {
    if (!b.units.has(l.unit)) continue;
    for (const item of l.items.filter((i) => meaningfulItem(i.text))) {
      const siblings = l.items.filter((x) => x !== item).map((x) => x.text);
      const fact = { type: "list-item" as const, text: item.text, start: 0, end: item.text.length, pool: `list:${l.noun}`, magnitude: item.text.length, askable: true };
      out.push({ d: b.d, block: b.facts.block, unit: l.unit, fact, sentence: item.text, list: { lead: l.lead, noun: l.noun, siblings, form: l.form, part: l.part } });
    }
  }
  return shuffle(out, ctx.r);
}

class Picker {
  readonly picked: QuizQuestion[] = [];
  private readonly seen: Array<{ stem: Set<string>; quote: Set<string> }> = [];
  private readonly types = new Map<string, number>();
  private truths = [0, 0];
  /** Lists are kept to their share while other facts remain; a text made of lists (a directive) is then asked on them. */
  capLists = true;

  constructor(private readonly count: number, private readonly kinds: QuizKind[], private readonly level?: Difficulty) {}

  get full(): boolean {
    return this.picked.length >= this.count;
  }

  get missing(): number {
    return Math.max(0, this.count - this.picked.length);
  }

  private counted(kind: QuizKind): number {
    return this.picked.filter((q) => q.kind === kind).length;
  }

  get allKinds(): QuizKind[] {
    return this.kinds;
  }

  /** Kinds behind their share so far: true/false, "which is NOT" and scenarios spread evenly through the quiz. */
  private behind(): QuizKind[] {
    return (["not", "truefalse", "scenario"] as const).filter((kind) => {
      if (!this.kinds.includes(kind)) return false;
      const share = this.kinds.length === 1 ? 1 : SHARES[kind];
      return this.counted(kind) < Math.round((this.picked.length + 1) * share);
    });
  }

  /** The kind the next question should be. */
  wantedKind(): QuizKind {
    return this.behind()[0] ?? (this.kinds.includes("mcq") ? "mcq" : this.kinds[0]);
  }

  /**
   * Kinds to try, in order, on a candidate: those behind their share (one a candidate cannot give
   * leaves the turn to the next), then multiple choice, then the others within their share.
   */
  kindsToTry(): QuizKind[] {
    const behind = this.behind();
    const rest = this.kinds.filter((k) => !behind.includes(k) && (k === "mcq" || this.counted(k) < Math.ceil(this.count * SHARES[k])));
    return [...behind, ...rest.filter((k) => k === "mcq"), ...rest.filter((k) => k !== "mcq")];
  }

  /**
   * True and false statements in equal numbers (±1). When even, a false one is tried first: a false
   * statement needs a distractor some sentences lack, a true one never does, so the true slot is
   * left for a part that can give nothing else.
   */
  nextTruths(): boolean[] {
    return this.truths[0] !== this.truths[1] ? [this.truths[0] < this.truths[1]] : [false, true];
  }

  /** The least asked-about fact type among the block's candidates comes next. */
  take(queue: Candidate[]): Candidate | undefined {
    let best = 0;
    for (let i = 1; i < queue.length; i++) if ((this.types.get(queue[i].fact.type) ?? 0) < (this.types.get(queue[best].fact.type) ?? 0)) best = i;
    return queue.splice(best, 1)[0];
  }

  isDuplicate(q: QuizQuestion): boolean {
    const stem = syllableSet(comparable(q.stem));
    const quote = syllableSet(comparable(q.quote));
    return this.seen.some((s) => jaccard(s.stem, stem) >= NEAR_DUPLICATE || jaccard(s.quote, quote) >= NEAR_DUPLICATE);
  }

  add(q: QuizQuestion): boolean {
    if (this.full || this.isDuplicate(q) || (this.level && q.level !== this.level)) return false;
    if (this.capLists && q.fact === "list-item" && (this.types.get("list-item") ?? 0) >= Math.ceil(this.count * LIST_SHARE)) return false;
    this.picked.push(q);
    this.seen.push({ stem: syllableSet(comparable(q.stem)), quote: syllableSet(comparable(q.quote)) });
    this.types.set(q.fact, (this.types.get(q.fact) ?? 0) + 1);
    if (q.kind === "truefalse") this.truths[q.correct]++;
    return true;
  }
}

function build(c: Candidate, kind: QuizKind, picker: Picker, ctx: BuildContext): QuizQuestion | undefined {
  if (kind === "not") return buildNot(c, ctx);
  if (kind === "scenario") return buildScenario(c, ctx);
  if (kind === "mcq") return buildMcq(c, ctx);
  for (const truth of picker.nextTruths()) {
    const q = buildTrueFalse(c, ctx, truth);
    if (q) return q;
  }
  return undefined;
}

/** What the offline passes leave behind: sentences skipped as too long, and questions a writer might shorten. */
interface FillState {
  skipped: Set<string>;
  /** Questions whose options fit but whose stem does not, even shortened: for a writer's shorter wording. */
  longStems: QuizQuestion[];
}

const skipKey = (q: QuizQuestion) => `${q.citation.doc.id}#${q.citation.unitId}|${q.quote}`;

/** Fits a built question to the limits (rephrasing it shorter when needed); a question that cannot fit is noted as skipped. */
function fitted(q: QuizQuestion, ctx: BuildContext, state: FillState): QuizQuestion | undefined {
  const r = fitQuestion(ctx.engine, q, ctx.limits);
  if (r.ok) return r.question;
  if (r.reason !== "unverified") state.skipped.add(skipKey(q));
  if (r.reason === "too-long" && q.options.every((o) => canFit(o, ctx.limits.option))) state.longStems.push(q);
  return undefined;
}

/** Offline questions, one per block per round, until the count is reached or the scope runs dry. */
function fillOffline(scope: ScopeBlock[], picker: Picker, ctx: BuildContext, state: FillState): void {
  // One queue per block; with parts, one per part, its blocks' candidates taking turns.
  const byPart = new Map<string, Candidate[][]>();
  scope.forEach((b, i) => byPart.set(b.part ?? String(i), [...(byPart.get(b.part ?? String(i)) ?? []), candidates(b, ctx)]));
  const queues = [...byPart.values()].map((lists) => {
    const out: Candidate[] = [];
    for (let i = 0; lists.some((l) => i < l.length); i++) for (const l of lists) if (i < l.length) out.push(l[i]);
    return out;
  });
  const tryKinds = (c: Candidate, kinds: QuizKind[]): boolean =>
    kinds.some((kind) => {
      const built = build(c, kind, picker, ctx);
      const q = built && fitted(built, ctx, state);
      return !!q && picker.add(q);
    });
  // With parts, every part is asked about: a part whose questions are all of kinds past their share still gives one.
  const spread = scope.some((b) => b.part !== undefined);
  for (let progress = true; progress && !picker.full; ) {
    progress = false;
    for (const queue of queues) {
      if (picker.full) break;
      const passed: Candidate[] = [];
      for (let c = picker.take(queue); c; c = picker.take(queue)) {
        if (tryKinds(c, picker.kindsToTry())) {
          progress = true;
          break;
        }
        passed.push(c);
      }
      if (spread && !queue.length && passed.length && passed.some((c) => tryKinds(c, picker.allKinds))) progress = true;
    }
  }
}

/** The block's units with text, as a writer sees them. */
function writerSource(b: ScopeBlock, ctx: BuildContext): QuizSource {
  const doc = ctx.engine.docs()[b.d];
  const units = b.facts.units
    .filter((u) => b.units.has(u) && doc.units[u].text.trim())
    .map((u) => {
      const c = ctx.engine.citation(b.d, u, "", 1);
      return { unitId: c.unitId, label: citationLabel(c), text: withoutNotes(doc.units[u].text) };
    });
  return { docId: doc.meta.id, label: citationLabel(ctx.engine.citation(b.d, b.facts.block, "", 1)), units };
}

/** One drafted question per block, round-robin, each from a unit it was given and verified like an offline one. */
async function fillWritten(scope: ScopeBlock[], picker: Picker, writer: QuizWriter, ctx: BuildContext): Promise<void> {
  for (const b of scope) {
    if (picker.full) return;
    const source = writerSource(b, ctx);
    if (!source.units.length) continue;
    const given = new Set(source.units.map((u) => u.unitId));
    // A writer drafts multiple choice and true/false; the other kinds are built by the engine.
    const wanted = picker.wantedKind();
    const drafts = await writer.draft(source, { kinds: [wanted === "truefalse" ? wanted : "mcq"], count: 1 }).catch(() => []);
    for (const draft of drafts) {
      const q = draft.docId === source.docId && given.has(draft.unitId) ? acceptDraft(ctx.engine, draft, ctx.limits) : undefined;
      if (q && picker.add(q)) break;
    }
  }
}

/** Calls a writer may make per missing question to shorten a stem over the limit. */
const SHORTEN_TRIES = 2;

/** Questions left out only for a long stem, in the writer's shorter words when they pass the checks. */
async function fillShortened(picker: Picker, writer: QuizWriter, ctx: BuildContext, state: FillState): Promise<void> {
  const seen = new Set<string>();
  let calls = (picker.missing) * SHORTEN_TRIES;
  for (const q of state.longStems) {
    if (picker.full || calls <= 0) return;
    if (seen.has(q.id)) continue;
    seen.add(q.id);
    calls--;
    const proposed = await writer.shorten!({ stem: q.stem, max: ctx.limits.stem }).catch(() => undefined);
    const shorter = proposed && acceptShorter(ctx.engine, q, proposed, ctx.limits);
    if (shorter && picker.add(shorter)) state.skipped.delete(skipKey(q));
  }
}

/** Scenarios whose situation the writer tells in other words, kept only when they pass the checks. */
async function retellSituations(questions: QuizQuestion[], writer: QuizWriter, ctx: BuildContext): Promise<QuizQuestion[]> {
  const out: QuizQuestion[] = [];
  for (const q of questions) {
    const rule = q.kind === "scenario" && q.fact === "consequence" ? findConditionals(q.quote).find((r) => r.actor && q.stem.startsWith(`Tình huống: ${r.situation}.`)) : undefined;
    const proposed = rule ? await writer.situation!({ condition: rule.condition, actor: rule.actor! }).catch(() => undefined) : undefined;
    out.push((proposed && rule && acceptSituation(ctx.engine, q, { condition: rule.condition, actor: rule.actor! }, proposed, ctx.limits)) || q);
  }
  return out;
}

/** Puts each correct option at its balanced position, distractors shuffled around it. */
function arrange(questions: QuizQuestion[], r: Rng): QuizQuestion[] {
  const mcq4 = questions.filter((q) => q.kind !== "truefalse");
  const slots4 = balanced(mcq4.length, 4, r);
  return questions.map((q) => {
    if (q.kind === "truefalse") return q;
    const right = q.options[q.correct];
    const wrong = shuffle(q.options.filter((_, i) => i !== q.correct), r);
    const at = slots4[mcq4.indexOf(q)];
    return { ...q, options: [...wrong.slice(0, at), right, ...wrong.slice(at)], correct: at };
  });
}

export async function generateQuiz(engine: Engine, opts: QuizOptions): Promise<QuizQuestion[]> {
  if (!Number.isInteger(opts.count) || opts.count < 1 || opts.count > MAX_COUNT) throw new QuizError(`Số câu phải từ 1 đến ${MAX_COUNT}.`);
  const kinds: QuizKind[] = opts.kinds?.length ? [...new Set(opts.kinds)] : [...QUIZ_KINDS];
  const r = rng(opts.seed ?? 1);
  const corpus = corpusOf(engine.docs());
  const scope = await resolveScope(engine, corpus, opts, r);
  const ctx: BuildContext = { engine, corpus, limits: opts.limits ?? TELEGRAM_LIMITS, r };
  const picker = new Picker(opts.count, kinds, opts.difficulty);
  const state: FillState = { skipped: new Set(), longStems: [] };
  if (opts.writer) await fillWritten(scope, picker, opts.writer, ctx);
  fillOffline(scope, picker, ctx, state);
  // A text made mostly of lists (a directive's duties) gives too few other facts: then lists may fill it.
  if (picker.picked.length < opts.count / 2) {
    picker.capLists = false;
    fillOffline(scope, picker, ctx, state);
  }
  if (opts.writer?.shorten) await fillShortened(picker, opts.writer, ctx, state);
  const picked = opts.writer?.situation ? await retellSituations(picker.picked, opts.writer, ctx) : picker.picked;
  if (opts.report) Object.assign(opts.report, { rephrased: picked.filter((q) => q.rephrased).length, skipped: state.skipped.size });
  return arrange(picked, r);
}
