/**
 * Scan-like PDFs made from real text: the text is typeset with pdfkit (DejaVu Serif, a Vietnamese
 * font), each page rendered to pixels, then degraded the way a photocopier and scanner do it
 * (skew, speckle noise, blur, JPEG artefacts, a red stamp over the text) and put back into a PDF
 * that has no text layer, one image per page.
 */
import path from "node:path";
import { crc32, deflateSync } from "node:zlib";
import { createCanvas, loadImage, type SKRSContext2D } from "@napi-rs/canvas";
import PDFDocument from "pdfkit";
import { PDFParse } from "pdf-parse";
import { makePdf } from "./files.js";
import { REPO_ROOT } from "./shared.js";

const SERIF = path.join(REPO_ROOT, "node_modules/dejavu-fonts-ttf/ttf/DejaVuSerif.ttf");
const SERIF_BOLD = path.join(REPO_ROOT, "node_modules/dejavu-fonts-ttf/ttf/DejaVuSerif-Bold.ttf");

export interface ScanStyle {
  dpi: number;
  /** Rotation of the page on the glass, in degrees. */
  skew: number;
  /** Share of pixels turned to random grey (speckle). */
  noise: number;
  /** Gaussian blur radius in pixels. */
  blur: number;
  /** JPEG quality 0–100; undefined keeps PNG (lossless). */
  jpeg?: number;
  stamp: boolean;
}

export const CLEAN_300: ScanStyle = { dpi: 300, skew: 0, noise: 0, blur: 0, stamp: false };
export const NOISY_200: ScanStyle = { dpi: 200, skew: 1.2, noise: 0.02, blur: 0, stamp: false };
export const BLURRED_JPEG: ScanStyle = { dpi: 300, skew: -0.6, noise: 0.005, blur: 1, jpeg: 35, stamp: true };

/** Typesets lines like an official text: 13 pt serif, headings ("Điều", "Chương") in bold. */
export function typesetPdf(lines: string[]): Promise<Buffer> {
  return makePdf((doc) => {
    doc.fontSize(13);
    for (const line of lines) {
      const heading = /^(Điều\s+\d+|Chương\s+[IVXLC\d]+|CHƯƠNG\s+[IVXLC\d]+|Mục\s+\d+)/u.test(line);
      doc.font(heading ? SERIF_BOLD : SERIF).text(line, { align: "justify", paragraphGap: 3 });
    }
  });
}

/** Deterministic pseudo-random numbers, so a test's scan is the same every run. */
function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => ((s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32);
}

async function degrade(png: Uint8Array, style: ScanStyle, seed: number): Promise<Buffer> {
  const img = await loadImage(Buffer.from(png));
  const canvas = createCanvas(img.width, img.height);
  const ctx = canvas.getContext("2d");
  ctx.fillStyle = "#fbfaf6"; // off-white paper
  ctx.fillRect(0, 0, img.width, img.height);
  ctx.save();
  ctx.translate(img.width / 2, img.height / 2);
  ctx.rotate((style.skew * Math.PI) / 180);
  if (style.blur) ctx.filter = `blur(${style.blur}px)`;
  ctx.drawImage(img, -img.width / 2, -img.height / 2);
  ctx.restore();
  ctx.filter = "none";
  if (style.stamp) {
    // A round red seal over the lower part of the text, ink multiplied over the print like a real one.
    const r = img.width * 0.12;
    const cx = img.width * 0.62;
    const cy = img.height * 0.55;
    ctx.globalCompositeOperation = "multiply";
    ctx.strokeStyle = "rgba(215, 30, 30, 0.8)";
    ctx.fillStyle = "rgba(215, 30, 30, 0.8)";
    ctx.lineWidth = r * 0.06;
    ctx.beginPath();
    ctx.arc(cx, cy, r, 0, 2 * Math.PI);
    ctx.stroke();
    ctx.beginPath();
    ctx.arc(cx, cy, r * 0.8, 0, 2 * Math.PI);
    ctx.stroke();
    ctx.font = `bold ${Math.round(r * 0.3)}px sans-serif`;
    ctx.textAlign = "center";
    ctx.fillText("★", cx, cy + r * 0.1);
    ctx.globalCompositeOperation = "source-over";
  }
  if (style.noise) {
    const data = ctx.getImageData(0, 0, img.width, img.height);
    const rnd = random(seed);
    const px = data.data;
    for (let i = 0; i < px.length; i += 4) {
      if (rnd() < style.noise) {
        const v = rnd() < 0.5 ? Math.floor(rnd() * 90) : 255;
        px[i] = px[i + 1] = px[i + 2] = v;
      }
    }
    ctx.putImageData(data, 0, 0);
  }
  return style.jpeg === undefined ? rgbPng(ctx, img.width, img.height) : canvas.toBuffer("image/jpeg", style.jpeg);
}

