/**
 * "Điều N <tên văn bản>" over every real document in ../shared (skipped when absent): each article
 * must come back, with its full text, when asked for by the document's number or its title (with
 * the year; the two in turn from one article to the next), with and without tone marks, the way a
 * member types it. No manifest: names come from
 * the files' own headers.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { Engine } from "../src/engine/engine.js";
import { ingest } from "../src/ingest/ingest.js";
import { unitFullText, unitFullTextHead, type DocMeta, type ParsedDocument } from "../src/model/document.js";
import { foldDiacritics } from "../src/text/normalize.js";
import { tempDir } from "./helpers/files.js";
import { sharedPath } from "./helpers/shared.js";

const corpora = [sharedPath("corpora", "vn-legal-texts"), sharedPath("bench", "alqac2022", "corpus")].filter((d): d is string => !!d);

const NAMED_KINDS = new Set(["Luật", "Bộ luật", "Pháp lệnh", "Hiến pháp"]);

/** How people name a document: "Nghị định 21/2021/NĐ-CP", and a law also "Luật Đất đai 2013". */
function namesOf(meta: DocMeta, all: DocMeta[]): string[] {
  const year = meta.date?.slice(0, 4);
  const names: string[] = [];
  if (meta.number) {
    const shared = all.some((m) => m !== meta && m.number === meta.number);
    names.push(`${meta.kind} ${meta.number}${shared && year ? ` năm ${year}` : ""}`);
  }
  if (NAMED_KINDS.has(meta.kind) && !/VBHN/u.test(meta.number ?? "") && !/^(?:sửa đổi|bổ sung)/u.test(meta.title)) {
    const title = meta.title.replace(/^về\s+/u, "");
    names.push(`${meta.kind} ${title.charAt(0).toLocaleUpperCase("vi")}${title.slice(1)}${year ? ` ${year}` : ""}`);
  }
  // a document with neither: its kind and trích yếu ("Thông tư hướng dẫn thực hiện …")
  if (!names.length) names.push(`${meta.kind} ${meta.title}`);
  return names;
}

interface Tally {
  articles: number;
  asked: number;
  /** Articles returned whole in every form asked. */
  ok: number;
  failures: string[];
  /** Units whose text head (read to recognise how a unit opens) is not how its full text starts. */
  badHeads: string[];
}

async function lookUpEveryArticle(dir: string): Promise<Tally> {
  const indexDir = tempDir();
  await ingest({ from: dir, indexDir, embedder: null });
  const engine = Engine.open({ indexDir });
  const docs = engine.docs();
  const metas = docs.map((d) => d.meta);
  const tally: Tally = { articles: 0, asked: 0, ok: 0, failures: [], badHeads: [] };
  for (const doc of docs)
    for (let i = 0; i < doc.units.length; i++) {
      const full = unitFullText(doc, i);
      for (const n of [1, 60, 400]) if (unitFullTextHead(doc, i, n).slice(0, n) !== full.slice(0, n)) tally.badHeads.push(`${doc.meta.id} ${doc.units[i].id} ${n}`);
    }
  const returned = async (q: string, doc: ParsedDocument, unit: number): Promise<boolean> => {
    tally.asked++;
    const r = await engine.ask(q);
    const c = r.citations[0];
    const want = unitFullText(doc, unit);
    const got = c && engine.unitText(c.doc.id, c.unit)?.text;
    const last = c?.path[c.path.length - 1];
    // the article itself (or the identical article of an identical file), with its text, quoted verbatim
    const ok = r.status === "unit" && last?.type === "dieu" && last.label === doc.units[unit].label && !!got?.trim() && got === want && got.includes(c.quote);
    if (!ok) tally.failures.push(`${q} → ${r.status} ${c ? `${c.doc.id} ${c.unitId}` : r.reason ?? ""}`);
    return ok;
  };
  for (const doc of docs) {
    const names = namesOf(doc.meta, metas);
    const seen = new Set<string>();
    let k = 0;
    for (let i = 0; i < doc.units.length; i++) {
      const u = doc.units[i];
      // "Điều 5" names the first article numbered 5 (a repeated number gets an id suffix)
      if (u.type !== "dieu" || seen.has(u.label)) continue;
      seen.add(u.label);
      tally.articles++;
      // by number and by title in turn, each typed with and without tone marks
      const q = `Điều ${u.label} ${names[k++ % names.length]}`;
      if ((await returned(q, doc, i)) && (await returned(foldDiacritics(q), doc, i))) tally.ok++;
    }
  }
  return tally;
}

describe.skipIf(!corpora.length)("every article by 'Điều N <tên văn bản>' (real documents, no manifest)", () => {
  const tallies: Tally[] = [];
  beforeAll(async () => {
    // Side by side: each corpus is read in its own reader process while the other is indexed or asked.
    tallies.push(...(await Promise.all(corpora.map(lookUpEveryArticle))));
  }, 900_000);

  it("returns ≥ 99.5% of articles with their full text, with and without tone marks", () => {
    const articles = tallies.reduce((n, t) => n + t.articles, 0);
    const asked = tallies.reduce((n, t) => n + t.asked, 0);
    const ok = tallies.reduce((n, t) => n + t.ok, 0);
    console.log(`Điều N <tên văn bản>: ${ok}/${articles} articles (${((100 * ok) / articles).toFixed(2)}%), ${asked} questions\n${tallies.flatMap((t) => t.failures).join("\n")}`);
    expect(articles).toBeGreaterThan(12_000);
    expect(ok / articles).toBeGreaterThanOrEqual(0.995);
  });

  it("reads every unit's opening words as its full text starts", () => {
    expect(tallies.flatMap((t) => t.badHeads)).toEqual([]);
  });
});
