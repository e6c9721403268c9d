import { deflateSync } from 'node:zlib';

type Rgba = readonly [number, number, number, number];

/** ISA-101 priority colours, as the alarm indicators use them; grey when nothing stands. */
export const PRIORITY_COLOURS: Record<0 | 1 | 2 | 3 | 4, Rgba> = {
  0: [138, 146, 153, 255],
  1: [220, 38, 38, 255],
  2: [245, 124, 0, 255],
  3: [234, 179, 8, 255],
  4: [37, 99, 235, 255],
};

const BACKGROUND: Rgba = [30, 34, 38, 255];
const MACHINE: Rgba = [176, 184, 190, 255];
const CONVEYOR: Rgba = [96, 104, 112, 255];
const TWIN: Rgba = [45, 212, 191, 255];

/** A shape in the unit square: inside or not at (x, y). */
type Shape = (x: number, y: number) => boolean;

const roundRect =
  (x0: number, y0: number, x1: number, y1: number, r: number): Shape =>
  (x, y) => {
    if (x < x0 || x > x1 || y < y0 || y > y1) return false;
    const cx = Math.min(Math.max(x, x0 + r), x1 - r);
    const cy = Math.min(Math.max(y, y0 + r), y1 - r);
    return (x - cx) ** 2 + (y - cy) ** 2 <= r * r;
  };

const circle =
  (cx: number, cy: number, r: number): Shape =>
  (x, y) =>
    (x - cx) ** 2 + (y - cy) ** 2 <= r * r;

const SEGMENTS: Record<1 | 2 | 3 | 4, string> = { 1: 'bc', 2: 'abged', 3: 'abgcd', 4: 'fgbc' };

/** The priority number in the badge, as segments: the tray carries the number, not colour alone. */
function digit(n: 1 | 2 | 3 | 4, cx: number, cy: number): Shape {
  const w = 0.11;
  const h = 0.2;
  const t = 0.028;
  const [x0, x1, y0, y1, ym] = [cx - w / 2, cx + w / 2, cy - h / 2, cy + h / 2, cy];
  const bars: Record<string, Shape> = {
    a: roundRect(x0, y0, x1, y0 + t, 0),
    b: roundRect(x1 - t, y0, x1, ym, 0),
    c: roundRect(x1 - t, ym, x1, y1, 0),
    d: roundRect(x0, y1 - t, x1, y1, 0),
    e: roundRect(x0, ym, x0 + t, y1, 0),
    f: roundRect(x0, y0, x0 + t, ym, 0),
    g: roundRect(x0, ym - t / 2, x1, ym + t / 2, 0),
  };
  const on = [...SEGMENTS[n]].map((k) => bars[k]!);
  return (x, y) => on.some((s) => s(x, y));
}

/**
 * The LineTwin mark: three machines on a conveyor and their twin outline above, on the app's
 * dark background; with `badge`, a disk in that alarm priority's colour (the tray icon). The one
 * drawing every icon is made from: the installers' icons at build time, the tray at run time.
 */
export function drawIcon(size: number, badge?: 0 | 1 | 2 | 3 | 4): Buffer {
  const layers: Array<[Shape, Rgba]> = [
    [roundRect(0.04, 0.04, 0.96, 0.96, 0.2), BACKGROUND],
    [roundRect(0.12, 0.66, 0.88, 0.72, 0.02), CONVEYOR],
    ...[0.16, 0.41, 0.66].map((x): [Shape, Rgba] => [roundRect(x, 0.46, x + 0.18, 0.66, 0.03), MACHINE]),
    ...[0.16, 0.41, 0.66].map((x): [Shape, Rgba] => {
      const outer = roundRect(x, 0.2, x + 0.18, 0.38, 0.03);
      const inner = roundRect(x + 0.035, 0.235, x + 0.145, 0.345, 0.01);
      return [(px, py) => outer(px, py) && !inner(px, py), TWIN];
    }),
  ];
  if (badge !== undefined) {
    layers.push([circle(0.76, 0.76, 0.24), BACKGROUND], [circle(0.76, 0.76, 0.2), PRIORITY_COLOURS[badge]]);
    if (badge !== 0) layers.push([digit(badge, 0.76, 0.76), [255, 255, 255, 255]]);
  }
  const rgba = Buffer.alloc(size * size * 4);
  const SS = 4;
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      const acc = [0, 0, 0, 0];
      for (let sy = 0; sy < SS; sy++) {
        for (let sx = 0; sx < SS; sx++) {
          const x = (px + (sx + 0.5) / SS) / size;
          const y = (py + (sy + 0.5) / SS) / size;
          let colour: Rgba = [0, 0, 0, 0];
          for (const [shape, c] of layers) if (shape(x, y)) colour = c;
          const a = colour[3] / 255;
          acc[0]! += colour[0] * a;
          acc[1]! += colour[1] * a;
          acc[2]! += colour[2] * a;
          acc[3]! += a;
        }
      }
      const o = (py * size + px) * 4;
      const alpha = acc[3]!;
      rgba[o] = alpha ? Math.round(acc[0]! / alpha) : 0;
      rgba[o + 1] = alpha ? Math.round(acc[1]! / alpha) : 0;
      rgba[o + 2] = alpha ? Math.round(acc[2]! / alpha) : 0;
      rgba[o + 3] = Math.round((alpha / (SS * SS)) * 255);
    }
  }
  return encodePng(size, size, rgba);
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(buf: Buffer): number {
  let c = 0xffffffff;
  for (const b of buf) c = CRC_TABLE[(c ^ b) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Buffer): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'ascii');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])), 0);
  return Buffer.concat([head, data, crc]);
}

/** An 8-bit RGBA PNG (no filter), enough for icons; no image library needed. */
export function encodePng(width: number, height: number, rgba: Buffer): Buffer {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8;
  ihdr[9] = 6;
  const raw = Buffer.alloc((width * 4 + 1) * height);
  for (let y = 0; y < height; y++) rgba.copy(raw, y * (width * 4 + 1) + 1, y * width * 4, (y + 1) * width * 4);
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', ihdr), chunk('IDAT', deflateSync(raw)), chunk('IEND', Buffer.alloc(0))]);
}
