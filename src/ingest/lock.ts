/**
 * One ingest at a time per index directory. The lock file holds the owner's pid, so a lock left by
 * a killed process (kill -9) is recognised as stale and taken over instead of blocking forever.
 */
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === "EPERM";
  }
}

export class IngestBusyError extends Error {}

export async function withIngestLock<T>(indexDir: string, work: () => Promise<T>): Promise<T> {
  mkdirSync(indexDir, { recursive: true });
  const lock = path.join(indexDir, "ingest.lock");
  try {
    writeFileSync(lock, String(process.pid), { flag: "wx" });
  } catch {
    const owner = Number(readFileSync(lock, "utf8"));
    if (owner && owner !== process.pid && alive(owner)) throw new IngestBusyError(`Một lần nạp khác đang chạy (pid ${owner}) trên ${indexDir}`);
    writeFileSync(lock, String(process.pid));
  }
  try {
    return await work();
  } finally {
    rmSync(lock, { force: true });
  }
}
