/** `npm run ask -- --explain "…"`: the engine's ranking of a question, term by term, as a tree. */
import type { ExplainReport } from "../engine/types.js";
import type { Explanation } from "../index/scorer.js";

function tree(e: Explanation, depth: number, out: string[], maxDepth: number): void {
  out.push(`${"  ".repeat(depth)}${e.value.toFixed(3)}  ${e.description}`);
  if (depth < maxDepth) for (const d of e.details ?? []) tree(d, depth + 1, out, maxDepth);
}

export function formatExplain(r: ExplainReport, maxDepth = 3): string {
  const out = [
    `Câu hỏi: ${r.question}`,
    `Phần được xét độ phủ: ${r.askedPart}`,
    r.named.length ? `Văn bản được nêu (tìm trước): ${r.named.join(", ")}` : "Không nêu tên văn bản: tìm trong mọi văn bản",
    ...(r.definition ? [`Câu hỏi định nghĩa, thuật ngữ: «${r.definition}»`] : []),
    ...(r.dutyHolder ? [`Câu hỏi về trách nhiệm của: «${r.dutyHolder}» (ưu tiên đoạn giao việc cho chủ thể này)`] : []),
    `Ngưỡng độ phủ ${r.minCoverage} (${r.minCoverageWithoutRare} khi đoạn thiếu một từ hiếm — ít đoạn dùng — của câu hỏi), độ phủ từ hai âm tiết ${r.minWordCoverage}: ${r.answerable ? "đạt — có câu trả lời" : "không đạt — trả lời «Không tìm thấy…»"}`,
    "",
  ];
  r.hits.forEach((h, i) => {
    const absent = h.absent ? `, thiếu từ hiếm «${h.absent}»` : "";
    out.push(`#${i + 1} ${h.label} — độ phủ ${h.coverage.toFixed(2)}, từ ${h.wordCoverage.toFixed(2)}${absent} — ${h.gate}`);
    tree(h.explanation, 1, out, maxDepth);
  });
  return out.join("\n");
}
