/**
 * The child process behind parse-worker.ts: reads and parses one untrusted file at a time, under
 * the heap cap its parent started it with. Whatever a file does to it (runs out of memory, loops)
 * kills this process only.
 */
import { readBuffer, readDocument, ReadError, type ReadOptions } from "./readers/index.js";
import { parseFileText, type ParseJob, type ParseReply } from "./parse-worker.js";
import { listSourceFiles } from "./sources.js";

process.on("message", (job: ParseJob) => {
  void handle(job).then((reply) => process.send!(reply));
});
// The parent gone: nothing left to do.
process.on("disconnect", () => process.exit(0));
// Loaded (the readers are large modules): a file's time limit starts from here.
process.send!({ ready: true });

async function handle(job: ParseJob): Promise<ParseReply> {
  try {
    if (job.list) return { id: job.id, ok: true, files: listSourceFiles(job.name) };
    const onPage = (done: number, total: number) => void process.send!({ id: job.id, progress: { done, total } });
    const options: ReadOptions = { maxBytes: job.maxBytes };
    if (job.ocr !== undefined) options.ocr = job.ocr === false ? false : { ...job.ocr, onPage };
    const read = job.bytes ? await readBuffer(job.bytes, job.name, options) : await readDocument(job.name, options);
    return job.structure ? { id: job.id, ok: true, parsed: parseFileText(read, job.name, job.layout) } : { id: job.id, ok: true, read };
  } catch (err) {
    const e = err as Error;
    return { id: job.id, ok: false, error: err instanceof ReadError ? { code: err.code, file: err.file, message: e.message } : { message: e.message } };
  }
}
