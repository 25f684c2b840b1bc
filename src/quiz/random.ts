/** Seeded randomness, so a quiz can be regenerated exactly from its seed. */

export type Rng = () => number;

/** mulberry32 over an FNV-1a hash of the seed: small, fast, and stable across platforms. */
export function rng(seed: number | string): Rng {
  let h = 0x811c9dc5;
  for (const ch of String(seed)) h = Math.imul(h ^ ch.codePointAt(0)!, 0x01000193);
  let a = h >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function shuffle<T>(items: readonly T[], r: Rng): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(r() * (i + 1));
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

/** n positions in 0..k-1, each used equally often (±1), in random order: the correct option's place. */
export function balanced(n: number, k: number, r: Rng): number[] {
  const base = shuffle(Array.from({ length: k }, (_, i) => i), r);
  return shuffle(Array.from({ length: n }, (_, i) => base[i % k]), r);
}
