/**
 * One PDF in a worker thread: its text layer page by page (pdf-parse), and pages rendered for OCR
 * (pdf.js, the engine inside pdf-parse, drawing into a @napi-rs/canvas at OCR_DPI; raw pixels, so
 * no PNG is encoded here and decoded again by the recogniser).
 *
 * The worker is started without this process's module hooks: under tsx (how the commands run)
 * pdf.js's 4 MB of bundled JavaScript and their source maps are rewritten on load, which costs
 * ~400 MB of memory; plain Node loads them for ~15 MB. So the worker is a few lines of plain
 * JavaScript, and pixels come back transferred, not copied.
 */
import { createRequire } from "node:module";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { Worker } from "node:worker_threads";
import { inkGrey, median3, pgm } from "../ocr/image.js";

const require = createRequire(import.meta.url);
const PDFJS_DIR = path.dirname(require.resolve("pdfjs-dist/package.json"));

/** Resolution tesseract reads best at: x-height of body text about 30 px. */
export const OCR_DPI = 300;

const WORKER = `
const { parentPort, workerData } = require("node:worker_threads");
const { createRequire } = require("node:module");
let rendering;
const renderer = async () => {
  const { getDocument } = await import(workerData.pdfjs);
  const { createCanvas } = createRequire(workerData.pdfjs)("@napi-rs/canvas");
  const doc = await getDocument({
    data: workerData.data.slice(),
    wasmUrl: workerData.dir + "/wasm/",
    standardFontDataUrl: workerData.dir + "/standard_fonts/",
    cMapUrl: workerData.dir + "/cmaps/",
    cMapPacked: true,
    verbosity: 0,
  }).promise;
  return { doc, createCanvas };
};
parentPort.on("message", async ({ num, scale }) => {
  if (num === 0) {
    // The text layer, as the PDF reader has always read it.
    const { PDFParse } = await import(workerData.pdfParse);
    const parser = new PDFParse({ data: workerData.data.slice() });
    try {
      const { pages, total } = await parser.getText({ pageJoiner: "" });
      parentPort.postMessage({ num, pages: pages.map((p) => ({ num: p.num, text: p.text })), total });
    } catch (err) {
      parentPort.postMessage({ num, error: String((err && err.message) || err), name: err && err.name });
    } finally {
      await parser.destroy().catch(() => undefined);
    }
    return;
  }
  try {
    const { doc, createCanvas } = await (rendering ??= renderer());
    const page = await doc.getPage(num);
    const viewport = page.getViewport({ scale });
    const width = Math.ceil(viewport.width), height = Math.ceil(viewport.height);
    const canvas = createCanvas(width, height);
    const ctx = canvas.getContext("2d");
    ctx.fillStyle = "#fff";
    ctx.fillRect(0, 0, width, height);
    await page.render({ canvas, canvasContext: ctx, viewport }).promise;
    page.cleanup();
    const rgba = ctx.getImageData(0, 0, width, height).data;
    parentPort.postMessage({ num, width, height, rgba }, [rgba.buffer]);
  } catch (err) {
    parentPort.postMessage({ num, error: String((err && err.message) || err), name: err && err.name });
  }
});
`;

export interface PdfPages {
  /** Text layer of every page (pdf-parse's getText with pageJoiner ""). */
  text(): Promise<{ pages: Array<{ num: number; text: string }>; total: number }>;
  /** The page (1-based) as a PGM image at OCR_DPI, ink-filtered and despeckled. */
  render(num: number): Promise<Uint8Array>;
  close(): Promise<void>;
}

/** A failure inside the worker, with the pdf.js exception's name ("PasswordException", …). */
export class PdfWorkerError extends Error {
  constructor(message: string, readonly kind?: string) {
    super(message);
  }
}

interface Reply {
  num: number;
  error?: string;
  name?: string;
  width: number;
  height: number;
  rgba: Uint8ClampedArray;
  pages: Array<{ num: number; text: string }>;
  total: number;
}

export function openPdf(data: Uint8Array): PdfPages {
  const worker = new Worker(WORKER, {
    eval: true,
    execArgv: [],
    workerData: {
      data: new Uint8Array(data),
      dir: PDFJS_DIR,
      pdfjs: pathToFileURL(path.join(PDFJS_DIR, "legacy/build/pdf.mjs")).href,
      pdfParse: import.meta.resolve("pdf-parse"),
    },
  });
  let failed: Error | undefined;
  worker.on("error", (err) => (failed = err));
  // One request at a time: the next is sent only once the previous one came back.
  let queue: Promise<unknown> = Promise.resolve();
  const ask = (num: number): Promise<Reply> => {
    const next = queue.then(
      () =>
        new Promise<Reply>((resolve, reject) => {
          if (failed) return reject(failed);
          const onError = (err: Error) => reject(err);
          worker.once("error", onError);
          worker.once("message", (m: Reply) => {
            worker.off("error", onError);
            if (m.error !== undefined) reject(new PdfWorkerError(m.error, m.name));
            else resolve(m);
          });
          worker.postMessage({ num, scale: OCR_DPI / 72 });
        }),
    );
    queue = next.catch(() => undefined);
    return next;
  };
  return {
    text: async () => {
      const { pages, total } = await ask(0);
      return { pages, total };
    },
    async render(num) {
      const m = await ask(num);
      const grey = inkGrey(m.rgba, m.width, m.height);
      return pgm(median3(grey, m.width, m.height), m.width, m.height);
    },
    close: async () => void (await worker.terminate()),
  };
}
