/**
 * `node scripts/package-smoke.ts`: the packaging smoke test. No Electron binary exists on CI, so it builds
 * the bundles, makes a stand-in Electron distribution (a tiny `electron` executable that carries Electron's
 * fuse sentinel and a fuse wire in Electron's default states), runs
 * `electron-builder --linux dir -c.electronDist=<stand-in>` with the real electron-builder.yml, and checks:
 *
 * - app.asar holds main, preload and renderer (and the tray icons), and no source maps;
 * - the packaged executable's fuse wire was flipped to the hardened values in electron-builder.yml
 *   (so the stand-in keeps the fuses ON: @electron/fuses finds the sentinel and writes the real wire).
 */
import { execFile } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { ROOT as root, runAsScript, withWorkDir } from './run-script.ts';

const SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX';
/** Fuse order of wire version 1 (@electron/fuses FuseV1Options). */
export const FUSES = [
  'runAsNode',
  'enableCookieEncryption',
  'enableNodeOptionsEnvironmentVariable',
  'enableNodeCliInspectArguments',
  'enableEmbeddedAsarIntegrityValidation',
  'onlyLoadAppFromAsar',
  'loadBrowserProcessSpecificV8Snapshot',
  'grantFileProtocolExtraPrivileges',
] as const;
/** Electron's own defaults, as a stock binary carries them ('1' on, '0' off). */
const ELECTRON_DEFAULTS = '10110001';
/** What electron-builder.yml asks for. */
export const HARDENED: Readonly<Record<(typeof FUSES)[number], boolean>> = {
  runAsNode: false,
  enableCookieEncryption: true,
  enableNodeOptionsEnvironmentVariable: false,
  enableNodeCliInspectArguments: false,
  enableEmbeddedAsarIntegrityValidation: true,
  onlyLoadAppFromAsar: true,
  loadBrowserProcessSpecificV8Snapshot: false,
  grantFileProtocolExtraPrivileges: false,
};

/** Files that must be inside app.asar. */
export const REQUIRED_IN_ASAR = ['/package.json', '/dist/main.js', '/dist/preload.cjs', '/dist/renderer/index.html', '/dist/renderer/main.js', '/assets/tray/available.png'];

/** A stand-in `electron` executable: a shell script with a fuse wire in a comment. */
export function standInElectron(): Buffer {
  const wire = Buffer.concat([Buffer.from(SENTINEL, 'ascii'), Buffer.from([1, FUSES.length]), Buffer.from(ELECTRON_DEFAULTS, 'ascii')]);
  return Buffer.concat([Buffer.from('#!/bin/sh\n# stand-in Electron for packaging tests; fuse wire: '), wire, Buffer.from('\necho "stand-in electron: no real Electron here"\nexit 0\n')]);
}

/** The fuse states in a binary, by name (true = on), or null without a sentinel. */
export function readFuses(binary: Buffer): Record<string, boolean> | null {
  const at = binary.indexOf(SENTINEL);
  if (at < 0) return null;
  const wire = at + SENTINEL.length;
  const length = binary[wire + 1] ?? 0;
  return Object.fromEntries(FUSES.slice(0, length).map((name, i) => [name, binary[wire + 2 + i] === 0x31]));
}

function main(): Promise<number> {
  return withWorkDir('presence-tray-package-', async (work) => {
    const { buildAll } = await import('./build.ts');
    await buildAll({ root, production: true, log: false });
    const dist = join(work, 'electron-dist');
    mkdirSync(dist);
    writeFileSync(join(dist, 'electron'), standInElectron());
    chmodSync(join(dist, 'electron'), 0o755);
    const out = join(work, 'out');
    const bin = join(root, 'node_modules', '.bin', 'electron-builder');
    await promisify(execFile)(bin, ['--linux', 'dir', `-c.electronDist=${dist}`, `-c.directories.output=${out}`, '--publish', 'never'], {
      cwd: root,
      timeout: 240_000,
      env: { ...process.env, ELECTRON_BUILDER_CACHE: join(work, 'cache') },
    });
    const unpacked = join(out, 'linux-unpacked');
    const problems: string[] = [];
    const asarPath = join(unpacked, 'resources', 'app.asar');
    if (!existsSync(asarPath)) problems.push('no resources/app.asar');
    else {
      const asar = (await import('@electron/asar')) as { listPackage(path: string, options: object): string[] };
      const files = asar.listPackage(asarPath, {}).map((f) => f.replaceAll('\\', '/'));
      for (const required of REQUIRED_IN_ASAR) if (!files.includes(required)) problems.push(`app.asar lacks ${required}`);
      const maps = files.filter((f) => f.endsWith('.map'));
      if (maps.length) problems.push(`app.asar holds source maps: ${maps.slice(0, 3).join(', ')}`);
      for (const dep of ['electron-store', '@azure/msal-node', 'node-schedule']) {
        if (!files.some((f) => f.startsWith(`/node_modules/${dep}/`))) problems.push(`app.asar lacks the runtime dependency ${dep}`);
      }
      console.log(`app.asar: ${files.length} entries, ${REQUIRED_IN_ASAR.length} required files present: ${problems.length === 0}`);
    }
    // presencectl (issue 12): the launcher in resources/cli and the client bundle outside app.asar, for Node.
    for (const file of ['resources/cli/presencectl', 'resources/cli/presencectl.cmd', 'resources/app.asar.unpacked/dist/presencectl.mjs']) {
      if (!existsSync(join(unpacked, file))) problems.push(`the package lacks ${file}`);
    }
    const exe = join(unpacked, 'presence-tray');
    const fuses = existsSync(exe) ? readFuses(readFileSync(exe)) : null;
    if (!fuses) problems.push('the packaged executable has no fuse wire');
    else {
      for (const [name, want] of Object.entries(HARDENED)) if (fuses[name] !== want) problems.push(`fuse ${name} is ${fuses[name]}, want ${want}`);
      console.log(`fuses: ${FUSES.map((f) => `${f}=${fuses[f] ? 'on' : 'off'}`).join(' ')}`);
    }
    for (const p of problems) console.error(`package smoke: ${p}`);
    console.log(`package smoke: ${problems.length ? 'FAILED' : 'ok'}`);
    return problems.length ? 1 : 0;
  });
}

runAsScript(import.meta.url, 'package smoke', main);
