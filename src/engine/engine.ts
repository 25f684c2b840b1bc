/**
 * The engine: question in, structured result out. It knows documents, units and citations, and
 * nothing of Telegram, Zalo or the terminal. Retrieval is lexical (plus vectors when the index has
 * them); answers are the documents' own sentences; every citation is built from the engine's data.
 */
import path from "node:path";
import { capitalize, citationLabel, docLabel, unitLabel, type Citation, type CitationDoc } from "../model/citation.js";
import { leadIn, unitFullText, unitPath, type ParsedDocument } from "../model/document.js";
import type { BlockHit, CorpusIndex, Definition, SearchParams } from "../index/corpus-index.js";
import { CURRENT, currentInfo, currentVersion, loadCurrent, type IndexInfo } from "../index/store.js";
import { clipQuote, openingQuote, pickQuote } from "../answer/sentences.js";
import { questionFocus } from "../retrieve/focus.js";
import { DocNameMatcher, nameSpace } from "../retrieve/doc-names.js";
import { isLookup, parseUnitRefs } from "../retrieve/unit-refs.js";
import { definesTerm, definitionTerm } from "../retrieve/definition.js";
import { assignsDuty, dutyHolder } from "../retrieve/duty.js";
import { plainQuestion } from "../retrieve/question.js";
import { informativeText, nameSyllables } from "../retrieve/framing.js";
import { enforceCitations, type TextSource } from "./invariants.js";
import { listQuote, titleMatches } from "./sizing.js";
import { detectFollowUp, type FollowUp } from "./followup.js";
import { enclosing, locateUnit } from "./locate.js";
import type { AskOptions, AskResult, CatalogEntry, Drafted, EngineWarning, ExplainReport, Focus, QuotedBlock, TokenUsage } from "./types.js";
import { composeAnswer } from "../llm/compose.js";
import type { AnswerWriter, QuestionRewriter } from "../llm/types.js";
import { addUsage } from "../llm/usage.js";
import { MAX_QUESTION_CHARS } from "../model/question.js";
import { rewrittenExpansion, thesaurusExpander, thesaurusStamp, type Thesaurus } from "../retrieve/thesaurus.js";

// The question limit is a rule of the model layer, re-exported for the engine's callers.
export { MAX_QUESTION_CHARS };
/**
 * Share of the question's content words a passage must contain to count as an answer. Below it,
 * the best hit only shares noise with the question and "không tìm thấy" is the honest reply.
 */
export const MIN_COVERAGE = 0.42;
/**
 * Share of the question's two-syllable words (those some unit uses) a hit must hold besides: below
 * it the hit shares syllables with the question, not words. Chosen on ALQAC half A and the first
 * other-domain set, where it refused no answerable question.
 */
export const MIN_WORD_COVERAGE = 0.1;
/**
 * Coverage a hit needs when it lacks a specific term of the question (one few units use, see
 * `RARE_SHARE`): missing the term the question turns on is evidence against it, so the rest of the
 * question must be clearly there. Chosen on ALQAC half A and the first two other-domain sets: hits
 * of other domains lacking such a term covered 0.42–0.56; no answerable question there lacked one.
 */
export const MIN_COVERAGE_WITHOUT_RARE = 0.6;
/** Further citations must score at least this share of the best one. */
const RELATIVE_SCORE = 0.6;

export interface EngineOptions {
  indexDir: string;
  embedQuery?: (text: string) => Promise<number[]>;
  /** Overrides for benchmarks and experiments; production uses the defaults. */
  minCoverage?: number;
  search?: SearchParams;
  /** Optional LLM (src/llm): phrases answers over the chosen citations, verified; absent = extractive. */
  writer?: AnswerWriter;
  /** Optional LLM rewriting of follow-ups into stand-alone questions before retrieval. */
  rewriter?: QuestionRewriter;
  /** Replaces the default and corpus thesaurus (src/retrieve/thesaurus.ts); null searches without one. */
  thesaurus?: Thesaurus | null;
}

/** Longest unit text handed to the writer; a longer unit is represented by its quote. */
const PASSAGE_CHARS = 1500;

