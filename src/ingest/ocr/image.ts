/**
 * Page pixels → what the recogniser reads best. Coloured ink (a red or blue seal, a signature) is
 * dropped by keeping each pixel's brightest channel: black print stays dark in every channel, a
 * red stamp is bright in red. A 3×3 median then removes photocopy speckle that tesseract would
 * otherwise read as stray commas and quotes. Output is a PGM: no encoding cost, and leptonica reads it.
 */

/** Greyscale of RGBA pixels, each pixel its brightest channel. */
export function inkGrey(rgba: Uint8ClampedArray | Uint8Array, width: number, height: number): Uint8Array {
  const out = new Uint8Array(width * height);
  for (let i = 0, j = 0; j < out.length; i += 4, j++) {
    const r = rgba[i];
    const g = rgba[i + 1];
    const b = rgba[i + 2];
    out[j] = r > g ? (r > b ? r : b) : g > b ? g : b;
  }
  return out;
}

/** 3×3 median filter (borders copied). */
export function median3(src: Uint8Array, width: number, height: number): Uint8Array {
  const out = new Uint8Array(src);
  const v = new Int32Array(9);
  const swap = (a: number, b: number): void => {
    if (v[a] > v[b]) {
      const t = v[a];
      v[a] = v[b];
      v[b] = t;
    }
  };
  for (let y = 1; y < height - 1; y++) {
    for (let x = 1; x < width - 1; x++) {
      const c = y * width + x;
      // Plain white neighbourhoods are most of a page: skip the sort there.
      const up = c - width;
      const down = c + width;
      if ((src[up - 1] & src[up] & src[up + 1] & src[c - 1] & src[c] & src[c + 1] & src[down - 1] & src[down] & src[down + 1]) === 255) continue;
      v[0] = src[up - 1]; v[1] = src[up]; v[2] = src[up + 1];
      v[3] = src[c - 1]; v[4] = src[c]; v[5] = src[c + 1];
      v[6] = src[down - 1]; v[7] = src[down]; v[8] = src[down + 1];
      // Paeth's 19-exchange median network.
      swap(1, 2); swap(4, 5); swap(7, 8); swap(0, 1); swap(3, 4); swap(6, 7); swap(1, 2); swap(4, 5); swap(7, 8);
      swap(0, 3); swap(5, 8); swap(4, 7); swap(3, 6); swap(1, 4); swap(2, 5); swap(4, 7); swap(4, 2); swap(6, 4); swap(4, 2);
      out[c] = v[4];
    }
  }
  return out;
}

/** Binary PGM (P5) of greyscale pixels. */
export function pgm(grey: Uint8Array, width: number, height: number): Uint8Array {
  const head = Buffer.from(`P5\n${width} ${height}\n255\n`, "ascii");
  const out = new Uint8Array(head.length + grey.length);
  out.set(head);
  out.set(grey, head.length);
  return out;
}
