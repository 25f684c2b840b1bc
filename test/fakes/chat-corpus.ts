/**
 * A real engine over a small temp corpus for chat tests: the project's user guide and manifest
 * (so /vanban lists loaded, not-loaded and superseded documents) plus an invented legal-style
 * regulation (test/fixtures/chat) with hostile text ("<b>", "&", "<unclosed") and an article
 * longer than a Telegram message.
 */
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { Engine } from "../../src/engine/engine.js";
import { ingest } from "../../src/ingest/ingest.js";
import { REPO_ROOT } from "../helpers/shared.js";

export const FIXTURE_DOC = {
  id: "qc-vuon-uom-mau",
  number: "01/2099/QC-VƯ",
  kind: "Quy chế",
  issuer: "Câu lạc bộ Làm Vườn Giả Định",
  date: "2099-01-02",
  title: "vận hành vườn ươm <thử nghiệm> & ghi sổ (văn bản mẫu hư cấu)",
  aliases: ["quy chế vườn ươm", "qc vườn ươm", "qc01"],
  status: "in_force",
  file: "quy-che-vuon-uom.txt",
  layout: "legal",
};

export interface ChatCorpus {
  engine: Engine;
  /** Where the corpus and its index were written (for a bot started as a separate process). */
  corpusDir: string;
  indexDir: string;
  cleanup(): void;
}

export async function buildChatCorpus(): Promise<ChatCorpus> {
  const dir = mkdtempSync(path.join(tmpdir(), "hvb-chat-"));
  const corpus = path.join(dir, "corpus");
  const indexDir = path.join(dir, "index");
  mkdirSync(corpus);
  copyFileSync(path.join(REPO_ROOT, "corpus/huong-dan-su-dung.md"), path.join(corpus, "huong-dan-su-dung.md"));
  copyFileSync(path.join(REPO_ROOT, "test/fixtures/chat/quy-che-vuon-uom.txt"), path.join(corpus, FIXTURE_DOC.file));
  const manifest = JSON.parse(readFileSync(path.join(REPO_ROOT, "corpus/manifest.json"), "utf8")) as { documents: object[] };
  manifest.documents.push(FIXTURE_DOC);
  writeFileSync(path.join(corpus, "manifest.json"), JSON.stringify(manifest));
  const r = await ingest({ from: corpus, indexDir, embedder: null });
  const failed = r.reports.filter((f) => f.status === "failed");
  if (failed.length) throw new Error(`ingest failed: ${failed.map((f) => f.error).join("; ")}`);
  return { engine: Engine.open({ indexDir }), corpusDir: corpus, indexDir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** Questions on this corpus whose answers are one message each: the load benchmarks ask them. */
export const SAMPLE_QUESTIONS = [
  "luống xương rồng được tưới mấy lần?",
  "Điều 5 quy chế vườn ươm",
  "trợ lý trả lời thế nào trong nhóm chat",
  "can bo dam nghi dam lam duoc bao ve the nao",
  "ký hiệu trong sổ vườn",
  "cách thêm văn bản",
  "khi trời mưa liên tục thì có tưới không",
  "điều 2 hướng dẫn sử dụng",
];
