/**
 * OCR benchmark: six pages of a real law (../shared) typeset, then scanned three ways (clean 300 dpi;
 * skewed and speckled 200 dpi; blurred JPEG with a red stamp). Each scan is read in a child process,
 * model loading included, so its time and peak memory (VmHWM, worker threads included) are the
 * ingest's alone. Beside it, the plain baseline: tesseract.js on pdf-parse's PNG screenshot of each
 * page, without our ink/speckle filter or cleaning. Reports pages/minute, article recall, CER.
 * `npx tsx scripts/bench/ocr.ts` alone, or as part of `npm run bench`.
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { PDFParse } from "pdf-parse";
import { readBuffer } from "../../src/ingest/readers/index.js";
import { createRecogniser } from "../../src/ingest/ocr/recognise.js";
import { BLURRED_JPEG, CLEAN_300, NOISY_200, rasterPdf, typesetPdf } from "../../test/helpers/scan.js";
import { scoreOcr, type OcrScore } from "../../test/helpers/ocr-measure.js";

const HERE = fileURLToPath(import.meta.url);
const ROOT = path.resolve(path.dirname(HERE), "../..");
const PAGES = 6;

interface ChildResult { ms: number; peakMb: number; text: string; pages: number; confidence?: number }

const peakMb = (): number => Math.round(Number(/VmHWM:\s+(\d+)/.exec(readFileSync("/proc/self/status", "utf8"))?.[1] ?? 0) / 1024);

/** In the child: read one scanned PDF as ingest does ("ours"), or the plain baseline ("raw"). */
async function child(mode: string, file: string): Promise<void> {
  const started = performance.now();
  const bytes = readFileSync(file);
  let result: Omit<ChildResult, "ms" | "peakMb">;
  if (mode === "ours") {
    const read = await readBuffer(bytes, "scan.pdf", { ocr: { lang: "vie" } });
    result = { text: read.text, pages: read.ocr?.pages.length ?? 0, confidence: read.ocr?.meanConfidence };
  } else {
    const parser = new PDFParse({ data: new Uint8Array(bytes) });
    const shots = await parser.getScreenshot({ scale: 300 / 72, imageBuffer: true, imageDataUrl: false });
    await parser.destroy();
    const recogniser = await createRecogniser("vie");
    const pages = await Promise.all(shots.pages.map((p) => recogniser.recognise(p.data)));
    await recogniser.close();
    result = { text: pages.map((p) => p.text).join("\n"), pages: pages.length };
  }
  console.log(JSON.stringify({ ...result, ms: Math.round(performance.now() - started), peakMb: peakMb() }));
}

function runChild(mode: string, file: string): ChildResult {
  const out = execFileSync(process.execPath, ["--import", "tsx", HERE, "--child", mode, file], { cwd: ROOT, encoding: "utf8", maxBuffer: 64 << 20 });
  return JSON.parse(out.trim().split("\n").pop()!);
}

/** Lines of the law from its first article, enough for `pages` typeset pages, and the text of those pages. */
async function sourcePages(law: string, pages: number): Promise<{ pdf: Buffer; text: string }> {
  const lines = readFileSync(law, "utf8").split("\n").map((l) => l.trim()).filter(Boolean);
  const start = lines.findIndex((l) => /^Điều 1\./u.test(l));
  const pdf = await typesetPdf(lines.slice(start, start + pages * 14));
  const parser = new PDFParse({ data: new Uint8Array(pdf) });
  const text = (await parser.getText({ first: pages, pageJoiner: "" })).text;
  await parser.destroy();
  return { pdf, text };
}

export interface OcrBenchRow { scan: string; system: string; pages: number; seconds: number; pagesPerMinute: number; peakMb: number; confidence?: number; score: OcrScore }

export async function runOcrBench(law: string): Promise<OcrBenchRow[]> {
  const dir = mkdtempSync(path.join(os.tmpdir(), "hvb-bench-ocr-"));
  const rows: OcrBenchRow[] = [];
  try {
    const { pdf, text } = await sourcePages(law, PAGES);
    for (const [name, style] of [["clean 300 dpi", CLEAN_300], ["skewed + speckle 200 dpi", NOISY_200], ["blurred JPEG + red stamp", BLURRED_JPEG]] as const) {
      const file = path.join(dir, `${name.replace(/\W+/g, "-")}.pdf`);
      writeFileSync(file, await rasterPdf(pdf, style, PAGES));
      for (const [system, mode] of [["Hỏi Văn Bản OCR", "ours"], ["baseline: tesseract on PNG, no clean-up", "raw"]] as const) {
        const r = runChild(mode, file);
        const seconds = r.ms / 1000;
        rows.push({ scan: name, system, pages: r.pages, seconds, pagesPerMinute: (r.pages * 60) / seconds, peakMb: r.peakMb, confidence: r.confidence, score: scoreOcr(text, r.text) });
      }
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return rows;
}

export function ocrTable(rows: OcrBenchRow[]): string {
  const head = "| scan | system | pages | s (model load incl.) | pages/min | peak MB | articles found | mean CER | worst CER |\n|---|---|---|---|---|---|---|---|---|";
  const pct = (x: number) => `${(x * 100).toFixed(2)}%`;
  return [head, ...rows.map((r) => `| ${r.scan} | ${r.system} | ${r.pages} | ${r.seconds.toFixed(1)} | ${r.pagesPerMinute.toFixed(1)} | ${r.peakMb} | ${r.score.found}/${r.score.articles} | ${pct(r.score.meanCer)} | ${pct(r.score.worstCer)} |`)].join("\n");
}

if (process.argv[2] === "--child") await child(process.argv[3], process.argv[4]);
else if (process.argv[1] === HERE) {
  const law = path.resolve(ROOT, "../shared/corpora/vn-legal-texts/dan_su/Luật_Quốc_tịch_Việt_Nam_2008.txt");
  console.log(ocrTable(await runOcrBench(law)));
}
