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

export interface ScopeBlock {
  d: number;
  facts: BlockFacts;
  /** Units of the block inside the scope (all of them unless a part was asked for). */
  units: Set<number>;
}

export interface ScopeRequest {
  docIds?: string[];
  topic?: string;
  /** A unit id inside the one document named ("chuong-ii", "dieu-5"): only it and what it contains. */
  part?: string;
}

/** Share of the topic's words a block must contain to be on the topic… */
const TOPIC_COVERAGE = 0.5;
/** …and share of the best block's score: words found only in a chapter title do not make a block about it. */
const TOPIC_SCORE = 0.25;
const TOPIC_BLOCKS = 40;

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
    const hits = await engine.searchPassages(req.topic, { docs: req.docIds, limit: TOPIC_BLOCKS });
    const pos = new Map(engine.docs().map((d, i) => [d.meta.id, i]));
    const seen = new Set<string>();
    const out: ScopeBlock[] = [];
    const best = hits[0]?.citation.score ?? 0;
    for (const h of hits.filter((x) => x.coverage >= TOPIC_COVERAGE && x.citation.score >= TOPIC_SCORE * best)) {
      const d = pos.get(h.citation.doc.id)!;
      const f = corpus.docs[d].find((b) => b.block === h.block);
      if (!f || seen.has(`${d}:${h.block}`)) continue;
      seen.add(`${d}:${h.block}`);
      out.push(whole(d, f));
    }
    if (!out.length) throw new QuizError(`Không tìm thấy nội dung về «${req.topic}» trong các văn bản đã chọn.`);
    return out;
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
  return interleave(ds.map((d) => shuffle(corpus.docs[d].map((f) => whole(d, f)), r)));
}

/** "Bộ câu hỏi — Luật 24/2008/QH12 (chủ đề: nhập quốc tịch)": for sheets, exports and chat. */
export function quizTitle(engine: Engine, req: ScopeRequest): string {
  const docs = engine.docs().filter((d) => req.docIds?.includes(d.meta.id)).map((d) => docLabel(d.meta));
  const scope = [docs.join(", "), req.part, req.topic && `chủ đề: ${req.topic}`].filter(Boolean).join(" — ");
  return scope ? `Bộ câu hỏi — ${scope}` : "Bộ câu hỏi";
}
