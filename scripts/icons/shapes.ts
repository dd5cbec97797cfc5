/**
 * The tray icon shapes, as coverage functions on a unit square (x, y in [-1, 1], y down), drawn with 4×4
 * supersampling. On macOS the icons are monochrome templates, so the SHAPE must tell the presence apart
 * (Busy and Do not disturb are both red elsewhere); Windows and Linux get the same shapes in colour.
 */
import type { TrayIconName } from '../../app/tray/tray-status.ts';
import type { Rgba } from './png.ts';

type Shape = (x: number, y: number) => boolean;

const disc = (r: number, cx = 0, cy = 0): Shape => (x, y) => (x - cx) ** 2 + (y - cy) ** 2 <= r * r;
const ring = (outer: number, width: number): Shape => (x, y) => {
  const d = Math.hypot(x, y);
  return d <= outer && d >= outer - width;
};
const box = (x0: number, y0: number, x1: number, y1: number): Shape => (x, y) => x >= x0 && x <= x1 && y >= y0 && y <= y1;
const roundBox = (half: number, radius: number): Shape => (x, y) => {
  const dx = Math.max(Math.abs(x) - (half - radius), 0);
  const dy = Math.max(Math.abs(y) - (half - radius), 0);
  return dx * dx + dy * dy <= radius * radius;
};
const union = (...shapes: Shape[]): Shape => (x, y) => shapes.some((s) => s(x, y));
const minus = (a: Shape, b: Shape): Shape => (x, y) => a(x, y) && !b(x, y);
const line = (x0: number, y0: number, x1: number, y1: number, w: number): Shape => (x, y) => {
  const dx = x1 - x0;
  const dy = y1 - y0;
  const t = Math.max(0, Math.min(1, ((x - x0) * dx + (y - y0) * dy) / (dx * dx + dy * dy)));
  return Math.hypot(x - (x0 + t * dx), y - (y0 + t * dy)) <= w / 2;
};
const triangle: Shape = (x, y) => y <= 0.8 && y >= -0.85 + Math.abs(x) * 1.9 - 0.05;

const R = 0.86;
const W = 0.3;

/** The shape of each icon: distinct silhouettes, so a monochrome template still tells them apart. */
export const SHAPES: Readonly<Record<TrayIconName, Shape>> = {
  available: minus(disc(R), union(line(-0.42, 0, -0.1, 0.32, 0.2), line(-0.1, 0.32, 0.45, -0.3, 0.2))), // disc with a tick
  busy: disc(R), // solid disc
  'do-not-disturb': minus(disc(R), box(-0.5, -0.13, 0.5, 0.13)), // disc with a bar cut out
  'be-right-back': union(ring(R, W), line(0, 0, 0, -0.45, 0.2), line(0, 0, 0.35, 0, 0.2)), // clock
  away: union(ring(R, W), (x, y) => x <= 0 && disc(R)(x, y)), // half-filled disc
  'appear-offline': union(ring(R, W), line(-0.35, -0.35, 0.35, 0.35, 0.22), line(-0.35, 0.35, 0.35, -0.35, 0.22)), // ring with an X
  unknown: union(ring(R, 0.2), disc(0.2)), // ring with a dot
  'signed-out': minus(roundBox(0.8, 0.2), roundBox(0.52, 0.1)), // hollow square
  offline: union(line(-0.8, 0.8, 0.8, -0.8, 0.24), minus(ring(R, W), box(-1, -1, 0, 0))), // crossed-out half ring
  error: minus(triangle, union(box(-0.09, -0.3, 0.09, 0.3), disc(0.1, 0, 0.52))), // warning triangle
};

// The demo badge: a square in the bottom-right corner with a clear margin around it.
const DEMO_BADGE = box(0.35, 0.35, 1, 1);
const DEMO_MARGIN = box(0.15, 0.15, 1, 1);

/** Colours of the coloured (Windows/Linux) icons: presence colours from app/presence, greys for conditions. */
export const DEMO_COLOR = '#8764b8';

function rgb(hex: string): [number, number, number] {
  const n = Number.parseInt(hex.slice(1), 16);
  return [(n >> 16) & 255, (n >> 8) & 255, n & 255];
}

/** Draw one icon at `size` px: the shape in `color` (black for templates), with the demo badge if asked. */
export function drawIcon(name: TrayIconName, size: number, color: string, demo: boolean): Rgba {
  const data = new Uint8Array(size * size * 4);
  const [r, g, b] = rgb(color);
  const [dr, dg, db] = color === '#000000' ? [0, 0, 0] : rgb(DEMO_COLOR);
  const shape = SHAPES[name];
  const S = 4;
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      let body = 0;
      let badge = 0;
      for (let sy = 0; sy < S; sy++) {
        for (let sx = 0; sx < S; sx++) {
          const x = ((px + (sx + 0.5) / S) / size) * 2 - 1;
          const y = ((py + (sy + 0.5) / S) / size) * 2 - 1;
          if (demo && DEMO_BADGE(x, y)) badge++;
          else if (shape(x, y) && !(demo && DEMO_MARGIN(x, y))) body++;
        }
      }
      const i = (py * size + px) * 4;
      const useBadge = badge > 0;
      const cover = (useBadge ? badge + body : body) / (S * S);
      data[i] = useBadge ? dr : r;
      data[i + 1] = useBadge ? dg : g;
      data[i + 2] = useBadge ? db : b;
      data[i + 3] = Math.round(cover * 255);
    }
  }
  return { width: size, height: size, data };
}
