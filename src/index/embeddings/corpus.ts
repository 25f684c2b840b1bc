/**
 * Semantic vectors learned from the loaded documents at ingest, with no download: latent semantic
 * analysis. Blocks become tf-idf columns over folded syllables and syllable pairs; a randomized
 * truncated SVD (Halko et al. 2011: one power iteration, then an exact SVD of the small projected
 * matrix) gives each term a vector in the k main directions of co-occurrence, and any text is the
 * projection of its tf-idf vector on them. Words used in the same articles ("thai sản", "sinh con")
 * end up close even when a question shares no word with the article.
 * A LangChain `Embeddings`, so an OpenAI-compatible model replaces it by configuration.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { Embeddings } from "@langchain/core/embeddings";
import { foldedTerms } from "../../text/tokenize.js";

/** Terms kept: the most widespread, so the model of a large corpus stays a few megabytes. */
const MAX_VOCABULARY = 40_000;
const OVERSAMPLE = 10;

/** Deterministic pseudo-random normals: the same corpus always gives the same vectors. */
function gaussian(seed: number): () => number {
  let s = seed >>> 0;
  const next = () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) + 0.5) / 4294967296;
  return () => Math.sqrt(-2 * Math.log(next())) * Math.cos(2 * Math.PI * next());
}

/** Orthonormalises the l columns of a column-major n×l matrix in place (modified Gram–Schmidt). */
function orthonormalise(m: Float64Array, n: number, l: number): void {
  for (let c = 0; c < l; c++) {
    const col = m.subarray(c * n, (c + 1) * n);
    for (let p = 0; p < c; p++) {
      const prev = m.subarray(p * n, (p + 1) * n);
      let dot = 0;
      for (let i = 0; i < n; i++) dot += col[i] * prev[i];
      for (let i = 0; i < n; i++) col[i] -= dot * prev[i];
    }
    let norm = 0;
    for (let i = 0; i < n; i++) norm += col[i] * col[i];
    norm = Math.sqrt(norm) || 1;
    for (let i = 0; i < n; i++) col[i] /= norm;
  }
}

