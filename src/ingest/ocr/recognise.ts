/**
 * Text recognition with tesseract.js (WebAssembly, no system package). The trained model comes from
 * npm (@tesseract.js-data/<lang>) and is read from node_modules: langPath is a local folder and
 * nothing is cached or fetched, so OCR works with no network. One worker per core.
 */
import { mkdtempSync, symlinkSync } from "node:fs";
import { createRequire } from "node:module";
import os from "node:os";
import path from "node:path";
import { createScheduler, createWorker, OEM, type Scheduler } from "tesseract.js";

const require = createRequire(import.meta.url);

export interface Recognised {
  text: string;
  /** Tesseract's mean word confidence, 0–100. */
  confidence: number;
}

export class MissingModelError extends Error {}

/** The gzip'd LSTM model of one language, from its npm package. */
function modelFile(lang: string): string {
  try {
    // The "best_int" model is LSTM-only: what OEM.LSTM_ONLY runs, and a third of the full file.
    return path.join(path.dirname(require.resolve(`@tesseract.js-data/${lang}/package.json`)), "4.0.0_best_int", `${lang}.traineddata.gz`);
  } catch {
    throw new MissingModelError(`thiếu mô hình OCR cho ngôn ngữ "${lang}" — cài bằng: npm install @tesseract.js-data/${lang}`);
  }
}

/** Folders of links made for several languages, one per combination and process. */
const linked = new Map<string, string>();

/** One folder holding every language's model (tesseract.js takes a single langPath). */
function modelDir(langs: string[]): string {
  const files = langs.map(modelFile);
  const dirs = new Set(files.map((f) => path.dirname(f)));
  if (dirs.size === 1) return [...dirs][0];
  const key = langs.join("+");
  if (!linked.has(key)) {
    const dir = mkdtempSync(path.join(os.tmpdir(), "hvb-ocr-lang-"));
    langs.forEach((l, i) => symlinkSync(files[i], path.join(dir, `${l}.traineddata.gz`)));
    linked.set(key, dir);
  }
  return linked.get(key)!;
}

export interface Recogniser {
  recognise(image: Uint8Array): Promise<Recognised>;
  close(): Promise<void>;
}

/** Workers for `lang` ("vie", or "vie+eng"); `workers` defaults to the number of cores. */
export async function createRecogniser(lang: string, workers = os.availableParallelism()): Promise<Recogniser> {
  const langs = lang.split("+").map((l) => l.trim()).filter(Boolean);
  const langPath = modelDir(langs);
  const scheduler: Scheduler = createScheduler();
  try {
    const started = await Promise.all(
      Array.from({ length: Math.max(1, workers) }, () =>
        createWorker(langs, OEM.LSTM_ONLY, { langPath, gzip: true, cacheMethod: "none" }),
      ),
    );
    for (const w of started) scheduler.addWorker(w);
  } catch (err) {
    await scheduler.terminate().catch(() => undefined);
    throw err;
  }
  return {
    async recognise(image) {
      const { data } = await scheduler.addJob("recognize", Buffer.from(image));
      return { text: data.text, confidence: data.confidence };
    },
    close: async () => void (await scheduler.terminate()),
  };
}
