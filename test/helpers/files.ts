/** Real files made in tests: a PDF with a Vietnamese-capable font, a DOCX, a temp folder. */
import { mkdtempSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import PDFDocument from "pdfkit";
import { Document, Packer, Paragraph } from "docx";
import { REPO_ROOT } from "./shared.js";

export const FONT = path.join(REPO_ROOT, "node_modules/dejavu-fonts-ttf/ttf/DejaVuSans.ttf");

export function tempDir(prefix = "hvb-test-"): string {
  return mkdtempSync(path.join(os.tmpdir(), prefix));
}

/** A PDF whose pages are drawn by `draw` (text needs FONT for Vietnamese letters). */
export function makePdf(draw: (doc: PDFKit.PDFDocument) => void): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const doc = new PDFDocument({ size: "A4", margin: 50 });
    const chunks: Buffer[] = [];
    doc.on("data", (c: Buffer) => chunks.push(c));
    doc.on("end", () => resolve(Buffer.concat(chunks)));
    doc.on("error", reject);
    draw(doc);
    doc.end();
  });
}

/** A text PDF with one paragraph per line. */
export function textPdf(lines: string[]): Promise<Buffer> {
  return makePdf((doc) => {
    doc.font(FONT).fontSize(11);
    for (const line of lines) doc.text(line);
  });
}

/** A DOCX with one paragraph per line. */
export function textDocx(lines: string[]): Promise<Buffer> {
  return Packer.toBuffer(new Document({ sections: [{ children: lines.map((l) => new Paragraph(l)) }] }));
}
