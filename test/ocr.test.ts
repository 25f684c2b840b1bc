/**
 * OCR of scanned PDFs, end to end: scan-like PDFs are made from real legal text (../shared) and from
 * plainly invented text, read through the same ingest as any file, and measured against the source
 * (article recall, character error rate). A few pages only: the larger measurement is `npm run bench`.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { readBuffer, ReadError } from "../src/ingest/readers/index.js";
import { ingest } from "../src/ingest/ingest.js";
import { Engine } from "../src/engine/engine.js";
import { planAnswer, SCAN_NOTE } from "../src/render/plan.js";
import { renderText } from "../src/render/text.js";
import { renderTelegram } from "../src/render/telegram-html.js";
import { formatReport } from "../src/cli/report.js";
import { BLURRED_JPEG, CLEAN_300, NOISY_200, rasterPdf, scanPdf, typesetPdf } from "./helpers/scan.js";
import { makePdf, tempDir } from "./helpers/files.js";
import { scoreOcr } from "./helpers/ocr-measure.js";
import { sharedPath } from "./helpers/shared.js";

const LAW = sharedPath("corpora", "vn-legal-texts", "dan_su", "Luật_Quốc_tịch_Việt_Nam_2008.txt");

/** Lines of a real law from its first article on: about one page each for `count` lines. */
function realLines(file: string, from: number, count: number): string[] {
  const lines = readFileSync(file, "utf8").split("\n").map((l) => l.trim()).filter(Boolean);
  const start = lines.findIndex((l) => /^Điều 1\./u.test(l));
  return lines.slice(start + from, start + from + count);
}

/** Plainly invented text, for what does not need a real law. */
const INVENTED = [
  "QUY CHẾ VƯỜN ƯƠM MẪU",
  "Chương I",
  "QUY ĐỊNH CHUNG",
  "Điều 1. Phạm vi áp dụng",
  "Quy chế này áp dụng cho vườn ươm mẫu số 7 và các luống cây thử nghiệm của vườn.",
  "Điều 2. Tưới cây",
  "1. Cây non được tưới hai lần mỗi ngày vào sáng sớm và chiều muộn.",
  "2. Khi trời mưa quá ba giờ thì không tưới buổi chiều.",
  "Điều 3. Bón phân",
  "Phân hữu cơ được bón mỗi tháng một lần cho luống cây thử nghiệm.",
];

let dir = "";
beforeAll(() => {
  dir = tempDir("hvb-ocr-");
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe.skipIf(!LAW)("scans of a real law (../shared)", () => {
  // One page per kind of scan the issue names; each must find every article and read it within 3% CER.
  const kinds = [
    ["clean 300 dpi", CLEAN_300, 0],
    ["skewed, speckled 200 dpi", NOISY_200, 12],
    ["blurred JPEG with a red stamp", BLURRED_JPEG, 24],
  ] as const;
  for (const [name, style, from] of kinds) {
    it(`reads a ${name} scan: all articles found, CER ≤ 3% mean, ≤ 10% worst`, async () => {
      const lines = realLines(LAW!, from, 10);
      const pdf = await scanPdf(lines, style);
      const read = await readBuffer(pdf, "scan.pdf", { ocr: { lang: "vie" } });
      expect(read.ocr?.pages).toEqual([1]);
      const score = scoreOcr(lines.join("\n"), read.text);
      console.log(`${name}: ${JSON.stringify({ ...score, confidence: read.ocr?.meanConfidence })}`);
      expect(score.articles).toBeGreaterThan(0);
      expect(score.recall).toBeGreaterThanOrEqual(0.95);
      expect(score.meanCer).toBeLessThanOrEqual(0.03);
      expect(score.worstCer).toBeLessThanOrEqual(0.1);
    });
  }
});
