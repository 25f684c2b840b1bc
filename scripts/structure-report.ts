/**
 * Structure report over a folder of .txt documents (default ../shared/corpora/vn-legal-texts):
 * one line per file (layout, unit counts, warnings and the first anomalies), then every article
 * with an empty body and every list item without a lead-in (what a reader would miss), then totals
 * and a final JSON line. Also checks that every "Điều N." heading of the ALQAC 2022 corpus becomes an
 * article unit. Run: npx tsx scripts/structure-report.ts [dir]
 */
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { normalizeText } from "../src/text/normalize.js";
import { parseStructure, structureFindings } from "../src/structure/index.js";
import { countUnits } from "../src/ingest/ingest.js";
import { listSourceFiles } from "../src/ingest/sources.js";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const SHARED = process.env.HVB_SHARED_DIR ?? path.resolve(ROOT, "../shared");
const dir = process.argv[2] ? path.resolve(ROOT, process.argv[2]) : path.join(SHARED, "corpora/vn-legal-texts");
const alqacDir = path.join(SHARED, "bench/alqac2022/corpus");

/** The text files of a corpus folder, found as ingest finds them. */
const listTxt = (d: string) => listSourceFiles(d).filter((f) => f.endsWith(".txt"));

const ORDER = ["preamble", "phan", "chuong", "muc", "dieu", "khoan", "diem", "y", "doan"];

function main(): void {
  if (!existsSync(dir)) {
    console.log(`structure-report: ${dir} not found — nothing to report (the shared corpus is not on this machine).`);
    return;
  }
  const files = listTxt(dir);
  const totals = { files: 0, bytes: 0, units: 0, dieu: 0, khoan: 0, diem: 0, listItems: 0, emptyArticles: 0, itemsWithoutLeadIn: 0, filesWithWarnings: 0, warnings: 0, ms: 0 };
  const flagged: string[] = [];
  const layouts: Record<string, number> = {};
  for (const file of files) {
    const text = normalizeText(readFileSync(file, "utf8"));
    const t0 = performance.now();
    const r = parseStructure(text);
    const ms = performance.now() - t0;
    const c: Record<string, number | undefined> = countUnits(r.units);
    const f = structureFindings(r.units);
    totals.listItems += (c.diem ?? 0) + (c.y ?? 0);
    totals.emptyArticles += f.emptyArticles.length;
    totals.itemsWithoutLeadIn += f.itemsWithoutLeadIn.length;
    totals.files++;
    totals.bytes += Buffer.byteLength(text);
    totals.units += r.units.length;
    totals.dieu += c.dieu ?? 0;
    totals.khoan += c.khoan ?? 0;
    totals.diem += c.diem ?? 0;
    totals.warnings += r.warnings.length;
    totals.ms += ms;
    if (r.warnings.length) totals.filesWithWarnings++;
    layouts[r.layout] = (layouts[r.layout] ?? 0) + 1;
    const counts = ORDER.filter((k) => c[k]).map((k) => `${k}=${c[k]}`).join(" ");
    const rel = path.relative(dir, file);
    const warn = r.warnings.length ? ` warnings=${r.warnings.length}: ${r.warnings.slice(0, 3).join("; ")}` : "";
    console.log(`${rel} | ${r.layout} | ${counts}${warn}`);
    for (const i of f.emptyArticles) flagged.push(`${rel} | empty article | Điều ${r.units[i].label}${r.units[i].heading ? `. ${r.units[i].heading}` : ""}`);
    for (const i of f.itemsWithoutLeadIn) flagged.push(`${rel} | item without lead-in | ${r.units[i].id} | ${r.units[i].text.slice(0, 80)}`);
  }
  console.log("");
  console.log(`Flagged: ${totals.emptyArticles} articles with an empty body, ${totals.itemsWithoutLeadIn} of ${totals.listItems} list items without a lead-in`);
  for (const line of flagged) console.log(line);
  console.log("");
  console.log(
    `files ${totals.files} (${(totals.bytes / 1e6).toFixed(1)} MB), layouts ${JSON.stringify(layouts)}, ` +
      `articles ${totals.dieu}, clauses ${totals.khoan}, points ${totals.diem}, units ${totals.units}, ` +
      `files with anomalies ${totals.filesWithWarnings} (${totals.warnings} warnings), parse time ${Math.round(totals.ms)} ms`,
  );

  const alqac = checkAlqac();
  console.log(
    JSON.stringify({
      corpus: path.relative(ROOT, dir),
      files: totals.files,
      megabytes: Number((totals.bytes / 1e6).toFixed(1)),
      layouts,
      articles: totals.dieu,
      clauses: totals.khoan,
      points: totals.diem,
      units: totals.units,
      emptyArticles: totals.emptyArticles,
      listItems: totals.listItems,
      itemsWithoutLeadIn: totals.itemsWithoutLeadIn,
      filesWithAnomalies: totals.filesWithWarnings,
      warnings: totals.warnings,
      parseMs: Math.round(totals.ms),
      alqac,
    }),
  );
}

/** Every "Điều N." heading line of the ALQAC corpus must be an article unit. */
function checkAlqac(): { files: number; headings: number; articles: number; missing: number } | null {
  if (!existsSync(alqacDir)) {
    console.log(`alqac: ${alqacDir} not found — check skipped`);
    return null;
  }
  let headings = 0;
  let articles = 0;
  let missing = 0;
  const files = listTxt(alqacDir);
  for (const file of files) {
    const text = normalizeText(readFileSync(file, "utf8"));
    const expected = (text.match(/^Điều \d+[a-zđ]?\./gmu) ?? []).map((h) => h.slice(5, -1));
    const r = parseStructure(text);
    const got = new Set(r.units.filter((u) => u.type === "dieu").map((u) => u.label));
    const lost = expected.filter((n) => !got.has(n));
    headings += expected.length;
    articles += r.units.filter((u) => u.type === "dieu").length;
    missing += lost.length;
    console.log(
      `alqac ${path.basename(file)}: ${expected.length} headings, ${got.size} articles` +
        (lost.length ? `, missing ${lost.slice(0, 10).join(", ")}` : "") +
        (r.warnings.length ? `, warnings: ${r.warnings.slice(0, 3).join("; ")}` : ""),
    );
  }
  console.log(`alqac: ${articles} articles from ${headings} headings in ${files.length} files, ${missing} missing`);
  return { files: files.length, headings, articles, missing };
}

main();