export class Engine {
  private index!: CorpusIndex;
  private info!: IndexInfo;
  private matcher!: DocNameMatcher;
  private docPos = new Map<string, number>();
  /** The stamp of the loaded version's thesaurus file, as it was read (see `pending`). */
  private thesaurusRead = "";

  private constructor(private readonly opts: EngineOptions) {
    this.load();
  }

  /**
   * Opens the current index version of `opts.indexDir` (written by `ingest`); throws
   * IndexMissingError when nothing was ingested there. The thesaurus of the folder the index was
   * built from is loaded with it.
   *
   * @example
   * await ingest({ from: "corpus", indexDir: "data/index", embedder: null });
   * const engine = Engine.open({ indexDir: "data/index" });
   */
  static open(opts: EngineOptions): Engine {
    return new Engine(opts);
  }

  /** Builds everything for the new version first, then swaps: a failure leaves the old one whole. */
  private load(): void {
    // Stamped before reading, so an edit made while loading is seen by the next `pending`.
    const stamp = this.stamp(currentInfo(this.opts.indexDir)?.source);
    const expander = (source: string) => thesaurusExpander(source, this.opts.thesaurus);
    const { index, info } = loadCurrent(this.opts.indexDir, { embedQuery: this.opts.embedQuery, expander });
    const matcher = new DocNameMatcher(info.catalog);
    const docPos = new Map(index.docs.map((d, i) => [d.meta.id, i]));
    [this.index, this.info, this.matcher, this.docPos, this.thesaurusRead] = [index, info, matcher, docPos, stamp];
  }

  /** The thesaurus file's stamp in a source folder; "" when the thesaurus is given, not read. */
  private stamp(source: string | undefined): string {
    return source && this.opts.thesaurus === undefined ? thesaurusStamp(source) : "";
  }

  /**
   * What `reload` would load, when it differs from what is loaded: a new index version, or the
   * organisation's thesaurus file (tu-dien.txt) edited since. Undefined when nothing changed.
   * Polled by the watcher: it reads the pointer and stats one file, nothing more.
   */
  pending(): string | undefined {
    const version = currentVersion(this.opts.indexDir) ?? "";
    const stamp = this.stamp(this.info.source);
    return version === this.info.version && stamp === this.thesaurusRead ? undefined : `${version}|${stamp}`;
  }

  get version(): string {
    return this.info.version;
  }

  get embedderId(): string | undefined {
    return this.info.embedder?.id;
  }

  /** Coverage a topic's best hits need before an answer is given (see MIN_COVERAGE). */
  get minCoverage(): number {
    return this.opts.minCoverage ?? MIN_COVERAGE;
  }

  /** Picks up a newer index version published by an ingest, or an edited thesaurus; true when it changed. */
  reload(): boolean {
    if (!this.pending()) return false;
    this.load();
    return true;
  }

  /** File whose change signals a new version (for watchers). */
  get pointerFile(): string {
    return path.join(this.opts.indexDir, CURRENT);
  }

  /** Every document the manifest lists or the index holds, loaded or not. */
  catalog(): CatalogEntry[] {
    return this.info.catalog;
  }

  docs(): ParsedDocument[] {
    return this.index.docs;
  }

  /** Where invariants.ts checks quotes: the cited unit's full text, and its block's for lead-ins. */
  private readonly texts: TextSource = {
    unit: (c) => {
      const d = this.docPos.get(c.doc.id);
      return d === undefined || !this.index.docs[d].units[c.unit] ? undefined : unitFullText(this.index.docs[d], c.unit);
    },
    context: (c) => {
      const d = this.docPos.get(c.doc.id);
      if (d === undefined) return undefined;
      const doc = this.index.docs[d];
      return unitPath(doc, c.unit)
        .slice(0, -1)
        .map((u) => `${u.heading ?? ""}\n${u.text}`)
        .join("\n");
    },
  };

  /** Full text of a unit with its citation, for "Nguyên văn". */
  unitText(docId: string, unit: number): { citation: Citation; text: string } | undefined {
    const d = this.docPos.get(docId);
    if (d === undefined) return undefined;
    const doc = this.index.docs[d];
    if (!doc.units[unit]) return undefined;
    const text = unitFullText(doc, unit);
    return { citation: this.citation(d, unit, text, 1), text };
  }

