/**
 * Index hot reload: polls the CURRENT pointer (a few bytes, every 2 s by default) and reloads the
 * engine when an ingest — in this process, another instance or the CLI — published a new version,
 * or when the organisation's thesaurus file (tu-dien.txt) beside the documents was edited.
 * Polling, not fs.watch: it works the same on network and container volumes. A version that fails
 * to load is logged once and skipped; the engine keeps answering from the version it has.
 */
import { currentInfo } from "../index/store.js";
import type { Logger } from "../log.js";
import type { Engine } from "./engine.js";

export const WATCH_INTERVAL_MS = 2000;

export interface IndexWatcher {
  /** Checks now (what the timer does); true when a new version was loaded. */
  check(): boolean;
  stop(): void;
}

export function watchIndex(
  engine: Pick<Engine, "reload" | "version" | "pending">,
  indexDir: string,
  log: Logger,
  intervalMs = WATCH_INTERVAL_MS,
): IndexWatcher {
  let failed: string | undefined;
  const check = (): boolean => {
    const next = engine.pending();
    if (!next || next === failed) return false;
    const from = engine.version;
    try {
      if (!engine.reload()) return false;
      failed = undefined;
      // The documents folder goes with the version (uploads and /reload follow it: corpusSource).
      log.info({ from, to: engine.version, source: currentInfo(indexDir)?.source }, "index reloaded");
      return true;
    } catch (err) {
      failed = next;
      log.error({ err: (err as Error).message, version: next.split("|")[0], keeping: engine.version }, "new index version failed to load: still answering from the previous one");
      return false;
    }
  };
  const timer = setInterval(check, intervalMs);
  // The watcher alone never keeps the process alive.
  timer.unref();
  return { check, stop: () => clearInterval(timer) };
}
