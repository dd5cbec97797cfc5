/**
 * `node scripts/make-icons.ts` writes every icon the app uses; `--check` only verifies that the committed
 * files match what this script draws (run by the tests, so an edited shape without regenerated files fails).
 *
 * - `assets/tray/<state>[-demo].png` and `@2x`: coloured, for Linux (and Windows fallbacks);
 *   `assets/tray/<state>[-demo].ico`: 16 + 32 px for Windows; `<state>[-demo]Template.png` and `@2x`:
 *   monochrome macOS template images (Electron picks `Template` files up as templates by name).
 * - `build/icon.png` (512 px, macOS and Linux packages) and `build/icon.ico` (Windows installer and exe).
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PRESENCES } from '../app/presence/index.ts';
import { TRAY_ICONS, type TrayIconName } from '../app/tray/tray-status.ts';
import { encodeIco, encodePng } from './icons/png.ts';
import { drawIcon } from './icons/shapes.ts';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');

/** Colour of each coloured tray icon: the presence palette, greys and red for the app's own conditions. */
export const ICON_COLORS: Readonly<Record<TrayIconName, string>> = {
  available: PRESENCES.Available.color,
  busy: PRESENCES.Busy.color,
  'do-not-disturb': PRESENCES.DoNotDisturb.color,
  'be-right-back': PRESENCES.BeRightBack.color,
  away: PRESENCES.Away.color,
  'appear-offline': PRESENCES.Offline.color,
  unknown: '#8a8886',
  'signed-out': '#8a8886',
  offline: '#605e5c',
  error: '#d13438',
};

const APP_COLOR = '#5b5fc7'; // Teams' purple, so the installed app is recognisable next to Teams

/** Every icon file, by path relative to the repository root. */
export function renderIcons(): Map<string, Buffer> {
  const files = new Map<string, Buffer>();
  for (const name of TRAY_ICONS) {
    for (const demo of [false, true]) {
      const base = `assets/tray/${name}${demo ? '-demo' : ''}`;
      const png16 = encodePng(drawIcon(name, 16, ICON_COLORS[name], demo));
      const png32 = encodePng(drawIcon(name, 32, ICON_COLORS[name], demo));
      files.set(`${base}.png`, png16);
      files.set(`${base}@2x.png`, png32);
      files.set(`${base}.ico`, encodeIco([{ size: 16, png: png16 }, { size: 32, png: png32 }]));
      files.set(`${base}Template.png`, encodePng(drawIcon(name, 16, '#000000', demo)));
      files.set(`${base}Template@2x.png`, encodePng(drawIcon(name, 32, '#000000', demo)));
    }
  }
  files.set('build/icon.png', encodePng(drawIcon('available', 512, APP_COLOR, false)));
  files.set(
    'build/icon.ico',
    encodeIco([16, 32, 48, 256].map((size) => ({ size, png: encodePng(drawIcon('available', size, APP_COLOR, false)) }))),
  );
  return files;
}

/** Paths whose committed bytes differ from what {@link renderIcons} draws (missing files included). */
export function staleIcons(root = ROOT): string[] {
  const stale: string[] = [];
  for (const [path, bytes] of renderIcons()) {
    let current: Buffer | null = null;
    try {
      current = readFileSync(join(root, path));
    } catch {
      // missing: stale
    }
    if (!current || !current.equals(bytes)) stale.push(path);
  }
  return stale;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  if (process.argv.includes('--check')) {
    const stale = staleIcons();
    if (stale.length) {
      console.error(`icons out of date (run node scripts/make-icons.ts): ${stale.join(', ')}`);
      process.exit(1);
    }
    console.log('icons up to date');
  } else {
    const files = renderIcons();
    for (const [path, bytes] of files) {
      mkdirSync(dirname(join(ROOT, path)), { recursive: true });
      writeFileSync(join(ROOT, path), bytes);
    }
    console.log(`wrote ${files.size} icon files`);
  }
}