  citation(d: number, unit: number, quote: string, score: number): Citation {
    const doc = this.index.docs[d];
    const m = doc.meta;
    const citeDoc: CitationDoc = { id: m.id, number: m.number, kind: m.kind, title: m.title, status: m.status, replacedBy: m.replacedBy };
    const path = unitPath(doc, unit).map((u) => ({ type: u.type, label: u.label, heading: u.heading }));
    const lead = leadIn(doc, unit)?.text;
    const citation: Citation = { doc: citeDoc, path, unit, unitId: doc.units[unit].id, quote, score, ...(lead && { leadIn: lead }) };
    if (readFromLowConfidenceScan(doc, unit, quote)) citation.lowConfidence = true;
    return citation;
  }

  /**
   * Ranked blocks for a topic, for features that compose several citations (talking points, quizzes):
   * each hit's best-matching sentence, quoted and cited, with the block's coverage of the topic.
   * `docs` (document ids) restricts the search; unknown ids are ignored.
   */
  async searchBlocks(topic: string, opts: { docs?: string[]; limit?: number } = {}): Promise<QuotedBlock[]> {
    const docs = opts.docs && new Set(opts.docs.flatMap((id) => this.docPos.get(id) ?? []));
    if (docs && !docs.size) return [];
    const hits = await this.index.search(topic, { limit: opts.limit ?? 10, docs, params: this.opts.search });
    const weights = this.index.termWeights(topic);
    return hits.flatMap((hit) => {
      const { doc: d, unit } = hit;
      const pick = pickQuote(this.index.docs[d], unit, weights);
      return pick ? [{ citation: this.citation(d, pick.unit, pick.quote, hit.score), sentence: pick.sentence, block: unit, coverage: hit.coverage }] : [];
    });
  }

  /**
   * Answers one question from the documents only: a unit asked for by name, a follow-up on
   * `opts.focus`, or a search whose answer sentences and quotes are verbatim and cited — or
   * `not_found` with the reason. Every result passes the citation invariant (invariants.ts).
   *
   * @example
   * const r = await engine.ask("điểm a khoản 2 điều 5 nghị định 73");
   * if (r.status === "unit") console.log(citationLabel(r.citations[0]), r.citations[0].quote);
   * const next = await engine.ask("điều tiếp theo", { focus: r.focus });
   */
  async ask(rawQuestion: string, opts: AskOptions = {}): Promise<AskResult> {
    const started = performance.now();
    const warnings: EngineWarning[] = [];
    let question = plainQuestion(rawQuestion);
    let rewrittenFrom: string | undefined;
    let tokens: TokenUsage | undefined;
    const done = (drafted: Drafted): AskResult => {
      // Nothing leaves the engine that its own text does not hold (see invariants.ts).
      const r = enforceCitations(drafted, this.texts);
      return {
        question,
        ...(rewrittenFrom && { rewrittenFrom }),
        ...(tokens && { tokens }),
        mode: "extractive",
        ...r,
        warnings: [...warnings, ...this.statusWarnings(r.citations)],
        tookMs: performance.now() - started,
      };
    };
    if (!/[\p{L}\p{N}]/u.test(question))
      return done({ status: "invalid", answer: [], citations: [], related: [], reason: "Câu hỏi trống — hãy gõ câu hỏi bằng chữ, ví dụ: «Điều 1 quy định gì?»" });
    if (question.length > MAX_QUESTION_CHARS) {
      question = clipQuote(question, MAX_QUESTION_CHARS);
      warnings.push({ code: "question_truncated", message: `Câu hỏi quá dài; chỉ xét ${MAX_QUESTION_CHARS} ký tự đầu.` });
    }

    const focus = opts.focus && this.docPos.has(opts.focus.docId) ? opts.focus : undefined;
    const followUp = focus && detectFollowUp(question);
    if (focus && followUp) return done(this.followUp(focus, followUp));
    const rewrite = await this.standalone(question, focus, opts);
    tokens = rewrite.usage;
    if (rewrite.question && rewrite.question !== question) [rewrittenFrom, question] = [question, rewrite.question];

    const named = this.matcher.find(question);
    const notLoaded = named.filter((n) => !this.docPos.has(n.docId));
    const namedLoaded = named.filter((n) => this.docPos.has(n.docId)).map((n) => this.docPos.get(n.docId)!);
    if (notLoaded.length && !namedLoaded.length) {
      const meta = this.info.catalog.find((c) => c.id === notLoaded[0].docId)!;
      return done({
        status: "not_found",
        answer: [],
        citations: [],
        related: [],
        reason: `${docLabel(meta)} có trong danh mục nhưng chưa được nạp toàn văn, nên chưa thể trả lời từ văn bản này.`,
      });
    }

    const refs = parseUnitRefs(question);
    if (refs.length && isLookup(question, named.map((n) => n.key))) {
      const direct = this.direct(refs, namedLoaded, focus, warnings);
      if (direct) return done(direct);
    }
    const definition = this.definition(question, named.map((n) => n.key));
    const terms = await this.documentTerms(question, rewrittenFrom);
    tokens = addUsage(tokens, terms.usage);
    const written = await this.write(question, await this.search(question, namedLoaded, opts.maxCitations ?? 3, definition, named.map((n) => n.key), terms.question), opts, warnings);
    tokens = addUsage(tokens, written.usage);
    return done(written.result);
  }

