import { PNG } from 'pngjs';

/**
 * A tiny anti-aliased rasteriser for the app icons: shapes are signed distance functions
 * (negative inside), a picture is a function from a point to a colour, and each pixel averages
 * a grid of samples. Enough for two speech bubbles; no drawing library needed.
 */
export interface Rgba {
  readonly r: number;
  readonly g: number;
  readonly b: number;
  /** 0 (transparent) to 1 (opaque). */
  readonly a: number;
}

export type Point = readonly [number, number];
export type Picture = (x: number, y: number) => Rgba;
export type Distance = (x: number, y: number) => number;

export const TRANSPARENT: Rgba = { r: 0, g: 0, b: 0, a: 0 };

export function hexColor(hex: string): Rgba {
  const match = /^#([0-9a-fA-F]{2})([0-9a-fA-F]{2})([0-9a-fA-F]{2})$/.exec(hex);
  if (!match) throw new Error(`not a #rrggbb colour: ${hex}`);
  return { r: parseInt(match[1] ?? '0', 16), g: parseInt(match[2] ?? '0', 16), b: parseInt(match[3] ?? '0', 16), a: 1 };
}

export function roundedRect(left: number, top: number, right: number, bottom: number, radius: number): Distance {
  const cx = (left + right) / 2;
  const cy = (top + bottom) / 2;
  const hw = (right - left) / 2 - radius;
  const hh = (bottom - top) / 2 - radius;
  return (x, y) => {
    const qx = Math.abs(x - cx) - hw;
    const qy = Math.abs(y - cy) - hh;
    return Math.hypot(Math.max(qx, 0), Math.max(qy, 0)) + Math.min(Math.max(qx, qy), 0) - radius;
  };
}

export function circle(cx: number, cy: number, radius: number): Distance {
  return (x, y) => Math.hypot(x - cx, y - cy) - radius;
}

export function triangle(a: Point, b: Point, c: Point): Distance {
  return (x, y) => {
    const distance = Math.min(segmentDistance(x, y, a, b), segmentDistance(x, y, b, c), segmentDistance(x, y, c, a));
    const s1 = side(x, y, a, b);
    const s2 = side(x, y, b, c);
    const s3 = side(x, y, c, a);
    const inside = (s1 >= 0 && s2 >= 0 && s3 >= 0) || (s1 <= 0 && s2 <= 0 && s3 <= 0);
    return inside ? -distance : distance;
  };
}

/** Which side of the line p→q the point lies on (the sign of the cross product). */
function side(x: number, y: number, p: Point, q: Point): number {
  return (q[0] - p[0]) * (y - p[1]) - (q[1] - p[1]) * (x - p[0]);
}

function segmentDistance(x: number, y: number, p: Point, q: Point): number {
  const dx = q[0] - p[0];
  const dy = q[1] - p[1];
  const t = Math.max(0, Math.min(1, ((x - p[0]) * dx + (y - p[1]) * dy) / (dx * dx + dy * dy)));
  return Math.hypot(x - (p[0] + t * dx), y - (p[1] + t * dy));
}

export function union(...shapes: Distance[]): Distance {
  return (x, y) => {
    let distance = Infinity;
    for (const shape of shapes) distance = Math.min(distance, shape(x, y));
    return distance;
  };
}

/** Renders a picture to a PNG, averaging `samples`×`samples` points per pixel. */
export function renderPng(size: number, picture: Picture, samples = 4): Buffer {
  const png = new PNG({ width: size, height: size });
  for (let py = 0; py < size; py += 1) {
    for (let px = 0; px < size; px += 1) {
      let r = 0;
      let g = 0;
      let b = 0;
      let a = 0;
      for (let sy = 0; sy < samples; sy += 1) {
        for (let sx = 0; sx < samples; sx += 1) {
          const c = picture(px + (sx + 0.5) / samples, py + (sy + 0.5) / samples);
          // Premultiplied, so transparent samples do not darken edges.
          r += c.r * c.a;
          g += c.g * c.a;
          b += c.b * c.a;
          a += c.a;
        }
      }
      const offset = (py * size + px) * 4;
      png.data[offset] = a === 0 ? 0 : Math.round(r / a);
      png.data[offset + 1] = a === 0 ? 0 : Math.round(g / a);
      png.data[offset + 2] = a === 0 ? 0 : Math.round(b / a);
      png.data[offset + 3] = Math.round((a / (samples * samples)) * 255);
    }
  }
  return PNG.sync.write(png);
}
