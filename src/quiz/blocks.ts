/** Blocks (articles, directive sections) and the units inside each: the grain questions are spread over. */
import { blockDescendants } from "../answer/sentences.js";
import { blockUnits } from "../index/blocks.js";
import type { ParsedDocument } from "../model/document.js";

export interface DocBlock {
  block: number;
  /** The block unit and its descendants, in document order. */
  units: number[];
}

export function docBlocks(doc: ParsedDocument): DocBlock[] {
  return blockUnits(doc).map((block) => ({ block, units: blockDescendants(doc, block) }));
}