  /** With an LLM, a follow-up becomes a stand-alone question before retrieval; otherwise it stays as typed. */
  private async standalone(question: string, focus: Focus | undefined, opts: AskOptions): Promise<{ question?: string; usage?: TokenUsage }> {
    if (!this.opts.rewriter || (!focus && !opts.previousQuestion)) return {};
    const c = focus && this.citation(this.docPos.get(focus.docId)!, focus.unit, "", 0);
    const heading = c && [...c.path].reverse().find((s) => s.heading)?.heading;
    const focusLabel = c && `${citationLabel(c)}${heading ? `: ${heading}` : ""}`;
    return this.opts.rewriter.rewrite({ question, previousQuestion: opts.previousQuestion, focusLabel }).catch(() => ({}));
  }

  /** With an LLM, the question in the documents' wording, searched beside the user's; a follow-up it rewrote already is not asked again. */
  private async documentTerms(question: string, rewrittenFrom?: string): Promise<{ question?: string; usage?: TokenUsage }> {
    if (!this.opts.rewriter?.toDocumentTerms || rewrittenFrom) return {};
    return this.opts.rewriter.toDocumentTerms(question).catch(() => ({}));
  }

  /** With a writer, the LLM phrases the answer over the chosen citations; any failure keeps the extractive one. */
  private async write(question: string, found: Drafted, opts: AskOptions, warnings: EngineWarning[]): Promise<{ result: Drafted; usage?: TokenUsage }> {
    const writer = this.opts.writer;
    if (!writer || found.status !== "answer" || !found.answer.length) return { result: found };
    const passages = found.citations.map((c) => {
      const text = this.unitText(c.doc.id, c.unit)?.text ?? c.quote;
      return { label: citationLabel(c), text: text.length <= PASSAGE_CHARS ? text : c.quote };
    });
    const out = await writer.write({ question, passages, onPartial: opts.onPartial }).catch(() => ({ ok: false as const, usage: undefined }));
    const composed = out.ok ? composeAnswer(out.sentences, found.citations, found.related) : undefined;
    if (!out.ok || !composed) return { result: found, usage: out.usage };
    if (out.dropped)
      warnings.push({ code: "partly_unsupported", message: "Một phần câu trả lời do mô hình viết không có căn cứ trong văn bản trích dẫn nên đã được lược bỏ." });
    return { result: { ...found, ...composed, mode: "llm" }, usage: out.usage };
  }

