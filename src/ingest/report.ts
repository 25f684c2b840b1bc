/** The ingest report (`npm run ingest`, an admin's upload or /reload): one line per file, then totals. */
import type { IngestResult } from "./ingest.js";
import { UNIT_WORD, type UnitType } from "../model/document.js";

export function formatReport(r: IngestResult): string {
  const lines: string[] = [];
  for (const f of r.reports) {
    if (f.status === "failed") {
      lines.push(`✗ ${f.error}`);
      continue;
    }
    const units = Object.entries(f.units ?? {})
      .filter(([t]) => t !== "preamble") // text before the first unit, not a unit to count
      .map(([t, n]) => `${n} ${UNIT_WORD[t as UnitType]}`)
      .join(", ");
    lines.push(`✓ ${f.file} → ${f.docId} [${f.kind}, bố cục ${f.layout}${f.status === "cached" ? ", không đổi" : ""}] ${units}`);
    if (f.ocr) {
      const low = f.ocr.lowPages.length ? `trang kém tin cậy: ${f.ocr.lowPages.join(", ")}` : "không trang nào kém tin cậy";
      lines.push(`    OCR: ${f.ocr.pages} trang scan, độ tin cậy trung bình ${f.ocr.meanConfidence}%, ${low}`);
    }
    for (const w of f.warnings.slice(0, 5)) lines.push(`    ! ${w}`);
    if (f.warnings.length > 5) lines.push(`    ! … và ${f.warnings.length - 5} cảnh báo khác`);
  }
  const missing = r.catalog.filter((c) => !c.loaded);
  for (const c of missing) lines.push(`○ ${c.kind} ${c.number ?? c.title} (${c.id}): chưa nạp — thêm tệp "${c.file ?? c.id + ".pdf"}" vào thư mục văn bản`);
  const ok = r.reports.filter((f) => f.status !== "failed").length;
  const outcome = r.unchanged ? `không có gì thay đổi, giữ phiên bản ${r.version}` : `thành phiên bản ${r.version}`;
  lines.push(`\nĐã nạp ${ok}/${r.reports.length} tệp (${r.reports.length - ok} lỗi), ${outcome}, trong ${(r.durationMs / 1000).toFixed(1)} s.`);
  return lines.join("\n");
}