function pngChunk(type: string, data: Buffer): Buffer {
  const body = Buffer.concat([Buffer.from(type, "latin1"), data]);
  const head = Buffer.alloc(4);
  head.writeUInt32BE(data.length);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([head, body, crc]);
}

/**
 * The page as an RGB PNG, the same pixels as the canvas's own PNG (a scan is opaque): the canvas
 * writes RGBA, which pdfkit decodes and splits into colour and mask in JavaScript (seconds per
 * 300 dpi page), while an RGB PNG's data goes into the PDF as it is.
 */
function rgbPng(ctx: SKRSContext2D, width: number, height: number): Buffer {
  const rgba = ctx.getImageData(0, 0, width, height).data;
  const rows = Buffer.alloc((width * 3 + 1) * height);
  for (let y = 0, o = 0, i = 0; y < height; y++) {
    rows[o++] = 0; // filter: none
    for (let x = 0; x < width; x++, i += 4) {
      rows[o++] = rgba[i];
      rows[o++] = rgba[i + 1];
      rows[o++] = rgba[i + 2];
    }
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 8; // bits per channel
  header[9] = 2; // colour type: RGB
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  return Buffer.concat([signature, pngChunk("IHDR", header), pngChunk("IDAT", deflateSync(rows, { level: 1 })), pngChunk("IEND", Buffer.alloc(0))]);
}

/** The pages of a text PDF as scanned images (PNG or JPEG), degraded by `style`. */
export async function scanImages(textPdf: Buffer, style: ScanStyle, pages?: number): Promise<Buffer[]> {
  const parser = new PDFParse({ data: new Uint8Array(textPdf) });
  const shots = await parser.getScreenshot({ scale: style.dpi / 72, imageBuffer: true, imageDataUrl: false, ...(pages ? { first: pages } : {}) });
  await parser.destroy();
  return Promise.all(shots.pages.map((p, i) => degrade(p.data, style, i + 1)));
}

/** A PDF whose pages are either typed lines (a text layer) or a full-page image (a scan). */
export function pagesPdf(pages: Array<string[] | Buffer>): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const doc = new PDFDocument({ size: "A4", margin: 50, autoFirstPage: false });
    const chunks: Buffer[] = [];
    doc.on("data", (c: Buffer) => chunks.push(c));
    doc.on("end", () => resolve(Buffer.concat(chunks)));
    doc.on("error", reject);
    for (const page of pages) {
      doc.addPage({ size: "A4", margin: Buffer.isBuffer(page) ? 0 : 50 });
      if (Buffer.isBuffer(page)) doc.image(page, 0, 0, { width: doc.page.width, height: doc.page.height });
      else doc.font(SERIF).fontSize(13).text(page.join("\n"));
    }
    doc.end();
  });
}

/** A PDF of page images (no text layer) from a text PDF, degraded by `style`. */
export async function rasterPdf(textPdf: Buffer, style: ScanStyle, pages?: number): Promise<Buffer> {
  return pagesPdf(await scanImages(textPdf, style, pages));
}

/** Scan-like PDF of `lines`: typeset, then rastered with `style`. */
export async function scanPdf(lines: string[], style: ScanStyle, pages?: number): Promise<Buffer> {
  return rasterPdf(await typesetPdf(lines), style, pages);
}
