/**
 * The default embedder: needs no weights and no network. Feature hashing of folded syllables,
 * syllable pairs and character trigrams into a fixed-size, L2-normalised vector with sublinear tf.
 * It is a LangChain `Embeddings`, so an OpenAI-compatible model drops in by configuration.
 * It captures spelling-level similarity (typos, missing tone marks), not meaning.
 */
import { Embeddings } from "@langchain/core/embeddings";
import { foldDiacritics } from "../../text/normalize.js";
import { syllableRuns } from "../../text/tokenize.js";
import { hashPair } from "../term-table.js";

export class HashingEmbeddings extends Embeddings {
  constructor(readonly dimensions = 384) {
    super({});
  }

  /** Recorded with the index: vectors from different embedders must never be mixed. */
  get id(): string {
    return `hashing-v1-${this.dimensions}`;
  }

  embed(text: string): number[] {
    const counts = new Map<number, number>();
    const add = (feature: string, weight: number) => {
      const [h, sign] = hashPair(feature);
      const slot = h % this.dimensions;
      counts.set(slot, (counts.get(slot) ?? 0) + (sign & 2 ? weight : -weight));
    };
    for (const run of syllableRuns(text)) {
      const folded = run.map(foldDiacritics);
      folded.forEach((s, i) => {
        add(s, 1);
        if (i + 1 < folded.length) add(s + " " + folded[i + 1], 1);
        const padded = ` ${s} `;
        for (let j = 0; j + 3 <= padded.length; j++) add("#" + padded.slice(j, j + 3), 0.3);
      });
    }
    const v = new Array<number>(this.dimensions).fill(0);
    let norm = 0;
    for (const [slot, c] of counts) {
      const x = Math.sign(c) * Math.log1p(Math.abs(c));
      v[slot] = x;
      norm += x * x;
    }
    norm = Math.sqrt(norm) || 1;
    return v.map((x) => x / norm);
  }

  async embedDocuments(texts: string[]): Promise<number[][]> {
    return texts.map((t) => this.embed(t));
  }

  async embedQuery(text: string): Promise<number[]> {
    return this.embed(text);
  }
}
