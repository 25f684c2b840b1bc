/** Shared types of the readers; index.ts re-exports them. */
import path from "node:path";

export type SourceFormat = "pdf" | "docx" | "html" | "txt" | "md";

export interface ReadResult {
  /** Clean text: NFC, "\n" line ends, no trailing spaces, at most one blank line in a row. */
  text: string;
  format: SourceFormat;
  /** Page count, for PDFs. */
  pages?: number;
  /** Things the user should know (guessed encoding, rebuilt list numbers, pages without text). */
  warnings: string[];
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
}
