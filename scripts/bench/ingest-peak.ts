/**
 * Child process of the benchmark: one ingest of a folder, alone in its process, so its peak
 * resident memory (getrusage maxRSS) is the ingest's own. The readers run in their own capped
 * process (parse-worker.ts) and are not counted here.
 */
import { ingest } from "../../src/ingest/ingest.js";

const [from, indexDir] = process.argv.slice(2);
const t0 = performance.now();
const r = await ingest({ from, indexDir, embedder: null });
const seconds = (performance.now() - t0) / 1000;
console.log(JSON.stringify({ seconds, peakMb: Math.round(process.resourceUsage().maxRSS / 1024), reports: r.reports.map((f) => ({ status: f.status, dieu: f.units?.dieu ?? 0 })) }));
