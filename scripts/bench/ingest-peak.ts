/**
 * Child process of the benchmark: one ingest of a folder, alone in its process, so its peak
 * resident memory (getrusage maxRSS) is the ingest's own. The readers run in their own capped
 * process (parse-worker.ts): that child is sampled from /proc every 100 ms (Linux) and the largest
 * sum of both processes is reported as the whole ingest's peak.
 */
import { readdirSync, readFileSync } from "node:fs";
import { ingest } from "../../src/ingest/ingest.js";

/** Pids of this process's children, from /proc (a scan costs milliseconds: done once a second). */
function childPids(): string[] {
  const out: string[] = [];
  let pids: string[] = [];
  try {
    pids = readdirSync("/proc").filter((p) => /^\d+$/.test(p));
  } catch {
    return out;
  }
  for (const pid of pids) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
      // Fields after the command name "(…)": state, then the parent's pid.
      if (Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]) === process.pid) out.push(pid);
    } catch {
      // The process ended meanwhile.
    }
  }
  return out;
}

/** Resident memory (KB) of the given processes; 0 for one that ended. */
function rssKb(pids: string[]): number {
  let kb = 0;
  for (const pid of pids) {
    try {
      kb += Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, "utf8"))?.[1] ?? 0);
    } catch {
      // The process ended meanwhile.
    }
  }
  return kb;
}

const [from, indexDir] = process.argv.slice(2);
let treeKb = 0;
let children: string[] = [];
let tick = 0;
// The event loop turns while files are parsed (the only time the child runs), so the samples see it.
const sampler = setInterval(() => {
  if (tick++ % 10 === 0) children = childPids();
  treeKb = Math.max(treeKb, process.memoryUsage.rss() / 1024 + rssKb(children));
}, 100);
const t0 = performance.now();
const r = await ingest({ from, indexDir, embedder: null });
const seconds = (performance.now() - t0) / 1000;
clearInterval(sampler);
const ownKb = process.resourceUsage().maxRSS;
console.log(
  JSON.stringify({
    seconds,
    peakMb: Math.round(ownKb / 1024),
    treePeakMb: Math.round(Math.max(ownKb, treeKb) / 1024),
    reports: r.reports.map((f) => ({ status: f.status, dieu: f.units?.dieu ?? 0 })),
  }),
);
