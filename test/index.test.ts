import { describe, expect, it } from "vitest";
import { coverage, LexicalIndexBuilder, loadLexical, saveLexical } from "../src/index/lexical.js";
import { hashPair, TermTable } from "../src/index/term-table.js";
import { HashingEmbeddings } from "../src/index/embeddings/hashing.js";
import { VectorIndex } from "../src/index/vector.js";
import { tokenize } from "../src/text/tokenize.js";
import { tempDir } from "./helpers/files.js";
import path from "node:path";

const TEXTS = [
  { title: "Phạm vi điều chỉnh", body: "Nghị định này quy định việc quản lý vườn ươm cây giống." },
  { title: "Trách nhiệm", body: "Thủ trưởng đơn vị bố trí kinh phí chăm sóc vườn ươm hằng năm." },
  { title: "Xử lý vi phạm", body: "Người làm chết cây giống do không tưới nước thì bị nhắc nhở. Cán bộ vi phạm bị kỷ luật." },
  { title: "Căn cứ", body: "Cấn trừ công nợ và căn cứ pháp lý của việc thanh toán." },
];

function build() {
  const b = new LexicalIndexBuilder();
  for (const t of TEXTS) b.add(t);
  return b.build();
}

describe("term table", () => {
  it("finds every stored term and no absent one", () => {
    const terms = Array.from({ length: 5000 }, (_, i) => `term ${i}`);
    const table = TermTable.create(terms.length);
    terms.forEach((t, i) => table.set(t, i, i + 1));
    for (const [i, t] of terms.entries()) expect(table.get(t)).toEqual([i, i + 1]);
    expect(table.get("absent")).toBeUndefined();
  });

  it("hashes to unsigned 32-bit pairs", () => {
    for (const t of ["a", "cán bộ", "~đảng viên", "#x"]) {
      const [hi, lo] = hashPair(t);
      expect(hi).toBeGreaterThanOrEqual(0);
      expect(lo).toBeGreaterThan(0);
      expect(lo).toBeLessThan(2 ** 32);
    }
  });

  it("hashes a pair given in parts as the joined string", () => {
    expect(hashPair("cán", "#~", "bộ")).toEqual(hashPair("cán bộ", "#~"));
    expect(hashPair("vườn", "", "ươm")).toEqual(hashPair("vườn ươm"));
    expect(hashPair("vườn", "", "ươm")).not.toEqual(hashPair("vườnươm"));
  });
});

describe("lexical index", () => {
  it("ranks the unit that shares the rarest words first, with or without tone marks", () => {
    const index = build();
    expect(index.search("kinh phí chăm sóc vườn ươm")[0].row).toBe(1);
    expect(index.search("kinh phi cham soc vuon uom")[0].row).toBe(1);
    expect(index.search("tưới nước")[0].row).toBe(2);
  });

  it("uses tone marks to tell words apart when the user typed them", () => {
    const index = build();
    // "cán bộ" is in unit 2; "cấn"/"căn" in unit 3 fold to the same "can".
    expect(index.search("cán bộ")[0].row).toBe(2);
    const folded = index.search("can").map((h) => h.row).sort();
    expect(folded).toEqual([2, 3]);
  });

  it("trusts the folded form for an accented word the corpus never uses", () => {
    const index = build();
    // "vườn ưom" (typo) still finds the nursery units.
    expect(index.search("kinh phí vườn ưom")[0].row).toBe(1);
  });

  it("restricts to a mask", () => {
    const index = build();
    const mask = Uint8Array.from([0, 0, 1, 0]);
    expect(index.search("cây giống", { mask }).map((h) => h.row)).toEqual([2]);
    expect(index.search("cây giống").map((h) => h.row).sort()).toEqual([0, 2]);
  });

  it("measures how much of the question a unit covers", () => {
    const index = build();
    const cov = coverage(index, "kinh phí chăm sóc vườn ươm là bao nhiêu?");
    expect(cov(1).all).toBeGreaterThan(0.9);
    expect(cov(3).all).toBeLessThan(0.2);
    expect(coverage(index, "giá vàng hôm nay")(0).all).toBeLessThan(0.2);
  });

  it("counts a question's two-syllable words apart from its syllables", () => {
    const b = new LexicalIndexBuilder();
    b.add({ title: "", body: "Người thuê nhà phải trả tiền đúng hạn; chủ nhà sửa chữa mái che." });
    b.add({ title: "", body: "Chủ thuê kho phải sửa mái nhà kho." });
    for (const t of TEXTS) b.add(t);
    const index = b.build();
    // Every syllable of the question is in unit 0, none of the words the corpus writes ("chủ
    // thuê", "mái nhà", in unit 1): sounds shared, not words.
    const cov = coverage(index, "chủ thuê mái nhà?");
    expect(cov(0).all).toBeGreaterThan(0.5);
    expect(cov(0).words).toBe(0);
    expect(cov(1).words).toBe(1);
    expect(coverage(index, "người thuê nhà phải trả tiền thế nào?")(0).words).toBe(1);
    // A pair no unit uses ("nhà tiền") is no evidence either way…
    const unknown = coverage(index, "nhà tiền chủ hạn")(0);
    expect(unknown.words).toBe(unknown.all);
    // … unless an expansion stands for it: then it is found or missed through the expansion.
    const standsFor = { text: "mái nhà", weight: 1, covers: ["nha", "tien"] };
    expect(coverage(index, "nhà tiền chủ hạn", [standsFor])(1).words).toBeGreaterThan(0);
    expect(coverage(index, "nhà tiền chủ hạn", [standsFor])(0).words).toBe(0);
  });

  it("round-trips through files", () => {
    const index = build();
    const dir = tempDir();
    saveLexical(index, dir, "t");
    const loaded = loadLexical(dir, "t");
    for (const q of ["vườn ươm", "can bo", "tưới nước"]) expect(loaded.search(q)).toEqual(index.search(q));
  });
});

