import { inflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { TRAY_ICONS } from '../../app/tray/tray-status.ts';
import { renderIcons, staleIcons } from '../../scripts/make-icons.ts';

/** Decode our own PNGs (RGBA, filter 0) back to pixels, reading the chunks as any decoder would. */
function decode(png: Buffer): { width: number; height: number; pixels: Buffer } {
  expect(png.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
  let offset = 8;
  let width = 0;
  let height = 0;
  const idat: Buffer[] = [];
  while (offset < png.length) {
    const length = png.readUInt32BE(offset);
    const type = png.toString('ascii', offset + 4, offset + 8);
    const body = png.subarray(offset + 8, offset + 8 + length);
    if (type === 'IHDR') [width, height] = [body.readUInt32BE(0), body.readUInt32BE(4)];
    if (type === 'IDAT') idat.push(body);
    offset += 12 + length;
  }
  const raw = inflateSync(Buffer.concat(idat));
  expect(raw.length).toBe((width * 4 + 1) * height);
  return { width, height, pixels: raw };
}

describe('icons', () => {
  const files = renderIcons();

  it('the committed icons are exactly what scripts/make-icons.ts draws', () => {
    expect(staleIcons()).toEqual([]);
  });

  it('has every state in every form: 16/32 px colour, .ico, and macOS templates, plain and demo', () => {
    for (const name of TRAY_ICONS) {
      for (const suffix of ['', '-demo']) {
        for (const form of ['.png', '@2x.png', '.ico', 'Template.png', 'Template@2x.png']) {
          expect(files.has(`assets/tray/${name}${suffix}${form}`), `${name}${suffix}${form}`).toBe(true);
        }
      }
    }
    expect(decode(files.get('assets/tray/busy.png') as Buffer)).toMatchObject({ width: 16, height: 16 });
    expect(decode(files.get('assets/tray/busy@2x.png') as Buffer)).toMatchObject({ width: 32, height: 32 });
    expect(decode(files.get('build/icon.png') as Buffer)).toMatchObject({ width: 512, height: 512 });
  });

  it('.ico files hold PNG images of the sizes they announce', () => {
    const ico = files.get('build/icon.ico') as Buffer;
    expect(ico.readUInt16LE(2)).toBe(1);
    const count = ico.readUInt16LE(4);
    const sizes = Array.from({ length: count }, (_, i) => ico[6 + i * 16] || 256);
    expect(sizes).toEqual([16, 32, 48, 256]);
    const offset = ico.readUInt32LE(6 + 12);
    expect(ico.subarray(offset + 1, offset + 4).toString('ascii')).toBe('PNG');
  });

  it('macOS templates are black with alpha only, and their shapes alone tell every state apart at 16 px', () => {
    const seen = new Set<string>();
    for (const name of TRAY_ICONS) {
      const { pixels } = decode(files.get(`assets/tray/${name}Template.png`) as Buffer);
      const alpha: number[] = [];
      for (let row = 0; row < 16; row++) {
        for (let x = 0; x < 16; x++) {
          const i = row * 65 + 1 + x * 4;
          expect([pixels[i], pixels[i + 1], pixels[i + 2]]).toEqual([0, 0, 0]);
          alpha.push(pixels[i + 3] as number);
        }
      }
      // Compare silhouettes at a coarse threshold, so near-identical shapes would count as the same.
      const silhouette = alpha.map((a) => (a > 127 ? 1 : 0)).join('');
      expect(seen.has(silhouette), `${name} looks like another state`).toBe(false);
      seen.add(silhouette);
    }
  });
});
