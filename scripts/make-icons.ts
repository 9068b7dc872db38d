/**
 * Draws the "IPB for Excel" logo (three ascending bars in deep blue with a gold star above the
 * tallest one) pixel by pixel and writes it as PNG files icon-16/32/64/80/128.png.
 *
 * No dependency beyond Node: the PNG encoder (signature, IHDR, IDAT, IEND chunks, CRC-32) is below
 * and the image data is compressed with node:zlib. The geometry is hard-edged (no anti-aliasing):
 * bars are snapped to whole pixels and a pixel belongs to the star when its centre lies inside the
 * star polygon, so every size stays crisp and the output is deterministic.
 *
 * Usage (ts-node is not installed; compile first):
 *   npx tsc --outDir /tmp/icons --module commonjs --target es2020 --types node --esModuleInterop scripts/make-icons.ts
 *   node /tmp/icons/make-icons.js [outDir]        (outDir defaults to ./assets)
 */
import * as fs from 'fs';
import * as path from 'path';
import * as zlib from 'zlib';

type Rgba = readonly [number, number, number, number];

const BLUE: Rgba = [0x1f, 0x4e, 0x79, 0xff]; // #1F4E79
const GOLD: Rgba = [0xf2, 0xb1, 0x34, 0xff]; // #F2B134
const TRANSPARENT: Rgba = [0, 0, 0, 0];

export const ICON_SIZES = [16, 32, 64, 80, 128] as const;

/** An RGBA raster, row-major, 4 bytes per pixel. */
export interface Raster {
  width: number;
  height: number;
  data: Uint8Array;
}

// ---------------------------------------------------------------------------------------------
// PNG encoding
// ---------------------------------------------------------------------------------------------

const CRC_TABLE: Uint32Array = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

