/**
 * The engine: question in, structured result out. It knows documents, units and citations, and
 * nothing of Telegram, Zalo or the terminal. Retrieval is lexical (plus vectors when the index has
 * them); answers are the documents' own sentences; every citation is built from the engine's data.
 */
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { citationLabel, docLabel, unitLabel, type Citation, type CitationDoc } from "../model/citation.js";
import { unitFullText, unitPath, type ParsedDocument } from "../model/document.js";
import type { BlockHit, CorpusIndex, SearchParams } from "../index/corpus-index.js";
import { CURRENT, currentInfo, currentVersion, loadCurrent, type IndexInfo } from "../index/store.js";
import { clipQuote, pickQuote, queryWeights } from "../answer/sentences.js";
import { DocNameMatcher } from "../retrieve/doc-names.js";
import { isLookup, parseUnitRefs } from "../retrieve/unit-refs.js";
import { definitionTerm } from "../retrieve/definition.js";
import { detectFollowUp } from "./followup.js";
import { enclosing, locateUnit } from "./locate.js";
import type { AskOptions, AskResult, CatalogEntry, EngineWarning, Focus, PassageHit, TokenUsage } from "./types.js";
import { composeAnswer } from "../llm/compose.js";
import type { AnswerWriter, QuestionRewriter } from "../llm/types.js";
import { addUsage } from "../llm/usage.js";
import { rewrittenExpansion, thesaurusExpander, type Thesaurus } from "../retrieve/thesaurus.js";

/** Longest question handled; the rest of a pasted wall of text is ignored (and said so). */
export const MAX_QUESTION_CHARS = 1000;
/**
 * Share of the question's content words a passage must contain to count as an answer. Below it,
 * the best hit only shares noise with the question and "không tìm thấy" is the honest reply.
 */
export const MIN_COVERAGE = 0.42;
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

/** A search result before the common fields are added, possibly rewritten by the LLM writer. */
type Drafted = Omit<AskResult, "question" | "warnings" | "tookMs" | "mode"> & { mode?: AskResult["mode"] };
/** Longest unit text handed to the writer; a longer unit is represented by its quote. */
const PASSAGE_CHARS = 1500;

export class Engine {
  private index!: CorpusIndex;
  private info!: IndexInfo;
  private matcher!: DocNameMatcher;
  private docPos = new Map<string, number>();

  private constructor(private readonly opts: EngineOptions) {
    this.load();
  }

  /** Opens the current index version; throws IndexMissingError when nothing was ingested. */
  static open(opts: EngineOptions): Engine {
    return new Engine(opts);
  }

