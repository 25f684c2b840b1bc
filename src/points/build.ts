/**
 * Talking points for a topic, offline: retrieve passages (from the documents the topic names, or
 * the whole corpus), keep the units that treat the topic (gate.ts), then choose distinct,
 * self-contained provisions for the audience and put them in argued order, each in the document's
 * own words with its quote and citation. A document named without a topic offers all its units.
 */
import { clipQuote } from "../answer/sentences.js";
import { MAX_QUESTION_CHARS, type Engine } from "../engine/engine.js";
import { blockUnits } from "../index/blocks.js";
import { docLabel } from "../model/citation.js";
import { DocNameMatcher } from "../retrieve/doc-names.js";
import { closingLine } from "./closing.js";
import { searchedCandidates, wholeDocumentCandidates, type PointCandidate } from "./candidates.js";
import { TopicGate } from "./gate.js";
import { closingFor, openingFor, phrasedFor } from "./roles.js";
import { selectPoints } from "./select.js";
import { fullName } from "./sources.js";
import { retrieveGroups } from "./retrieve.js";
import { parseTopic } from "./topic.js";
import { reword, type PointsWriter } from "./writer.js";
import { DEFAULT_POINTS, MAX_POINTS, MIN_POINTS, NOT_ENOUGH_BASIS, type PointsOptions, type TalkingPoints } from "./types.js";

export async function buildTalkingPoints(
  engine: Engine,
  topic: string,
  opts: PointsOptions & { writer?: PointsWriter } = {},
): Promise<TalkingPoints> {
  const clean = clipQuote(topic.normalize("NFC").replace(/\s+/g, " ").trim(), MAX_QUESTION_CHARS);
  const catalog = engine.catalog();
  const req = parseTopic(clean, new DocNameMatcher(catalog));
  const audience = opts.audience ?? req.audience ?? "đảng viên";
  const count = Math.min(MAX_POINTS, Math.max(MIN_POINTS, opts.count ?? req.count ?? DEFAULT_POINTS));
  const length = opts.length ?? "vua";
  const notices = req.comparison ? ["Văn bản không tự so sánh với quy định trước đây; dưới đây là các ý chính của chính văn bản."] : [];
  const base = { topic: clean, audience, notices, mode: "extractive" as const, sources: [] };
  const fail = (reason: string): TalkingPoints => ({ ...base, title: clean, points: [], notEnoughBasis: reason });

  const wanted = opts.docIds ?? req.named;
  const loaded = wanted.filter((id) => catalog.some((c) => c.id === id && c.loaded));
  if (wanted.length && !loaded.length) {
    const meta = catalog.find((c) => c.id === wanted[0]);
    return fail(`${NOT_ENOUGH_BASIS}: ${meta ? `${docLabel(meta)} chưa được nạp toàn văn` : "văn bản được chọn không có trong chỉ mục"}.`);
  }
  if (!loaded.length && !req.content) return fail(`${NOT_ENOUGH_BASIS}: chưa nêu nội dung hay văn bản cần soạn dàn ý.`);

  let byDoc: PointCandidate[][];
  let hits: Awaited<ReturnType<typeof retrieveGroups>>[number] = [];
  const gate = req.content ? TopicGate.of(engine, req.content) : undefined;
  if (gate) {
    const groups = await retrieveGroups(engine, gate, loaded);
    hits = groups.flat();
    byDoc = groups.map((g) => searchedCandidates(engine, g, gate, length)).filter((list) => list.length);
    if (!byDoc.length) {
      const where = loaded.length ? loaded.map((id) => docLabel(catalog.find((c) => c.id === id)!)).join(", ") : "các văn bản đã nạp";
      return fail(`${NOT_ENOUGH_BASIS}: ${where} không có nội dung về «${req.content}».`);
    }
  } else {
    byDoc = loaded.map((id) => wholeDocumentCandidates(engine, id, blockUnits(engine.docs().find((d) => d.meta.id === id)!), length));
  }

  const picks = selectPoints(byDoc, count, audience);
  if (!picks.length) return fail(`${NOT_ENOUGH_BASIS}: không tìm được câu đủ rõ để nêu thành ý.`);
  if (picks.length < count) notices.push(`Văn bản chỉ có ${picks.length} nội dung đủ rõ về chủ đề này.`);

  const metas = new Map(engine.docs().map((d) => [d.meta.id, d.meta]));
  const used = [...new Set(picks.map((p) => p.docId))];
  for (const id of used) {
    const doc = picks.find((p) => p.docId === id)!.point.citation.doc;
    if (doc.status === "superseded") notices.push(`${docLabel(doc)} đã được thay thế${doc.replacedBy ? ` bởi ${doc.replacedBy}` : ""}; nội dung trích dẫn có thể không còn hiệu lực.`);
  }
  const sources = used.map((id) => ({ docId: id, label: docLabel(metas.get(id)!), fullName: fullName(metas.get(id)!) }));
  const closingHits = gate ? hits.filter((h) => gate.treats(h.citation.doc.id, h.block)) : [];
  const closing = closingLine(engine, closingHits, picks.map((p) => p.source), used);
  const labels = sources.map((s) => s.label);
  const subject = req.content ? `${req.content} theo ${joinVi(labels)}` : joinVi(labels);
  const outline: TalkingPoints = {
    ...base,
    title: `Đối với ${audience}: ${picks.length} ý chính về ${subject}`,
    points: picks.map((p) => ({ ...p.point, statement: phrasedFor(p.point.statement, audience) })),
    closing,
    opening: openingFor(audience, req.content || "những nội dung chính", sources.map((s) => s.fullName)),
    appeal: closingFor(audience),
    sources,
  };
  return opts.writer ? reword(outline, opts.writer) : outline;
}

/** "A, B và C". */
function joinVi(items: string[]): string {
  return items.length < 2 ? items.join("") : `${items.slice(0, -1).join(", ")} và ${items[items.length - 1]}`;
}