/** CRC-32 (ISO 3309 / ITU-T V.42, as required by the PNG specification). */
export function crc32(bytes: Uint8Array): number {
  let c = 0xffffffff;
  for (let i = 0; i < bytes.length; i++) c = CRC_TABLE[(c ^ bytes[i]) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type: string, payload: Uint8Array): Buffer {
  const typeAndData = Buffer.concat([Buffer.from(type, 'ascii'), Buffer.from(payload)]);
  const out = Buffer.alloc(12 + payload.length);
  out.writeUInt32BE(payload.length, 0);
  typeAndData.copy(out, 4);
  out.writeUInt32BE(crc32(typeAndData), 8 + payload.length);
  return out;
}

/** Encodes an RGBA raster as a truecolour-with-alpha, 8-bit, non-interlaced PNG. */
export function encodePng(img: Raster): Buffer {
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(img.width, 0);
  ihdr.writeUInt32BE(img.height, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 6; // colour type: RGBA
  ihdr[10] = 0; // compression: deflate
  ihdr[11] = 0; // filter method 0
  ihdr[12] = 0; // no interlace
  const stride = img.width * 4;
  const raw = Buffer.alloc((stride + 1) * img.height);
  for (let y = 0; y < img.height; y++) {
    raw[y * (stride + 1)] = 0; // filter type None
    Buffer.from(img.data.buffer, img.data.byteOffset + y * stride, stride).copy(raw, y * (stride + 1) + 1);
  }
  const idat = zlib.deflateSync(raw, { level: 9 });
  return Buffer.concat([signature, chunk('IHDR', ihdr), chunk('IDAT', idat), chunk('IEND', new Uint8Array(0))]);
}

// ---------------------------------------------------------------------------------------------
// Drawing
// ---------------------------------------------------------------------------------------------

function createRaster(size: number): Raster {
  return { width: size, height: size, data: new Uint8Array(size * size * 4) };
}

function setPixel(img: Raster, x: number, y: number, c: Rgba): void {
  if (x < 0 || y < 0 || x >= img.width || y >= img.height) return;
  img.data.set(c, (y * img.width + x) * 4);
}

/** Fills whole pixels [x0, x1) × [y0, y1). */
function fillRect(img: Raster, x0: number, y0: number, x1: number, y1: number, c: Rgba): void {
  for (let y = y0; y < y1; y++) for (let x = x0; x < x1; x++) setPixel(img, x, y, c);
}

type Point = readonly [number, number];

/** Even-odd point-in-polygon test. */
function inside(p: Point, poly: readonly Point[]): boolean {
  let hit = false;
  for (let i = 0, j = poly.length - 1; i < poly.length; j = i++) {
    const [xi, yi] = poly[i];
    const [xj, yj] = poly[j];
    if (yi > p[1] !== yj > p[1] && p[0] < ((xj - xi) * (p[1] - yi)) / (yj - yi) + xi) hit = !hit;
  }
  return hit;
}

/** Five-pointed star, one point straight up, centred at (cx, cy). */
function starPolygon(cx: number, cy: number, outer: number, inner: number): Point[] {
  const pts: Point[] = [];
  for (let i = 0; i < 10; i++) {
    const r = i % 2 === 0 ? outer : inner;
    const a = -Math.PI / 2 + (i * Math.PI) / 5;
    pts.push([cx + r * Math.cos(a), cy + r * Math.sin(a)]);
  }
  return pts;
}

/** Fills every pixel whose centre lies inside the polygon. */
function fillPolygon(img: Raster, poly: readonly Point[], c: Rgba): void {
  for (let y = 0; y < img.height; y++) {
    for (let x = 0; x < img.width; x++) if (inside([x + 0.5, y + 0.5], poly)) setPixel(img, x, y, c);
  }
}

/** A 7×7 star for the 16 px icon ('#' = gold). */
// prettier-ignore
const STAR_SPRITE: readonly string[] = [
  '...#...',
  '..###..',
  '#######',
  '.#####.',
  '..###..',
  '.##.##.',
  '.#...#.',
];

/**
 * The logo on a `size`×`size` canvas. Layout in unit coordinates (0…1), snapped to pixels: a gold
 * star in the top-right corner and, below it, three blue bars of equal width rising left to right on
 * a common baseline; the tallest bar stops one gap below the star's lowest points.
 */
export function drawLogo(size: number): Raster {
  const img = createRaster(size);
  fillRect(img, 0, 0, size, size, TRANSPARENT);
  const px = (u: number): number => Math.round(u * size);

  const margin = Math.max(1, px(0.05));
  const gap = Math.max(1, px(0.07));
  const baseline = size - margin;
  const barWidth = Math.floor((size - 2 * margin - 2 * gap) / 3);
  // Leftover pixels go into the side margins so that the group stays centred.
  const left = Math.floor((size - (3 * barWidth + 2 * gap)) / 2);
  const barX = [0, 1, 2].map((i) => left + i * (barWidth + gap));

  // Star, centred horizontally on the third bar but kept inside the canvas. Below 24 px a
  // polygon sampled at pixel centres no longer reads as a star, so a hand-made 7×7 sprite is used.
  const barCentre = barX[2] + barWidth / 2;
  let starBottom: number;
  if (size < 24) {
    const x0 = Math.min(size - STAR_SPRITE[0].length, Math.round(barCentre - STAR_SPRITE[0].length / 2));
    STAR_SPRITE.forEach((row, y) => {
      for (let x = 0; x < row.length; x++) if (row[x] === '#') setPixel(img, x0 + x, y, GOLD);
    });
    starBottom = STAR_SPRITE.length;
  } else {
    // Outer radius R, one point up; the star is R·(1 + cos 36°) ≈ 1.809·R tall. The centre is
    // snapped to a half pixel so that the sampled star is mirror-symmetric.
    const outer = size * 0.22;
    const cy = Math.round(2 * (size * 0.02 + outer)) / 2;
    const cx = Math.floor(2 * Math.min(size - outer * 0.951, barCentre)) / 2;
    fillPolygon(img, starPolygon(cx, cy, outer, outer * 0.45), GOLD);
    starBottom = Math.ceil(cy + outer * Math.cos(Math.PI / 5));
  }

  const tallest = baseline - (starBottom + gap);
  const heights = [0.5, 0.75, 1].map((f) => Math.max(2, Math.round(tallest * f)));
  heights.forEach((h, i) => fillRect(img, barX[i], baseline - h, barX[i] + barWidth, baseline, BLUE));
  return img;
}

export function writeIcons(outDir: string): string[] {
  fs.mkdirSync(outDir, { recursive: true });
  return ICON_SIZES.map((size) => {
    const file = path.join(outDir, `icon-${size}.png`);
    fs.writeFileSync(file, encodePng(drawLogo(size)));
    return file;
  });
}

if (require.main === module) {
  const outDir = path.resolve(process.argv[2] ?? path.join(process.cwd(), 'assets'));
  for (const file of writeIcons(outDir)) console.log(`wrote ${file}`);
}
