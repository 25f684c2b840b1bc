/**
 * Ingest is incremental and atomic: unchanged files are not re-read, bad input never damages the
 * index, and a process killed mid-ingest leaves the previous version answering.
 */
import { spawn } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { Engine } from "../src/engine/engine.js";
import { ingest } from "../src/ingest/ingest.js";
import { ManifestError } from "../src/ingest/manifest.js";
import { currentVersion } from "../src/index/store.js";
import { HashingEmbeddings } from "../src/index/embeddings/hashing.js";
import { tempDir } from "./helpers/files.js";
import { REPO_ROOT } from "./helpers/shared.js";

const NURSERY = readFileSync(path.join(REPO_ROOT, "test/fixtures/engine/nghi-dinh-mau-999.txt"));

/** A synthetic legal-style text: plainly invented, numbered articles about made-up subjects. */
function syntheticLaw(n: number, articles: number): string {
  const lines = [`LUẬT MẪU SỐ ${n} (KHÔNG CÓ THẬT)`, `Số: ${n}/2099/QH-TEST`];
  for (let a = 1; a <= articles; a++) {
    lines.push(`Điều ${a}. Quy tắc mẫu ${a} của luật ${n}`);
    lines.push(`1. Đơn vị mẫu số ${n} thực hiện công việc thử nghiệm loại ${a} trong thời hạn ${a + 2} ngày.`);
    lines.push(`2. Kết quả thử nghiệm loại ${a} được báo cáo cho cơ quan mẫu cấp ${(a % 5) + 1}.`);
  }
  return lines.join("\n");
}

describe("incremental ingest", () => {
  it("takes unchanged files from the cache and re-reads changed ones", async () => {
    const from = tempDir();
    const indexDir = tempDir();
    writeFileSync(path.join(from, "a.txt"), NURSERY);
    writeFileSync(path.join(from, "b.txt"), syntheticLaw(1, 3));
    const first = await ingest({ from, indexDir, embedder: null });
    expect(first.reports.map((r) => r.status)).toEqual(["ok", "ok"]);
    // Nothing changed: the current version stays, nothing is rebuilt.
    const again = await ingest({ from, indexDir, embedder: null });
    expect(again).toMatchObject({ unchanged: true, version: first.version });
    expect(again.reports.map((r) => r.status)).toEqual(["cached", "cached"]);
    writeFileSync(path.join(from, "b.txt"), syntheticLaw(1, 4));
    const second = await ingest({ from, indexDir, embedder: null });
    expect(second.reports.map((r) => r.status)).toEqual(["cached", "ok"]);
    expect(second.reports[1].units?.dieu).toBe(4);
    expect(second.version).not.toBe(first.version);
    expect(second.unchanged).toBe(false);
    // Old versions are pruned, the newest kept.
    expect(readdirSync(path.join(indexDir, "versions")).length).toBeLessThanOrEqual(2);
  });

  it("records the embedder and builds vectors when one is configured", async () => {
    const from = tempDir();
    const indexDir = tempDir();
    writeFileSync(path.join(from, "a.txt"), NURSERY);
    const model = new HashingEmbeddings(64);
    await ingest({ from, indexDir, embedder: { id: model.id, dimensions: 64, model, remote: false } });
    const version = currentVersion(indexDir)!;
    const info = JSON.parse(readFileSync(path.join(indexDir, "versions", version, "info.json"), "utf8"));
    expect(info.embedder).toEqual({ id: "hashing-v1-64", dimensions: 64 });
    expect(existsSync(path.join(indexDir, "versions", version, "vectors.hnsw"))).toBe(true);
    expect(Engine.open({ indexDir }).embedderId).toBe("hashing-v1-64");
  });
});

describe("bad input never damages the index", () => {
  it("rejects an invalid manifest before touching the current version", async () => {
    const from = tempDir();
    const indexDir = tempDir();
    writeFileSync(path.join(from, "a.txt"), NURSERY);
    await ingest({ from, indexDir, embedder: null });
    const before = currentVersion(indexDir);
    writeFileSync(path.join(from, "manifest.json"), "{ not json");
    await expect(ingest({ from, indexDir, embedder: null })).rejects.toBeInstanceOf(ManifestError);
    writeFileSync(path.join(from, "manifest.json"), JSON.stringify({ documents: [{ id: "Bad Id!", kind: "x", title: "y" }] }));
    await expect(ingest({ from, indexDir, embedder: null })).rejects.toThrow(/manifest không hợp lệ/);
    expect(currentVersion(indexDir)).toBe(before);
    expect((await Engine.open({ indexDir }).ask("cây giống đạt chuẩn là gì")).status).toBe("answer");
  });

  it("rejects a missing folder with a clear message", async () => {
    await expect(ingest({ from: "/nonexistent/folder", indexDir: tempDir(), embedder: null })).rejects.toThrow(/Không tìm thấy thư mục/);
  });
});

describe("interrupted ingest", () => {
  it("leaves the old index answering after kill -9, and the next ingest completes", async () => {
    const from = tempDir();
    const indexDir = tempDir();
    writeFileSync(path.join(from, "nursery.txt"), NURSERY);
    const old = await ingest({ from, indexDir, embedder: null });

    // Enough new text that the second ingest is still running when it is killed (60 files: ~2.4 s after
    // its lock on a loaded 2-core machine, against a kill 0.3 s after it; finishing first fails the test).
    const big = path.join(from, "big");
    mkdirSync(big);
    for (let i = 0; i < 60; i++) writeFileSync(path.join(big, `law-${i}.txt`), syntheticLaw(i, 60));
    const child = spawn(process.execPath, ["--import", "tsx", "src/cli/main.ts", "ingest", "--from", from, "--index", indexDir], {
      cwd: REPO_ROOT,
      stdio: "ignore",
    });
    const lock = path.join(indexDir, "ingest.lock");
    for (let i = 0; i < 600 && !existsSync(lock); i++) await new Promise((r) => setTimeout(r, 50));
    expect(existsSync(lock)).toBe(true);
    await new Promise((r) => setTimeout(r, 300));
    child.kill("SIGKILL");
    await new Promise((r) => child.once("exit", r));

    expect(currentVersion(indexDir)).toBe(old.version);
    const engine = Engine.open({ indexDir });
    const r = await engine.ask("cây giống đạt chuẩn là gì");
    expect(r.status).toBe("answer");

    // The stale lock of the killed process does not block the next ingest.
    const next = await ingest({ from, indexDir, embedder: null });
    expect(next.reports.filter((x) => x.status === "failed")).toEqual([]);
    expect(currentVersion(indexDir)).toBe(next.version);
    expect(readdirSync(path.join(indexDir, "versions")).some((n) => n.endsWith(".tmp"))).toBe(false);
    expect(engine.reload()).toBe(true);
    expect((await engine.ask("đơn vị mẫu số 7 thực hiện thử nghiệm loại 3 trong thời hạn bao lâu")).citations[0].doc.id).toBe("law-7");
  });
});
