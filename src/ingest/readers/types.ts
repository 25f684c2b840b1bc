/** Shared types of the readers; index.ts re-exports them. */
import path from "node:path";

export type SourceFormat = "pdf" | "docx" | "doc" | "html" | "txt" | "md";

/** OCR's default language: the Vietnamese model installed with the project (@tesseract.js-data/vie). */
export const DEFAULT_OCR = { lang: "vie" } as const;

/** What OCR did for a file: how many pages it read, how sure it was, and where it was not. */
export interface OcrSummary {
  /** Page numbers that were recognised (pages without a text layer). */
  pages: number[];
  /** Mean of the pages' confidences, 0–100. */
  meanConfidence: number;
  /** Pages whose confidence is below LOW_CONFIDENCE. */
  lowPages: number[];
  /** Cleaned text of the low-confidence pages, to mark the units quoted from them. */
  lowText: string[];
}

export interface ReadResult {
  /** Clean text: NFC, "\n" line ends, no trailing spaces, at most one blank line in a row. */
  text: string;
  format: SourceFormat;
  /** Page count, for PDFs. */
  pages?: number;
  /** Things the user should know (guessed encoding, rebuilt list numbers, pages without text). */
  warnings: string[];
  /** Set when some pages were read by OCR. */
  ocr?: OcrSummary;
}

export type ReadErrorCode = "scanned_pdf" | "legacy_encoding" | "corrupt" | "unsupported" | "empty" | "too_large";

/** A file we cannot turn into trustworthy text. The message is Vietnamese and starts with the file name. */
export class ReadError extends Error {
  constructor(readonly code: ReadErrorCode, readonly file: string, message: string) {
    super(`${path.basename(file)}: ${message}`);
    this.name = "ReadError";
  }
}

/** What a format reader hands back before the common clean-up in index.ts. */
export interface RawRead {
  text: string;
  pages?: number;
  warnings: string[];
  ocr?: OcrSummary;
}
