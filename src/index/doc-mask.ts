/**
 * Masks of the rows (blocks or passages) of some documents, for a search restricted to the
 * documents a question names. The rows are grouped by document once, so a mask costs the rows of
 * the named documents, not a pass over the whole corpus per search.
 */
export class DocRows {
  /** Row numbers grouped by document; those of document d are rows[starts[d]] … rows[starts[d + 1] - 1]. */
  private readonly rows: Uint32Array;
  private readonly starts: Uint32Array;

  constructor(rowDocs: ArrayLike<{ doc: number }>, docCount: number) {
    this.starts = new Uint32Array(docCount + 2);
    for (let r = 0; r < rowDocs.length; r++) this.starts[rowDocs[r].doc + 2]++;
    for (let d = 2; d < this.starts.length; d++) this.starts[d] += this.starts[d - 1];
    this.rows = new Uint32Array(rowDocs.length);
    for (let r = 0; r < rowDocs.length; r++) this.rows[this.starts[rowDocs[r].doc + 1]++] = r;
  }

  /** 1 for each row of the given documents, 0 elsewhere. */
  mask(docs: Set<number>): Uint8Array {
    const mask = new Uint8Array(this.rows.length);
    for (const d of docs) {
      if (d < 0 || d + 1 >= this.starts.length) continue;
      for (let i = this.starts[d]; i < this.starts[d + 1]; i++) mask[this.rows[i]] = 1;
    }
    return mask;
  }
}
