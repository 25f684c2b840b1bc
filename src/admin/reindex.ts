/**
 * Background re-ingest for admin uploads and /reload: one at a time in this process (queued),
 * and one at a time across instances through a lock in the shared store (the ingest's own lock
 * file only knows this host's processes). Each run publishes a new index version and switches
 * this engine to it; other instances follow through their index watcher. Nothing here throws:
 * a failure is an outcome, and the current index keeps answering.
 */
import { hostname } from "node:os";
import type { Engine } from "../engine/engine.js";
import type { IngestResult } from "../ingest/ingest.js";
import type { Logger } from "../log.js";
import type { Store } from "../store/store.js";

const LOCK_KEY = "lock:ingest";
/** A holder killed mid-ingest releases the lock by expiry. */
const LOCK_TTL_MS = 30 * 60_000;
const LOCK_POLL_MS = 2000;
/** Longest wait for another instance's ingest before giving up. */
const LOCK_WAIT_MS = 10 * 60_000;

/** Files done of all; while a scan is read, also its OCR'd pages. */
export type Progress = (done: number, total: number, ocr?: { file: string; done: number; total: number }) => void;

export type IngestFn = (onProgress: Progress) => Promise<IngestResult>;

export type ReindexOutcome = { ok: true; result: IngestResult; version: string } | { ok: false; error: string };

export interface ReindexDeps {
  ingest: IngestFn;
  engine: Pick<Engine, "reload" | "version">;
  store: Store;
  log: Logger;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export class Reindexer {
  private queue: Promise<unknown> = Promise.resolve();
  private readonly owner = `${hostname()}:${process.pid}`;

  constructor(private readonly deps: ReindexDeps) {}

  /** Queues a run; `onWait` is told once when another instance's ingest must finish first. */
  run(onProgress: Progress = () => {}, onWait: () => void = () => {}): Promise<ReindexOutcome> {
    const next = this.queue.catch(() => {}).then(() => this.locked(onProgress, onWait));
    this.queue = next;
    return next;
  }

  /** Resolves when every queued run is done (graceful stop). */
  async idle(): Promise<void> {
    let last: Promise<unknown>;
    do await (last = this.queue).catch(() => {});
    while (last !== this.queue);
  }

  private async locked(onProgress: Progress, onWait: () => void): Promise<ReindexOutcome> {
    const { store, log } = this.deps;
    try {
      const deadline = Date.now() + LOCK_WAIT_MS;
      let waited = false;
      while (!(await store.setIfAbsent(LOCK_KEY, this.owner, LOCK_TTL_MS))) {
        if (Date.now() > deadline) return { ok: false, error: "một lần nạp khác (ở phiên bản chạy khác) chưa xong sau 10 phút" };
        if (!waited) onWait();
        waited = true;
        await sleep(LOCK_POLL_MS);
      }
    } catch (err) {
      log.error({ err: (err as Error).message }, "reindex: could not take the ingest lock");
      return { ok: false, error: "không truy cập được kho dữ liệu dùng chung" };
    }
    try {
      return await this.ingestAndSwitch(onProgress);
    } finally {
      if ((await store.get(LOCK_KEY).catch(() => undefined)) === this.owner) await store.delete(LOCK_KEY).catch(() => {});
    }
  }

  private async ingestAndSwitch(onProgress: Progress): Promise<ReindexOutcome> {
    const { engine, log } = this.deps;
    let result: IngestResult;
    try {
      result = await this.deps.ingest(onProgress);
    } catch (err) {
      log.error({ err: (err as Error).message }, "reindex: ingest failed, the current index stays");
      return { ok: false, error: (err as Error).message };
    }
    try {
      engine.reload();
    } catch (err) {
      log.error({ err: (err as Error).message, version: result.version }, "reindex: new version failed to load, the current index stays");
      return { ok: false, error: `chỉ mục mới ${result.version} không mở được` };
    }
    log.info({ version: engine.version, files: result.reports.length, failed: result.reports.filter((r) => r.status === "failed").length }, "reindex done");
    return { ok: true, result, version: engine.version };
  }
}