  /** A unit named outright: "Điều 5 Nghị định 73", or "khoản 3" after an answer about Điều 5. */
  private direct(
    refs: ReturnType<typeof parseUnitRefs>,
    named: number[],
    focus: Focus | undefined,
    warnings: EngineWarning[],
  ): Drafted | undefined {
    let docs = named;
    let scoped = refs;
    let within: number | undefined;
    if (!docs.length && focus) {
      docs = [this.docPos.get(focus.docId)!];
      // "khoản 3" alone continues the article under discussion; "đoạn 2" the article or the
      // directive section (named by its whole path: "mục 3" may recur in each part).
      const doc = this.index.docs[docs[0]];
      const top = refs.some((r) => r.type === "dieu" || r.type === "muc" || r.type === "phan");
      const article = enclosing(doc, focus.unit, "dieu");
      const section = article === undefined && refs.every((r) => r.type === "doan") ? enclosing(doc, focus.unit, "muc") : undefined;
      within = top ? undefined : (article ?? section);
      if (within !== undefined) {
        const path = within === article ? [doc.units[article]] : unitPath(doc, within).filter((u) => u.type === "phan" || u.type === "muc");
        scoped = [...path.map((u) => ({ type: u.type, label: u.label })), ...refs];
      }
    }
    if (!docs.length) docs = this.index.docs.map((_, i) => i);
    const found = docs.flatMap((d) => {
      const unit = locateUnit(this.index.docs[d], scoped);
      return unit === undefined ? [] : [{ d, unit }];
    });
    if (!found.length) {
      if (scoped !== refs) {
        // "khoản 3 thì sao?" about an article without a khoản 3: say so, never jump elsewhere.
        const where = citationLabel(this.citation(docs[0], within!, "", 0));
        return { status: "not_found", answer: [], citations: [], related: [], reason: `${capitalize(where)} không có ${unitLabel(refs)}.`, focus };
      }
      if (!named.length) return undefined; // "điều kiện…" was not a reference after all: search
      return {
        status: "not_found",
        answer: [],
        citations: [],
        related: [],
        reason: `Không có ${unitLabel(refs)} trong ${named.map((d) => docLabel(this.index.docs[d].meta)).join(", ")}.`,
      };
    }
    if (!named.length && !focus && found.length > 1)
      warnings.push({ code: "document_not_named", message: "Câu hỏi chưa nêu tên văn bản; dưới đây là đơn vị này trong từng văn bản đã nạp." });
    const citations = found.slice(0, 5).map(({ d, unit }) => this.citation(d, unit, clipQuote(unitFullText(this.index.docs[d], unit)), 1));
    const first = found[0];
    return { status: "unit", answer: [], citations, related: [], focus: { docId: this.index.docs[first.d].meta.id, unit: first.unit } };
  }

  private followUp(focus: Focus, intent: FollowUp): Drafted {
    const d = this.docPos.get(focus.docId)!;
    const doc = this.index.docs[d];
    if (intent.kind === "more") {
      // "Nói rõ hơn": the whole article or section around what was quoted, not the same quote again.
      const block = enclosing(doc, focus.unit, "dieu") ?? enclosing(doc, focus.unit, "muc") ?? focus.unit;
      return { status: "unit", answer: [], citations: [this.citation(d, block, clipQuote(unitFullText(doc, block), 3500), 1)], related: [], focus: { docId: focus.docId, unit: block } };
    }
    // The next/previous unit of the type asked for ("điều tiếp theo" after a khoản: the next article),
    // else of the focus's own type, in document order.
    const type = intent.type ?? doc.units[focus.unit].type;
    const from = enclosing(doc, focus.unit, type) ?? focus.unit;
    const step = intent.kind === "next" ? 1 : -1;
    let i = from + step;
    while (i >= 0 && i < doc.units.length && doc.units[i].type !== type) i += step;
    if (i < 0 || i >= doc.units.length)
      return { status: "not_found", answer: [], citations: [], related: [], reason: intent.kind === "next" ? "Đây đã là đơn vị cuối của văn bản." : "Đây đã là đơn vị đầu của văn bản.", focus };
    return { status: "unit", answer: [], citations: [this.citation(d, i, clipQuote(unitFullText(doc, i)), 1)], related: [], focus: { docId: focus.docId, unit: i } };
  }

  /** Answerable when one of the best few hits carries most of the question's content words. */
  private answerable(hits: BlockHit[]): boolean {
    return hits.slice(0, 3).some((h) => this.covers(h));
  }

