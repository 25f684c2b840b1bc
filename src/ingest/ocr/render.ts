/**
 * PDF pages → greyscale images for OCR, one page at a time, with pdf.js (the engine pdf-parse
 * uses) drawing into a @napi-rs/canvas. Rendering ourselves gives raw pixels: no PNG to encode
 * here and decode again in the recogniser.
 */
import { createRequire } from "node:module";
import path from "node:path";
import { createCanvas } from "@napi-rs/canvas";
import { getDocument, type PDFDocumentProxy } from "pdfjs-dist/legacy/build/pdf.mjs";
import { inkGrey, median3, pgm } from "./image.js";

const require = createRequire(import.meta.url);
const PDFJS_DIR = path.dirname(require.resolve("pdfjs-dist/package.json"));

/** Resolution tesseract reads best at: x-height of body text about 30 px. */
export const OCR_DPI = 300;

export interface PageRenderer {
  /** The page (1-based) as a PGM image at OCR_DPI. */
  render(num: number): Promise<Uint8Array>;
  close(): Promise<void>;
}

export async function openRenderer(data: Uint8Array): Promise<PageRenderer> {
  const doc: PDFDocumentProxy = await getDocument({
    data: new Uint8Array(data), // pdf.js takes ownership of (detaches) the buffer it is given
    // JPEG 2000 and colour profiles need pdf.js's wasm; read from node_modules, never fetched.
    wasmUrl: `${PDFJS_DIR}/wasm/`,
    standardFontDataUrl: `${PDFJS_DIR}/standard_fonts/`,
    cMapUrl: `${PDFJS_DIR}/cmaps/`,
    cMapPacked: true,
    verbosity: 0,
  }).promise;
  return {
    async render(num) {
      const page = await doc.getPage(num);
      try {
        const viewport = page.getViewport({ scale: OCR_DPI / 72 });
        const width = Math.ceil(viewport.width);
        const height = Math.ceil(viewport.height);
        const canvas = createCanvas(width, height);
        const ctx = canvas.getContext("2d");
        ctx.fillStyle = "#fff";
        ctx.fillRect(0, 0, width, height);
        // pdf.js's types name the DOM canvas; @napi-rs/canvas implements the same 2D API.
        await page.render({ canvas: canvas as unknown as HTMLCanvasElement, canvasContext: ctx as unknown as CanvasRenderingContext2D, viewport }).promise;
        const grey = inkGrey(ctx.getImageData(0, 0, width, height).data, width, height);
        return pgm(median3(grey, width, height), width, height);
      } finally {
        page.cleanup();
      }
    },
    close: () => doc.destroy(),
  };
}
