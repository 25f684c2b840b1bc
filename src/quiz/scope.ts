/**
 * What a quiz covers: whole documents, one part of a document (a chapter, an article), or the
 * blocks that match a topic — as blocks in the order questions should be spread over them.
 */
import type { Engine } from "../engine/engine.js";
import { blockDescendants } from "../answer/sentences.js";
import { docLabel } from "../model/citation.js";
import type { BlockFacts, Corpus } from "./corpus.js";
import { shuffle, type Rng } from "./random.js";
import { QuizError } from "./types.js";
import { TopicGate } from "../points/gate.js";
import { NOT_ENOUGH_BASIS } from "../points/types.js";

export interface ScopeBlock {
  d: number;
  facts: BlockFacts;
  /** Units of the block inside the scope (all of them unless a part was asked for). */
  units: Set<number>;
  /** With `perPart`: the chapter or section the block is in ("d:unit"); questions take turns by part. */
  part?: string;
}

export interface ScopeRequest {
  docIds?: string[];
  topic?: string;
  /** A unit id inside the one document named ("chuong-ii", "dieu-5"): only it and what it contains. */
  part?: string;
  /** Spread questions over the chapters or sections (parts) of each document in turn. */
  perPart?: boolean;
}

/** Share of the best block's score: words found only in a chapter title do not make a block about it. */
const TOPIC_SCORE = 0.25;
const TOPIC_BLOCKS = 60;

/** The part a block belongs to: its outermost chapter, part or section; the block itself when it has none. */
function partOf(engine: Engine, d: number, block: number): number {
  const doc = engine.docs()[d];
  let top = block;
  for (let u = doc.units[block].parent; u !== undefined; u = doc.units[u].parent) top = u;
  return top;
}

/** Blocks ordered so that consecutive ones come from different parts: each chapter in turn. */
function byPart(engine: Engine, blocks: ScopeBlock[]): ScopeBlock[] {
  const groups = new Map<string, ScopeBlock[]>();
  for (const b of blocks) {
    const key = `${b.d}:${partOf(engine, b.d, b.facts.block)}`;
    groups.set(key, [...(groups.get(key) ?? []), { ...b, part: key }]);
  }
  return interleave([...groups.values()]);
}

function docPositions(engine: Engine, ids: string[]): number[] {
  const pos = new Map(engine.docs().map((d, i) => [d.meta.id, i]));
  return ids.map((id) => {
    const d = pos.get(id);
    if (d !== undefined) return d;
    const listed = engine.catalog().find((c) => c.id === id);
    if (listed) throw new QuizError(`${docLabel(listed)} (${id}) có trong danh mục nhưng chưa được nạp toàn văn.`);
    const known = [...pos.keys()];
    throw new QuizError(`Không có văn bản mã "${id}". Các mã đã nạp: ${known.slice(0, 12).join(", ")}${known.length > 12 ? ", …" : ""}`);
  });
}

/** Round-robin across documents so a quiz over several documents draws from each in turn. */
function interleave(perDoc: ScopeBlock[][]): ScopeBlock[] {
  const out: ScopeBlock[] = [];
  for (let i = 0; perDoc.some((b) => i < b.length); i++) for (const b of perDoc) if (i < b.length) out.push(b[i]);
  return out;
}

export async function resolveScope(engine: Engine, corpus: Corpus, req: ScopeRequest, r: Rng): Promise<ScopeBlock[]> {
  if (req.topic && req.part) throw new QuizError("Chọn chủ đề hoặc một phần văn bản, không chọn cả hai.");
  const ds = req.docIds?.length ? docPositions(engine, req.docIds) : engine.docs().map((_, i) => i);
  const whole = (d: number, f: BlockFacts): ScopeBlock => ({ d, facts: f, units: new Set(f.units) });
  if (req.topic) {
    // The topic gate of talking points: a block, and each unit asked about, must treat the topic.
    const gate = TopicGate.of(engine, req.topic);
    const hits = await engine.searchBlocks(req.topic, { docs: req.docIds, limit: TOPIC_BLOCKS });
    const pos = new Map(engine.docs().map((d, i) => [d.meta.id, i]));
    const seen = new Set<string>();
    const out: ScopeBlock[] = [];
    const onTopic = hits.filter((x) => x.coverage >= engine.minCoverage && gate.treats(x.citation.doc.id, x.block));
    const best = onTopic[0]?.citation.score ?? 0;
    for (const h of onTopic.filter((x) => x.citation.score >= TOPIC_SCORE * best)) {
      const d = pos.get(h.citation.doc.id)!;
      const f = corpus.docs[d].find((b) => b.block === h.block);
      if (!f || seen.has(`${d}:${h.block}`)) continue;
      seen.add(`${d}:${h.block}`);
      const units = new Set(f.units.filter((u) => gate.treats(h.citation.doc.id, u)));
      if (units.size) out.push({ d, facts: f, units });
    }
    if (!out.length) throw new QuizError(`${NOT_ENOUGH_BASIS}: không có nội dung về «${req.topic}» trong ${req.docIds?.length ? "các văn bản đã chọn" : "các văn bản đã nạp"}.`);
    return req.perPart ? byPart(engine, out) : out;
  }
  if (req.part) {
    if (ds.length !== 1) throw new QuizError("Chọn một phần văn bản (--part) thì phải nêu đúng một văn bản.");
    const doc = engine.docs()[ds[0]];
    const unit = doc.units.findIndex((u) => u.id === req.part);
    if (unit < 0) throw new QuizError(`Không có phần "${req.part}" trong ${docLabel(doc.meta)} (ví dụ: ${doc.units.slice(1, 4).map((u) => u.id).join(", ")}).`);
    const inside = new Set(blockDescendants(doc, unit));
    const out = corpus.docs[ds[0]]
      .map((f) => ({ d: ds[0], facts: f, units: new Set(f.units.filter((u) => inside.has(u))) }))
      .filter((b) => b.units.size);
    if (!out.length) throw new QuizError(`Phần "${req.part}" của ${docLabel(doc.meta)} không có nội dung để hỏi.`);
    return shuffle(out, r);
  }
  const perDoc = ds.map((d) => shuffle(corpus.docs[d].map((f) => whole(d, f)), r));
  return interleave(req.perPart ? perDoc.map((blocks) => byPart(engine, blocks)) : perDoc);
}

/**
 * "Bộ câu hỏi — Luật 24/2008/QH12 — chủ đề: nhập quốc tịch": for sheets, exports and chat. It names
 * the documents the questions come from, when given, else those asked for.
 */
export function quizTitle(engine: Engine, req: ScopeRequest, questions?: Array<{ citation: { doc: { id: string } } }>): string {
  const used = questions ? new Set(questions.map((q) => q.citation.doc.id)) : new Set(req.docIds ?? []);
  const docs = engine.docs().filter((d) => used.has(d.meta.id)).map((d) => docLabel(d.meta));
  const scope = [docs.join(", "), req.part, req.topic && `chủ đề: ${req.topic}`].filter(Boolean).join(" — ");
  return scope ? `Bộ câu hỏi — ${scope}` : "Bộ câu hỏi";
}
