/**
 * Talking points for a topic, offline: retrieve passages (from the documents the topic names, or
 * the whole corpus), pass the same coverage gate as answers, then select distinct provisions and
 * say each in the document's own sentence, with its quote and citation.
 */
import { clipQuote } from "../answer/sentences.js";
import { MAX_QUESTION_CHARS, type Engine } from "../engine/engine.js";
import { docLabel } from "../model/citation.js";
import { DocNameMatcher } from "../retrieve/doc-names.js";
import { closingLine } from "./closing.js";
import { documentCandidates } from "./candidates.js";
import { selectPoints } from "./select.js";
import { contentPairs, retrieveGroups } from "./retrieve.js";
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
  const base = { topic: clean, audience, notices, mode: "extractive" as const };
  const fail = (reason: string): TalkingPoints => ({ ...base, title: clean, points: [], notEnoughBasis: reason });

  const wanted = opts.docIds ?? req.named;
  const loaded = wanted.filter((id) => catalog.some((c) => c.id === id && c.loaded));
  if (wanted.length && !loaded.length) {
    const meta = catalog.find((c) => c.id === wanted[0]);
    return fail(`${NOT_ENOUGH_BASIS}: ${meta ? `${docLabel(meta)} chưa được nạp toàn văn` : "văn bản được chọn không có trong chỉ mục"}.`);
  }
  if (!loaded.length && !req.content) return fail(`${NOT_ENOUGH_BASIS}: chưa nêu nội dung hay văn bản cần soạn dàn ý.`);

  const groups = await retrieveGroups(engine, loaded, req.content);
  if (!groups.length) {
    const where = loaded.length ? loaded.map((id) => docLabel(catalog.find((c) => c.id === id)!)).join(", ") : "các văn bản đã nạp";
    return fail(`${NOT_ENOUGH_BASIS}: ${where} không có nội dung đủ rõ${req.content ? ` về «${req.content}»` : ""}.`);
  }

  const pairs = contentPairs(req.content);
  const byDoc = groups.map((hits) => documentCandidates(engine, hits, pairs, length));
  const picks = selectPoints(byDoc, count);
  if (!picks.length) return fail(`${NOT_ENOUGH_BASIS}: không tìm được câu đủ rõ để nêu thành ý.`);
  if (picks.length < count) notices.push(`Văn bản chỉ có ${picks.length} nội dung đủ rõ về chủ đề này.`);

  for (const doc of new Map(picks.map((p) => [p.docId, p.point.citation.doc])).values())
    if (doc.status === "superseded") notices.push(`${docLabel(doc)} đã được thay thế${doc.replacedBy ? ` bởi ${doc.replacedBy}` : ""}; nội dung trích dẫn có thể không còn hiệu lực.`);

  const closing = closingLine(engine, groups.flat(), picks.map((p) => p.source));
  const labels = [...new Set(picks.map((p) => docLabel(p.point.citation.doc)))];
  const subject = req.content ? `${req.content} theo ${joinVi(labels)}` : joinVi(labels);
  const outline: TalkingPoints = {
    ...base,
    title: `Đối với ${audience}: ${picks.length} ý chính về ${subject}`,
    points: picks.map((p) => p.point),
    closing,
  };
  return opts.writer ? reword(outline, opts.writer) : outline;
}

/** "A, B và C". */
function joinVi(items: string[]): string {
  return items.length < 2 ? items.join("") : `${items.slice(0, -1).join(", ")} và ${items[items.length - 1]}`;
}