  /**
   * The coverage gate: most of the question's content, and some of its words, in the hit; clearly
   * more of it when the hit lacks a specific term the question turns on ("núi", "karaoke": few
   * units use it), as a hit sharing only the question's common words does.
   */
  private covers(hit: BlockHit): boolean {
    const need = hit.absent ? Math.max(this.minCoverage, MIN_COVERAGE_WITHOUT_RARE) : this.minCoverage;
    return hit.coverage >= need && hit.wordCoverage >= MIN_WORD_COVERAGE;
  }

  /**
   * The ranked blocks for a question: the documents it names first, the whole corpus if they have
   * nothing. `inDocumentTerms` (the question in the documents' wording, from an LLM) is searched
   * beside it, never shown.
   */
  private async rank(question: string, named: number[], definition?: Definition, nameKeys: string[] = [], inDocumentTerms?: string): Promise<BlockHit[]> {
    const expansions = inDocumentTerms ? [rewrittenExpansion(question, inDocumentTerms)] : undefined;
    const params = this.opts.search;
    let hits: BlockHit[] = [];
    // The gate weighs what is asked, not how: framing, options and a story's names are left out.
    // The document's name ("Chỉ thị 299") says where to look, not what: it may count for a passage
    // (its title holds it) but never against one (a bare "299" is in no passage), hence two readings.
    const informative = informativeText(question);
    const asked = nameSpace(informative);
    const unnamed = nameKeys.reduce((text, key) => text.replace(` ${key} `, " "), asked);
    const coverageOf = unnamed === asked ? [asked] : [asked, unnamed];
    const names = nameSyllables(informative);
    if (named.length) hits = await this.index.search(question, { limit: 10, docs: new Set(named), params, definition, coverageOf, expansions, names });
    if (!this.answerable(hits)) {
      const all = await this.index.search(question, { limit: 10, params, definition, coverageOf, expansions, names });
      if (this.answerable(all) || !hits.length) hits = all;
    }
    return hits;
  }

  /**
   * The passage shape that answers the question, document names set aside: the definition of X
   * for "X là gì?", the assignment of X's duties for "X có trách nhiệm gì?" (a directive's
   * "Bộ X có trách nhiệm:" before its bullets).
   */
  private definition(question: string, nameKeys: string[]): Definition | undefined {
    const term = definitionTerm(question, nameKeys);
    if (term) return { term, defines: (text: string) => definesTerm(text, term), outranks: true };
    const holder = dutyHolder(question, nameKeys);
    return holder ? { term: holder, defines: (text: string) => assignsDuty(text, holder), outranks: false } : undefined;
  }

  /**
   * Why each passage ranked where it did for a question, and which gates it passed: the per-term
   * BM25 parts of its block and best passage, the definition bonus, coverage against the threshold
   * and the relative-score rule. For `npm run ask -- --explain`.
   *
   * @example
   * const report = await engine.explain("thời hạn thử việc tối đa");
   * report.hits[0].gate; // "cited"
   */
  async explain(rawQuestion: string): Promise<ExplainReport> {
    const question = plainQuestion(rawQuestion);
    const found = this.matcher.find(question);
    const named = found.flatMap((n) => this.docPos.get(n.docId) ?? []);
    const definition = this.definition(question, found.map((n) => n.key));
    const hits = await this.rank(question, named, definition, found.map((n) => n.key));
    const top = hits[0]?.score ?? 0;
    let cited = 0;
    return {
      question,
      askedPart: informativeText(question),
      named: named.map((d) => docLabel(this.index.docs[d].meta)),
      definition: definition?.outranks ? definition.term : undefined,
      dutyHolder: definition && !definition.outranks ? definition.term : undefined,
      minCoverage: this.minCoverage,
      minWordCoverage: MIN_WORD_COVERAGE,
      minCoverageWithoutRare: MIN_COVERAGE_WITHOUT_RARE,
      answerable: this.answerable(hits),
      hits: hits.map((hit) => {
        const gate =
          !this.covers(hit) ? "below coverage" : hit.score < RELATIVE_SCORE * top ? "below relative score" : cited++ < 3 ? "cited" : "related";
        return {
          label: citationLabel(this.citation(hit.doc, hit.unit, "", hit.score)),
          coverage: hit.coverage,
          wordCoverage: hit.wordCoverage,
          ...(hit.absent && { absent: hit.absent }),
          gate,
          explanation: this.index.explain(question, hit, this.opts.search),
        };
      }),
    };
  }

