/** Approximate nearest-neighbour search over unit embeddings (hnswlib, cosine). */
import hnswlib from "hnswlib-node";

const { HierarchicalNSW } = hnswlib;
type Hnsw = InstanceType<typeof HierarchicalNSW>;

export interface VectorHit {
  /** Position of the vector in the order vectors were added. */
  row: number;
  /** Cosine similarity in [-1, 1]. */
  similarity: number;
}

export class VectorIndex {
  private constructor(private readonly hnsw: Hnsw, readonly dimensions: number) {}

  static build(vectors: number[][], dimensions: number): VectorIndex {
    const hnsw = new HierarchicalNSW("cosine", dimensions);
    hnsw.initIndex({ maxElements: Math.max(1, vectors.length), m: 16, efConstruction: 100, randomSeed: 42 });
    vectors.forEach((v, i) => hnsw.addPoint(v, i));
    return new VectorIndex(hnsw, dimensions);
  }

  static load(file: string, dimensions: number): VectorIndex {
    const hnsw = new HierarchicalNSW("cosine", dimensions);
    hnsw.readIndexSync(file);
    return new VectorIndex(hnsw, dimensions);
  }

  save(file: string): void {
    this.hnsw.writeIndexSync(file);
  }

  get size(): number {
    return this.hnsw.getCurrentCount();
  }

  search(query: number[], k: number, filter?: (row: number) => boolean): VectorHit[] {
    const n = Math.min(k, this.size);
    if (n === 0) return [];
    this.hnsw.setEf(Math.max(64, n * 2));
    const { neighbors, distances } = this.hnsw.searchKnn(query, n, filter);
    return neighbors.map((row, i) => ({ row, similarity: 1 - distances[i] }));
  }
}
