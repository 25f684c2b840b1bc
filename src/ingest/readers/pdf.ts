/**
 * PDF → text with pdf-parse, page by page; pages without a text layer are read by OCR (when on),
 * then page numbers and running headers are dropped. A file with no readable text is refused.
 */
import { openPdf, PdfWorkerError, type PdfPages } from "./pdf-worker.js";
import { ReadError, type OcrSummary, type RawRead } from "./types.js";
import { LOW_CONFIDENCE, ocrPdfPages, type OcrOptions } from "../ocr/index.js";
import { cleanOcrPage } from "../ocr/clean.js";

/** Fewer letters than this per page on average means there is no text layer worth indexing. */
const MIN_LETTERS_PER_PAGE = 20;

const letters = (s: string): number => s.match(/\p{L}/gu)?.length ?? 0;

/** "12", "- 12 -", "Trang 3", "3/10", "Page 3 of 10". */
const PAGE_NUMBER = /^[-–—\s]*(?:trang|page)?\s*\d{1,4}(?:\s*(?:\/|of|trên)\s*\d{1,4})?[-–—\s]*$/i;

/** Key under which a header/footer line repeats from page to page (its page number may change). */
const lineKey = (line: string): string => line.replace(/\d+/g, "#").replace(/\s+/g, " ").trim();

/** A page's lines without blank or page-number lines at its top and bottom. */
function dropPageNumbers(lines: string[]): string[] {
  const skip = (l: string): boolean => l.trim() === "" || PAGE_NUMBER.test(l);
  let a = 0;
  let b = lines.length;
  while (a < b && skip(lines[a])) a++;
  while (b > a && skip(lines[b - 1])) b--;
  return lines.slice(a, b);
}

/**
 * Removes a first or last line that repeats on at least half the pages (and at least 3): a running
 * header or footer would otherwise be glued into the middle of articles that span a page break.
 */
function dropRunningLines(pages: string[][]): number {
  if (pages.length < 3) return 0;
  let removed = 0;
  for (const end of ["first", "last"] as const) {
    const pick = (p: string[]): string | undefined => (end === "first" ? p[0] : p[p.length - 1]);
    const counts = new Map<string, number>();
    for (const p of pages) {
      const line = pick(p);
      if (line !== undefined && lineKey(line).length >= 3) counts.set(lineKey(line), (counts.get(lineKey(line)) ?? 0) + 1);
    }
    for (const p of pages) {
      const line = pick(p);
      const n = line === undefined ? 0 : (counts.get(lineKey(line)) ?? 0);
      if (n >= 3 && n >= pages.length / 2) {
        if (end === "first") p.shift();
        else p.pop();
        removed++;
      }
    }
  }
  return removed;
}

/**
 * True when the file has an image: a scan's pages are images. Image XObjects are streams, and a
 * stream is never packed into an object stream, so its dictionary is always readable in the bytes.
 */
export function hasImages(buf: Uint8Array): boolean {
  return /\/Subtype\s*\/Image\b/.test(Buffer.from(buf.buffer, buf.byteOffset, buf.length).toString("latin1"));
}

const pageList = (nums: number[]): string => nums.slice(0, 10).join(", ") + (nums.length > 10 ? ", …" : "");

/** OCR of the pages without text; their text replaces the (near-empty) text layer. */
async function ocrPages(buf: Uint8Array, pdf: PdfPages, pages: Array<{ num: number; text: string }>, nums: number[], ocr: OcrOptions): Promise<OcrSummary> {
  const read = await ocrPdfPages(buf, pdf, nums, ocr);
  const cleaned = new Map(read.map((p) => [p.num, cleanOcrPage(p.text)]));
  for (const p of pages) if (cleaned.has(p.num)) p.text = cleaned.get(p.num)!;
  // Pages where OCR found no words (blank, a photo) say nothing about how well the text was read.
  const worded = read.filter((p) => letters(cleaned.get(p.num)!) >= 5);
  const low = worded.filter((p) => p.confidence < (ocr.lowConfidence ?? LOW_CONFIDENCE));
  const mean = worded.length ? worded.reduce((a, p) => a + p.confidence, 0) / worded.length : 0;
  return { pages: nums, meanConfidence: Math.round(mean * 10) / 10, lowPages: low.map((p) => p.num), lowText: low.map((p) => cleaned.get(p.num)!) };
}

/** `ocr` undefined: OCR is off, and a page without text is only reported. */
export async function readPdf(buf: Uint8Array, file: string, ocr?: OcrOptions): Promise<RawRead> {
  const pdf = openPdf(buf);
  try {
    return await readPages(pdf, buf, file, ocr);
  } finally {
    await pdf.close();
  }
}

async function readPages(pdf: PdfPages, buf: Uint8Array, file: string, ocr?: OcrOptions): Promise<RawRead> {
  let pages: Array<{ num: number; text: string }>;
  let total: number;
  try {
    ({ pages, total } = await pdf.text());
  } catch (err) {
    if (err instanceof PdfWorkerError && err.kind === "PasswordException") throw new ReadError("unsupported", file, "PDF có mật khẩu — hãy gỡ mật khẩu rồi nạp lại");
    throw new ReadError("corrupt", file, `tệp PDF hỏng hoặc không đọc được (${(err as Error).message})`);
  }
  const warnings: string[] = [];
  // A page with (almost) no letters in its text layer is a scanned page (or blank): OCR reads it.
  const scanned = pages.filter((p) => letters(p.text) < MIN_LETTERS_PER_PAGE).map((p) => p.num);
  let summary: OcrSummary | undefined;
  if (ocr && scanned.length && hasImages(buf)) {
    try {
      summary = await ocrPages(buf, pdf, pages, scanned, ocr);
    } catch (err) {
      throw new ReadError("corrupt", file, `không nhận dạng được chữ trên trang scan (${(err as Error).message})`);
    }
  }
  const pageLetters = pages.map((p) => letters(p.text));
  if (total > 0 && pageLetters.reduce((a, b) => a + b, 0) < MIN_LETTERS_PER_PAGE * total) {
    const why = !hasImages(buf)
      ? "PDF không có chữ: không có lớp văn bản, cũng không có ảnh trang scan nào"
      : ocr
        ? "PDF là bản scan nhưng OCR không đọc được chữ nào — hãy scan lại rõ hơn (300 dpi, thẳng trang)"
        : "PDF không có lớp văn bản (bản scan) và OCR đang tắt (OCR=off) — bật OCR hoặc nạp bản có chữ";
    throw new ReadError("scanned_pdf", file, why);
  }
  // A page with (almost) no letters even after OCR is blank or a picture: worth telling.
  const blank = pages.filter((_, i) => pageLetters[i] < 5).map((p) => p.num);
  if (blank.length) {
    warnings.push(`trang ${pageList(blank)} gần như không có chữ (trang trắng hoặc ảnh) — nội dung ở đó, nếu có, chưa được nạp`);
  }
  const lines = pages.map((p) => dropPageNumbers(p.text.replace(/\r\n?/g, "\n").split("\n")));
  const running = dropRunningLines(lines);
  if (running) warnings.push(`đã bỏ ${running} dòng tiêu đề/chân trang lặp lại giữa các trang`);
  const text = lines.map((l) => l.join("\n")).join("\n");
  return summary ? { text, pages: total, warnings, ocr: summary } : { text, pages: total, warnings };
}