  /** Builds everything for the new version first, then swaps: a failure leaves the old one whole. */
  private load(): void {
    const expander = (source: string) => thesaurusExpander(source, this.opts.thesaurus);
    const { index, info } = loadCurrent(this.opts.indexDir, { embedQuery: this.opts.embedQuery, expander });
    const matcher = new DocNameMatcher(info.catalog);
    const docPos = new Map(index.docs.map((d, i) => [d.meta.id, i]));
    [this.index, this.info, this.matcher, this.docPos] = [index, info, matcher, docPos];
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

  /** Picks up a newer index version published by an ingest; true when it changed. */
  reload(): boolean {
    if (currentVersion(this.opts.indexDir) === this.info.version) return false;
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
    return { doc: citeDoc, path, unit, unitId: doc.units[unit].id, quote, score };
  }

  /**
   * Ranked passages for a topic, for features that compose several citations (talking points):
   * each hit's best-matching sentence, quoted and cited, with the block's coverage of the topic.
   * `docs` (document ids) restricts the search; unknown ids are ignored.
   */
  async searchPassages(topic: string, opts: { docs?: string[]; limit?: number } = {}): Promise<PassageHit[]> {
    const docs = opts.docs && new Set(opts.docs.flatMap((id) => this.docPos.get(id) ?? []));
    if (docs && !docs.size) return [];
    const hits = await this.index.search(topic, { limit: opts.limit ?? 10, docs, params: this.opts.search });
    const weights = queryWeights(this.index.parts.blockIndex, topic);
    return hits.flatMap((hit) => {
      const { doc: d, unit } = this.index.parts.blocks[hit.block];
      const pick = pickQuote(this.index.docs[d], unit, weights);
      return pick ? [{ citation: this.citation(d, pick.unit, pick.quote, hit.score), sentence: pick.sentence, block: unit, coverage: hit.coverage }] : [];
    });
  }

  async ask(rawQuestion: string, opts: AskOptions = {}): Promise<AskResult> {
    const started = performance.now();
    const warnings: EngineWarning[] = [];
    let question = rawQuestion.normalize("NFC").replace(/\s+/g, " ").trim();
    let rewrittenFrom: string | undefined;
    let tokens: TokenUsage | undefined;
    const done = (r: Omit<AskResult, "question" | "warnings" | "tookMs" | "mode"> & { mode?: AskResult["mode"] }): AskResult => ({
      question,
      ...(rewrittenFrom && { rewrittenFrom }),
      ...(tokens && { tokens }),
      mode: "extractive",
      ...r,
      warnings: [...warnings, ...this.statusWarnings(r.citations)],
      tookMs: performance.now() - started,
    });
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
    const definition = definitionTerm(question, named.map((n) => n.key));
    const terms = await this.documentTerms(question, rewrittenFrom);
    tokens = addUsage(tokens, terms.usage);
    const written = await this.write(question, await this.search(question, namedLoaded, opts.maxCitations ?? 3, definition, terms.question), opts, warnings);
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
  ): Omit<AskResult, "question" | "warnings" | "tookMs" | "mode"> | undefined {
    let docs = named;
    let scoped = refs;
    if (!docs.length && focus) {
      docs = [this.docPos.get(focus.docId)!];
      // "khoản 3" alone continues the article (or section) under discussion.
      const doc = this.index.docs[docs[0]];
      const top = refs.some((r) => r.type === "dieu" || r.type === "muc" || r.type === "phan");
      const article = enclosing(doc, focus.unit, "dieu");
      if (!top && article !== undefined) scoped = [{ type: "dieu", label: doc.units[article].label }, ...refs];
    }
    if (!docs.length) docs = this.index.docs.map((_, i) => i);
    const found = docs.flatMap((d) => {
      const unit = locateUnit(this.index.docs[d], scoped);
      return unit === undefined ? [] : [{ d, unit }];
    });
    if (!found.length) {
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

  private followUp(focus: Focus, kind: "next" | "previous" | "more"): Omit<AskResult, "question" | "warnings" | "tookMs" | "mode"> {
    const d = this.docPos.get(focus.docId)!;
    const doc = this.index.docs[d];
    let unit = focus.unit;
    if (kind !== "more") {
      // The next/previous unit of the same type in document order (article after article).
      const type = doc.units[unit].type;
      const step = kind === "next" ? 1 : -1;
      let i = unit + step;
      while (i >= 0 && i < doc.units.length && doc.units[i].type !== type) i += step;
      if (i < 0 || i >= doc.units.length)
        return { status: "not_found", answer: [], citations: [], related: [], reason: kind === "next" ? "Đây đã là đơn vị cuối của văn bản." : "Đây đã là đơn vị đầu của văn bản.", focus };
      unit = i;
    }
    return { status: "unit", answer: [], citations: [this.citation(d, unit, clipQuote(unitFullText(doc, unit), kind === "more" ? 3500 : undefined), 1)], related: [], focus: { docId: focus.docId, unit } };
  }

  private async search(question: string, named: number[], maxCitations: number, definition?: string, inDocumentTerms?: string): Promise<Omit<AskResult, "question" | "warnings" | "tookMs" | "mode">> {
    const expansions = inDocumentTerms ? [rewrittenExpansion(question, inDocumentTerms)] : undefined;
    // A question that names a document searches it first; the rest of the corpus only if it has nothing.
    const minCoverage = this.opts.minCoverage ?? MIN_COVERAGE;
    const params = this.opts.search;
    // Answerable when one of the best few hits carries most of the question's content words.
    const answerable = (hs: BlockHit[]) => hs.slice(0, 3).some((h) => h.coverage >= minCoverage);
    let hits: BlockHit[] = [];
    if (named.length) hits = await this.index.search(question, { limit: 10, docs: new Set(named), params, definition, expansions });
    if (!answerable(hits)) {
      const all = await this.index.search(question, { limit: 10, params, definition, expansions });
      if (answerable(all) || !hits.length) hits = all;
    }
    const { blocks, passages } = this.index.parts;
    if (!answerable(hits))
      return {
        status: "not_found",
        answer: [],
        citations: [],
        related: [],
        reason: "Không tìm thấy nội dung trả lời câu hỏi này trong các văn bản đã nạp.",
      };
    const weights = queryWeights(this.index.parts.blockIndex, question);
    const cited: Citation[] = [];
    const related: Citation[] = [];
    let topSentence: string | undefined;
    for (const hit of hits) {
      const { doc: d, unit } = blocks[hit.block];
      const cite = cited.length < maxCitations && hit.coverage >= minCoverage && hit.score >= RELATIVE_SCORE * hits[0].score;
      // The quote is looked for in the passages that matched (two for a citation, one for related).
      const within = hit.passages.slice(0, cite ? 2 : 1).map((p) => passages[p].unit);
      const pick = pickQuote(this.index.docs[d], unit, weights, within);
      if (!pick) continue;
      topSentence ??= pick.sentence;
      (cite ? cited : related).push(this.citation(d, pick.unit, pick.quote, hit.score));
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