  private async search(question: string, named: number[], maxCitations: number, definition?: Definition, nameKeys: string[] = [], inDocumentTerms?: string): Promise<Drafted> {
    const hits = await this.rank(question, named, definition, nameKeys, inDocumentTerms);
    if (!this.answerable(hits))
      return {
        status: "not_found",
        answer: [],
        citations: [],
        related: [],
        reason: "Không tìm thấy nội dung trả lời câu hỏi này trong các văn bản đã nạp.",
      };
    const weights = this.index.termWeights(question);
    // what the question asks for ("những thành phần nào"): the quote should say it
    const focus = questionFocus(question, nameKeys);
    const cited: Citation[] = [];
    const related: Citation[] = [];
    // The direct answer is the first citation's own sentence: never a sentence of another unit.
    let topSentence: string | undefined;
    for (const hit of hits) {
      const { doc: d, unit } = hit;
      const doc = this.index.docs[d];
      const cite = cited.length < maxCitations && this.covers(hit) && hit.score >= RELATIVE_SCORE * hits[0].score;
      if (cite && !cited.length && titleMatches(doc, unit, question)) {
        // The question is the article's own title ("quyền của viên chức về nghỉ ngơi"): the
        // article is the answer, clauses and all.
        const whole = listQuote(doc, unit);
        cited.push(this.citation(d, unit, whole, hit.score));
        topSentence = whole;
        continue;
      }
      // The quote is looked for in the passages that matched (two for a citation, one for related).
      const within = hit.passageUnits.slice(0, cite ? 2 : 1);
      // A passage shaped as the answer (the definition, the holder's duties) is quoted from its start.
      const pick = (cite && hit.opening !== undefined ? openingQuote(doc, hit.opening) : undefined) ?? pickQuote(doc, unit, weights, within, focus);
      if (!pick) continue;
      // A sentence that opens a list ("… gồm:", "… sau đây:") answers with its items.
      const list = cite && pick.sentence.trimEnd().endsWith(":") && doc.units[pick.unit].children.length ? listQuote(doc, pick.unit) : undefined;
      const quote = list ?? pick.quote;
      if (cite && !cited.length) topSentence = list ?? pick.sentence;
      (cite ? cited : related).push(this.citation(d, pick.unit, quote, hit.score));
    }
    const top = cited[0];
    return {
      status: "answer",
      answer: top && topSentence ? [{ text: topSentence, citations: [0] }] : [],
      citations: cited,
      related: related.slice(0, 10),
      focus: top ? { docId: top.doc.id, unit: top.unit } : undefined,
    };
  }

  /** Answers resting on a superseded document must say so. */
  private statusWarnings(citations: Citation[]): EngineWarning[] {
    const seen = new Set<string>();
    const out: EngineWarning[] = [];
    for (const c of citations) {
      if (seen.has(c.doc.id) || c.doc.status !== "superseded") continue;
      seen.add(c.doc.id);
      const by = c.doc.replacedBy ? ` bởi ${c.doc.replacedBy}` : "";
      out.push({ code: "superseded", message: `${docLabel(c.doc)} đã được thay thế${by}; nội dung trích dẫn có thể không còn hiệu lực.` });
    }
    return out;
  }
}

/** Build information of the current index version, or undefined when nothing was ingested. */
export const readInfo = currentInfo;

/** The quote comes from a unit OCR read with low confidence (its own text, or a sub-unit's when quoted whole). */
function readFromLowConfidenceScan(doc: ParsedDocument, unit: number, quote: string): boolean {
  const u = doc.units[unit];
  if (u.lowConfidence) return true;
  if (u.text.includes(quote)) return false;
  const below = (i: number): boolean => doc.units[i].children.some((c) => doc.units[c].lowConfidence || below(c));
  return below(unit);
}