describe("lexical index build", () => {
  /** Each term's postings as the index holds them: unit → tf. */
  function postingsOf(index: ReturnType<typeof build>, term: string): Map<number, number> {
    const out = new Map<number, number>();
    const range = index.arrays.table.get(term);
    if (range) for (let p = range[0]; p < range[0] + range[1]; p++) out.set(index.arrays.units[p], index.arrays.tfs[p]);
    return out;
  }

  it("stores exactly the tokenizer's terms with their counts, across chunks of the postings log and past empty units", () => {
    // Invented text: ~1.2 million postings (more than one chunk of the log), some units empty,
    // one word repeated past the one-byte tf, accents, a document number and punctuation.
    let seed = 7;
    const next = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31);
    const words = ["vườn", "ươm", "cây", "giống", "cán", "bộ", "căn", "cứ", "73/2023/NĐ-CP"];
    const bodies = Array.from({ length: 4000 }, (_, u) => {
      if (u % 500 === 7) return "";
      if (u === 11) return Array(300).fill("tưới").join(" ");
      return Array.from({ length: 120 }, (_, i) => (i % 17 === 16 ? "." : words[next() % words.length] + (next() % 20))).join(" ");
    });
    const b = new LexicalIndexBuilder();
    bodies.forEach((body, u) => expect(b.add({ title: u % 3 ? "" : "Điều " + u, body })).toBe(u));
    const index = b.build();
    expect(index.arrays.units.length).toBeGreaterThan(1 << 20);
    const expected = new Map<string, Map<number, number>>();
    const count = (term: string, u: number) => {
      const m = expected.get(term) ?? expected.set(term, new Map()).get(term)!;
      m.set(u, (m.get(u) ?? 0) + 1);
    };
    bodies.forEach((body, u) => {
      const { folded, accented } = tokenize(body);
      folded.forEach((t, i) => {
        count(t, u);
        count("~" + accented[i], u);
      });
      if (u % 3 === 0) {
        const title = tokenize("Điều " + u);
        title.folded.forEach((t, i) => {
          count("#" + t, u);
          count("#~" + title.accented[i], u);
        });
      }
    });
    const wrong = [...expected].filter(([term, units]) => {
      const got = postingsOf(index, term);
      return got.size !== units.size || [...units].some(([u, tf]) => got.get(u) !== Math.min(tf, 255));
    });
    expect(wrong.map(([term]) => term)).toEqual([]);
    expect(postingsOf(index, "tưới").get(11)).toBeUndefined(); // accented forms only under "~"
    expect(postingsOf(index, "~tưới").get(11)).toBe(255);
    expect(index.arrays.bodyLengths[11]).toBe(300);
    expect(index.arrays.bodyLengths[7]).toBe(0);
    // Every posting belongs to one expected term: nothing stored beyond the tokenizer's terms.
    const total = [...expected.values()].reduce((s, m) => s + m.size, 0);
    expect(index.arrays.units.length).toBe(total);
  });
});

describe("vector index with the hashing embedder", () => {
  it("finds near spellings and persists", async () => {
    const emb = new HashingEmbeddings(128);
    const vectors = await emb.embedDocuments(TEXTS.map((t) => t.body));
    const index = VectorIndex.build(vectors, 128);
    const q = await emb.embedQuery("vuon uom cay giong");
    expect(index.search(q, 1)[0].row).toBe(0);
    const file = path.join(tempDir(), "v.hnsw");
    index.save(file);
    expect(VectorIndex.load(file, 128).search(q, 2)).toEqual(index.search(q, 2));
    const norm = Math.hypot(...vectors[0]);
    expect(norm).toBeCloseTo(1, 5);
  });
});