/** Eigenvectors of a symmetric l×l matrix (cyclic Jacobi), by decreasing eigenvalue. */
function symmetricEigen(a: Float64Array, l: number): { values: number[]; vectors: Float64Array } {
  const v = new Float64Array(l * l);
  for (let i = 0; i < l; i++) v[i * l + i] = 1;
  for (let sweep = 0; sweep < 50; sweep++) {
    let off = 0;
    for (let p = 0; p < l; p++) for (let q = p + 1; q < l; q++) off += a[p * l + q] ** 2;
    if (off < 1e-20) break;
    for (let p = 0; p < l; p++)
      for (let q = p + 1; q < l; q++) {
        const apq = a[p * l + q];
        if (Math.abs(apq) < 1e-300) continue;
        const theta = (a[q * l + q] - a[p * l + p]) / (2 * apq);
        const t = Math.sign(theta || 1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        const c = 1 / Math.sqrt(t * t + 1), s = t * c;
        for (let k = 0; k < l; k++) {
          const akp = a[k * l + p], akq = a[k * l + q];
          a[k * l + p] = c * akp - s * akq;
          a[k * l + q] = s * akp + c * akq;
        }
        for (let k = 0; k < l; k++) {
          const apk = a[p * l + k], aqk = a[q * l + k];
          a[p * l + k] = c * apk - s * aqk;
          a[q * l + k] = s * apk + c * aqk;
        }
        for (let k = 0; k < l; k++) {
          const vkp = v[k * l + p], vkq = v[k * l + q];
          v[k * l + p] = c * vkp - s * vkq;
          v[k * l + q] = s * vkp + c * vkq;
        }
      }
  }
  const order = [...Array(l).keys()].sort((x, y) => a[y * l + y] - a[x * l + x]);
  const vectors = new Float64Array(l * l);
  order.forEach((col, j) => {
    for (let i = 0; i < l; i++) vectors[j * l + i] = v[i * l + col];
  });
  return { values: order.map((i) => a[i * l + i]), vectors };
}

/** A text's weighted terms: (1 + log tf) · idf for terms in the vocabulary. */
function weighted(text: string, vocab: Map<string, number>, idf: Float32Array): Map<number, number> {
  const tf = new Map<number, number>();
  for (const t of foldedTerms(text)) {
    const i = vocab.get(t);
    if (i !== undefined) tf.set(i, (tf.get(i) ?? 0) + 1);
  }
  for (const [i, f] of tf) tf.set(i, (1 + Math.log(f)) * idf[i]);
  return tf;
}

export class CorpusEmbeddings extends Embeddings {
  private constructor(
    private readonly vocab: Map<string, number>,
    private readonly idf: Float32Array,
    /** Term vectors, row-major V×dimensions. */
    private readonly termVectors: Float32Array,
    readonly dimensions: number,
  ) {
    super({});
  }

  /** Recorded with the index: vectors from different embedders must never be mixed. */
  get id(): string {
    return `corpus-lsa-v1-${this.dimensions}`;
  }

  /** Learns term vectors from the texts (the blocks of the corpus). */
  static fit(texts: string[], dimensions = 128): CorpusEmbeddings {
    const df = new Map<string, number>();
    for (const text of texts) for (const t of new Set(foldedTerms(text))) df.set(t, (df.get(t) ?? 0) + 1);
    // A term in one block says nothing about co-occurrence; the most widespread are kept.
    const kept = [...df].filter(([, n]) => n >= 2).sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).slice(0, MAX_VOCABULARY);
    const vocab = new Map(kept.map(([t], i) => [t, i]));
    const N = texts.length, V = vocab.size;
    const idf = Float32Array.from(kept, ([, n]) => Math.log(1 + N / n));
    // Sparse columns, each normalised: long articles do not dominate the directions.
    const cols = texts.map((text) => {
      const w = weighted(text, vocab, idf);
      const norm = Math.sqrt([...w.values()].reduce((s, x) => s + x * x, 0)) || 1;
      return { idx: Uint32Array.from(w.keys()), val: Float64Array.from(w.values(), (x) => x / norm) };
    });
    const k = Math.max(1, Math.min(dimensions, V, N));
    const l = Math.min(k + OVERSAMPLE, V, N);
    const rand = gaussian(42);
    // Y = A·Ω (V×l, column-major), one power iteration Y = A·(Aᵀ·Y), orthonormalised between.
    const times = (omega: (j: number, c: number) => number) => {
      const y = new Float64Array(V * l);
      cols.forEach(({ idx, val }, j) => {
        for (let c = 0; c < l; c++) {
          const o = omega(j, c);
          if (!o) continue;
          const base = c * V;
          for (let e = 0; e < idx.length; e++) y[base + idx[e]] += val[e] * o;
        }
      });
      return y;
    };
    const transposeTimes = (y: Float64Array) => {
      const z = new Float64Array(N * l);
      cols.forEach(({ idx, val }, j) => {
        for (let c = 0; c < l; c++) {
          let s = 0;
          const base = c * V;
          for (let e = 0; e < idx.length; e++) s += val[e] * y[base + idx[e]];
          z[c * N + j] = s;
        }
      });
      return z;
    };
    const omega = Float64Array.from({ length: N * l }, rand);
    let y = times((j, c) => omega[c * N + j]);
    orthonormalise(y, V, l);
    const z = transposeTimes(y);
    orthonormalise(z, N, l);
    y = times((j, c) => z[c * N + j]);
    orthonormalise(y, V, l);
    // B = Qᵀ·A (l×N); B·Bᵀ = W·Σ²·Wᵀ; the left singular vectors of A are Q·W.
    const b = transposeTimes(y);
    const bbt = new Float64Array(l * l);
    for (let p = 0; p < l; p++)
      for (let q = p; q < l; q++) {
        let s = 0;
        for (let j = 0; j < N; j++) s += b[p * N + j] * b[q * N + j];
        bbt[p * l + q] = bbt[q * l + p] = s;
      }
    const { vectors: w } = symmetricEigen(bbt, l);
    const termVectors = new Float32Array(V * k);
    for (let i = 0; i < V; i++)
      for (let d = 0; d < k; d++) {
        let s = 0;
        for (let c = 0; c < l; c++) s += y[c * V + i] * w[d * l + c];
        termVectors[i * k + d] = s;
      }
    return new CorpusEmbeddings(vocab, idf, termVectors, k);
  }

  embed(text: string): number[] {
    const k = this.dimensions;
    const v = new Float64Array(k);
    for (const [i, w] of weighted(text, this.vocab, this.idf)) for (let d = 0; d < k; d++) v[d] += w * this.termVectors[i * k + d];
    const norm = Math.sqrt(v.reduce((s, x) => s + x * x, 0));
    // A text with no known term gets a fixed unit vector: hnswlib needs a non-zero vector.
    if (!norm) return Array.from({ length: k }, (_, d) => (d === 0 ? 1 : 0));
    return Array.from(v, (x) => x / norm);
  }

  async embedDocuments(texts: string[]): Promise<number[][]> {
    return texts.map((t) => this.embed(t));
  }

  async embedQuery(text: string): Promise<number[]> {
    return this.embed(text);
  }

  /** One file beside the index version: terms, idf, then the vectors. */
  save(file: string): void {
    const terms = [...this.vocab.keys()];
    const header = Buffer.from(JSON.stringify({ dimensions: this.dimensions, terms }));
    const len = Buffer.alloc(4);
    len.writeUInt32LE(header.length);
    writeFileSync(file, Buffer.concat([len, header, Buffer.from(this.idf.buffer, this.idf.byteOffset, this.idf.byteLength), Buffer.from(this.termVectors.buffer, this.termVectors.byteOffset, this.termVectors.byteLength)]));
  }

  static load(file: string): CorpusEmbeddings {
    const buf = readFileSync(file);
    const len = buf.readUInt32LE(0);
    const { dimensions, terms } = JSON.parse(buf.subarray(4, 4 + len).toString("utf8")) as { dimensions: number; terms: string[] };
    const floats = (from: number, count: number) => new Float32Array(buf.buffer.slice(buf.byteOffset + from, buf.byteOffset + from + count * 4));
    const at = 4 + len;
    const idf = floats(at, terms.length);
    const vectors = floats(at + terms.length * 4, terms.length * dimensions);
    return new CorpusEmbeddings(new Map(terms.map((t, i) => [t, i])), idf, vectors, dimensions);
  }
}
