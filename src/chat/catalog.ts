/** /vanban: the documents with number, title, date and status, one block each (splits between documents). */
import type { CatalogEntry } from "../engine/types.js";
import { docLabel } from "../model/citation.js";
import type { Block } from "../render/plan.js";
import { texts } from "./texts.js";

/** "2023-09-29" → "29/09/2023"; a bare year stays "2023". */
export function formatDate(date: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  return m ? `${m[3]}/${m[2]}/${m[1]}` : date;
}

export function catalogLine(e: CatalogEntry, n: number): string {
  const label = docLabel(e);
  // A numbered document's label does not carry its title; an unnumbered one's label is the title.
  const title = e.number ? ` ${e.title}` : "";
  const date = e.date ? ` (${formatDate(e.date)})` : "";
  const status = e.loaded ? texts.status(e.status, e.replacedBy) : `${texts.notLoaded}; ${texts.status(e.status, e.replacedBy)}`;
  return `${n}. ${label}${title}${date} — ${status}.`;
}

export function catalogBlocks(catalog: CatalogEntry[]): Block[] {
  if (!catalog.length) return [{ kind: "notice", text: texts.catalogEmpty }];
  return [{ kind: "notice", text: texts.catalogTitle(catalog.length) }, ...catalog.map((e, i): Block => ({ kind: "notice", text: catalogLine(e, i + 1) }))];
}
