/** The files of a documents folder that ingest reads. */
import { readdirSync } from "node:fs";
import path from "node:path";
import { MANIFEST_FILE, THESAURUS_FILE } from "./manifest.js";
import { formatOf } from "./readers/index.js";

/** Supported files below a folder, sorted, skipping the manifest, the thesaurus and dot-files. */
export function listSourceFiles(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      if (e.name.startsWith(".")) continue;
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.name !== MANIFEST_FILE && e.name !== THESAURUS_FILE && !/^(readme|source)\.md$/i.test(e.name) && formatOf(e.name)) out.push(p);
    }
  };
  walk(dir);
  return out.sort();
}
