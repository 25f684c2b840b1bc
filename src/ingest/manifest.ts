/**
 * The corpus manifest (corpus/manifest.json): metadata of the documents an organisation works
 * with. A listed document whose file is absent is "chưa nạp" (not loaded), never an error.
 */
import { THESAURUS_FILE } from "../retrieve/thesaurus.js";
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { z } from "zod";
import type { DocMeta, Layout } from "../model/document.js";

export const MANIFEST_FILE = "manifest.json";
/** The organisation's thesaurus sits beside the documents and is not one. */
export { THESAURUS_FILE };

const entrySchema = z.object({
  id: z.string().regex(/^[a-z0-9][a-z0-9._-]*$/, "id: lower-case letters, digits, '.', '_' or '-'"),
  number: z.string().optional(),
  kind: z.string().min(1),
  issuer: z.string().optional(),
  date: z.string().regex(/^\d{4}(-\d{2}-\d{2})?$/, "date: yyyy or yyyy-mm-dd").optional(),
  title: z.string().min(1),
  aliases: z.array(z.string()).default([]),
  status: z.enum(["in_force", "superseded", "expired", "draft", "unknown"]).default("in_force"),
  replacedBy: z.string().optional(),
  source: z.string().optional(),
  file: z.string().optional(),
  layout: z.enum(["legal", "directive", "article"]).optional(),
  note: z.string().optional(),
});

const manifestSchema = z.object({ documents: z.array(entrySchema) });

export type ManifestEntry = z.infer<typeof entrySchema>;

export class ManifestError extends Error {}

/** Reads and validates the manifest; a missing manifest is an empty one. */
export function loadManifest(corpusDir: string): ManifestEntry[] {
  const file = path.join(corpusDir, MANIFEST_FILE);
  if (!existsSync(file)) return [];
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, "utf8"));
  } catch (e) {
    throw new ManifestError(`${file}: không đọc được JSON (${(e as Error).message})`);
  }
  const parsed = manifestSchema.safeParse(raw);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ");
    throw new ManifestError(`${file}: manifest không hợp lệ — ${issues}`);
  }
  const ids = new Set<string>();
  for (const d of parsed.data.documents) {
    if (ids.has(d.id)) throw new ManifestError(`${file}: id "${d.id}" bị lặp`);
    ids.add(d.id);
  }
  return parsed.data.documents;
}

/** The manifest entry a file belongs to: by its `file` field, else by id equal to the file stem. */
export function entryForFile(entries: ManifestEntry[], fileName: string): ManifestEntry | undefined {
  const base = path.basename(fileName);
  const stem = base.replace(/\.[^.]+$/, "");
  return entries.find((e) => e.file === base) ?? entries.find((e) => e.id === stem);
}

export function entryMeta(e: ManifestEntry): DocMeta & { layout?: Layout } {
  const { note: _note, ...meta } = e;
  return meta;
}
