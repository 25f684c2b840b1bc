/**
 * Structure parsing: text (NFC, lines as read from PDF/DOCX/TXT) → citable units.
 * See legal.ts, directive.ts and article.ts for the three layouts, header.ts for metadata.
 */
import type { Layout, Unit } from "../model/document.js";
import { parseArticle } from "./article.js";
import { detectLayout } from "./detect.js";
import { findingWarnings } from "./findings.js";
import { parseDirective } from "./directive.js";
import { parseLegal } from "./legal.js";
import { scanLegal, type LegalScan } from "./legal-scan.js";

export { readHeaderMeta, type HeaderMeta } from "./header.js";
export { detectLayout } from "./detect.js";
export { structureFindings, type Findings } from "./findings.js";

export interface StructureResult {
  layout: Layout;
  units: Unit[];
  warnings: string[];
}

export function parseStructure(text: string, opts: { layout?: Layout } = {}): StructureResult {
  let layout = opts.layout;
  let scan: LegalScan | undefined;
  if (!layout || layout === "legal") scan = scanLegal(text);
  if (!layout) layout = detectLayout(text, scan);
  const parsed =
    layout === "legal" ? parseLegal(text, scan) : layout === "directive" ? parseDirective(text) : parseArticle(text);
  return { layout, units: parsed.units, warnings: [...parsed.warnings, ...findingWarnings(parsed.units)] };
}
