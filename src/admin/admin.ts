/**
 * Administration from the chat, for any channel: a document upload (checked, saved, ingested in
 * the background with progress and the ingest report), /reload, /thongke, /chuatraloi. Only
 * ADMIN_IDS may use them; everyone else gets a polite refusal. Replies that come after the
 * first (progress, the report) go through the channel's `later` callback.
 */
import path from "node:path";
import type { AccessPolicy } from "../access/policy.js";
import { texts } from "../chat/texts.js";
import type { AdminService, Later, Origin, Reply, UploadedFile } from "../chat/types.js";
import type { Engine } from "../engine/engine.js";
import type { ParseLimits } from "../ingest/parse-worker.js";
import { formatOf, ReadError } from "../ingest/readers/index.js";
import { formatReport } from "../ingest/report.js";
import { errorSummary, type Logger } from "../log.js";
import type { Store } from "../store/store.js";
import type { Progress, Reindexer, ReindexOutcome } from "./reindex.js";
import { collectStats, statsLines, unansweredLines } from "./stats.js";
import { adminTexts } from "./texts.js";
import { safeFileName, saveUpload, UploadError, UPLOAD_FORMATS, type SavedUpload } from "./upload.js";

export interface AdminDeps {
  access: AccessPolicy;
  engine: Pick<Engine, "version" | "catalog">;
  store: Store;
  log: Logger;
  reindexer: Reindexer;
  corpusDir: string;
  maxBytes: number;
  /** Memory and time allowed to read an upload (parse-worker.ts). */
  parseLimits?: ParseLimits;
  /** LOG_UNANSWERED: whether /chuatraloi has anything to show. */
  logUnanswered: boolean;
}

/** At most one progress message this often during a long ingest. */
const PROGRESS_EVERY_MS = 15_000;

const notices = (...lines: string[]): Reply => ({ blocks: lines.map((text) => ({ kind: "notice" as const, text })), actions: [] });

export class Admin implements AdminService {
  private background = new Set<Promise<void>>();

  constructor(private readonly deps: AdminDeps) {}

  /** Replies to an admin command (name without "/"), refusing non-admins; the rest comes through `later`. */
  async command(o: Origin, name: string, later: Later): Promise<Reply[]> {
    if (!this.deps.access.isAdmin(o)) return [notices(texts.adminOnly)];
    switch (name) {
      case "reload":
        this.startReindex(later, notices(adminTexts.reloadStarted));
        return [];
      case "thongke": {
        const loaded = this.deps.engine.catalog().filter((c) => c.loaded).length;
        return [notices(...statsLines(await collectStats(this.deps.store), { version: this.deps.engine.version, loaded }))];
      }
      case "chuatraloi":
        return [notices(...(this.deps.logUnanswered ? await unansweredLines(this.deps.store) : [adminTexts.unansweredOff]))];
      default:
        throw new Error(`not an admin command: ${name}`);
    }
  }

  /** An uploaded document: rejected with its reason, or saved and ingested in the background. */
  async upload(o: Origin, file: UploadedFile, later: Later): Promise<Reply[]> {
    if (!this.deps.access.isAdmin(o)) return [notices(adminTexts.uploadRefused)];
    const { maxBytes, corpusDir, log } = this.deps;
    const name = safeFileName(file.name);
    const format = formatOf(name);
    // Cheap checks before downloading anything.
    if (!format || !UPLOAD_FORMATS.has(format)) return [notices(adminTexts.uploadRejected(`«${name}»: qua chat chỉ nhận tệp PDF, DOCX hoặc DOC`))];
    if (file.size !== undefined && file.size > maxBytes) return [notices(adminTexts.uploadTooLarge(name, file.size, maxBytes))];
    let bytes: Uint8Array;
    try {
      bytes = await file.download();
    } catch (err) {
      log.warn({ err: errorSummary(err), file: name }, "upload download failed");
      return [notices(adminTexts.downloadFailed(name))];
    }
    if (bytes.length > maxBytes) return [notices(adminTexts.uploadTooLarge(name, bytes.length, maxBytes))];
    let saved: SavedUpload;
    try {
      saved = await saveUpload(corpusDir, name, bytes, maxBytes, this.deps.parseLimits);
    } catch (err) {
      if (err instanceof ReadError || err instanceof UploadError) return [notices(adminTexts.uploadRejected(err.message))];
      log.error({ err: errorSummary(err), file: name }, "upload could not be saved");
      return [notices(adminTexts.uploadRejected("lỗi khi lưu tệp trên máy chủ"))];
    }
    log.info({ file: saved.file, bytes: bytes.length, replaced: saved.replaced, channel: o.channel }, "document uploaded");
    this.startReindex(later, notices(adminTexts.uploadAccepted(saved.file, bytes.length, saved.read.pages, saved.replaced)), saved);
    return [];
  }

  /** Resolves when background ingests and their messages are done (graceful stop, tests). */
  async idle(): Promise<void> {
    while (this.background.size) await Promise.all(this.background);
  }

  /** In the background: says it started (through `later`, so it comes before the report), then ingests. */
  private startReindex(later: Later, started: Reply, upload?: SavedUpload): void {
    const p: Promise<void> = later(started)
      .catch((err: unknown) => this.deps.log.warn({ err: errorSummary(err) }, "admin message not sent"))
      .then(() => this.reindex(later, upload))
      .catch((err: unknown) => this.deps.log.error({ err: errorSummary(err) }, "admin background work failed"))
      .finally(() => this.background.delete(p));
    this.background.add(p);
  }

  private async reindex(later: Later, upload?: SavedUpload): Promise<void> {
    const send = (...lines: string[]) => later(notices(...lines)).catch((err: unknown) => this.deps.log.warn({ err: errorSummary(err) }, "admin message not sent"));
    let last = Date.now();
    const progress: Progress = (done, total, ocr) => {
      if (done >= total || Date.now() - last < PROGRESS_EVERY_MS) return;
      last = Date.now();
      void send(ocr ? adminTexts.ocrProgress(ocr.file, ocr.done, ocr.total) : adminTexts.progress(done, total));
    };
    const outcome = await this.deps.reindexer.run(progress, () => void send(adminTexts.waiting));
    if (!outcome.ok) return void (await send(adminTexts.failed(outcome.error)));
    const mine = upload && outcome.result.reports.find((r) => path.basename(r.file) === upload.file && path.dirname(r.file) === ".");
    if (upload && mine?.status === "failed") {
      // Readable but refused by the ingest (e.g. an id taken by another document): undo, so the
      // index holds the previous version of the document again.
      upload.restore();
      const again = await this.deps.reindexer.run();
      await send(adminTexts.uploadUndone(upload.file, mine.error ?? "lỗi không rõ", upload.replaced), ...(again.ok ? [] : [adminTexts.failed(again.error)]));
      return;
    }
    await send(...reportLines(outcome));
  }
}

/** The ingest report of what changed (unchanged files only counted), then the version switch. */
function reportLines(o: Extract<ReindexOutcome, { ok: true }>): string[] {
  const changed = o.result.reports.filter((r) => r.status !== "cached");
  const unchanged = o.result.reports.length - changed.length;
  return [formatReport({ ...o.result, reports: changed }), ...(unchanged ? [adminTexts.unchanged(unchanged)] : []), adminTexts.switched(o.version)];
}
