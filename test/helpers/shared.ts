/** Locates ../shared (read-only real data); tests that need it skip with a clear message when absent. */
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import path from "node:path";

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
export const SHARED_DIR = process.env.HVB_SHARED_DIR ?? path.resolve(REPO_ROOT, "../shared");

/** Absolute path inside ../shared, or undefined when that data is not on this machine. */
export function sharedPath(...parts: string[]): string | undefined {
  const p = path.join(SHARED_DIR, ...parts);
  if (existsSync(p)) return p;
  console.warn(`[skip] ${p} not found: tests that need ../shared data are skipped`);
  return undefined;
}
