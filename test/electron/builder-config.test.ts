// Issue 10, defects 4 and 5: one desktop id in package.json, electron-builder.yml and the app; the .deb
// keeps electron-builder's default dependencies (xdg-utils opens the sign-in browser).
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { APP_ID, DESKTOP_NAME } from '../../app/electron/lifecycle.ts';

const require = createRequire(import.meta.url);
const yaml = require('js-yaml') as { load(text: string): unknown };
const builder = yaml.load(readFileSync('electron-builder.yml', 'utf8')) as {
  appId: string;
  linux: { syncDesktopName?: boolean; executableName?: string };
  deb: { depends: string[] };
};
const pkg = JSON.parse(readFileSync('package.json', 'utf8')) as { desktopName?: string };

describe('packaging', () => {
  it("deb.depends adds to electron-builder's default list instead of replacing it", () => {
    const { default: FpmTarget } = require('app-builder-lib/out/targets/FpmTarget.js') as { default: { prototype: { getDefaultDepends(target: string): string[] } } };
    const defaults = FpmTarget.prototype.getDefaultDepends.call(null, 'deb');
    expect(defaults).toContain('xdg-utils');
    for (const dependency of defaults) expect(builder.deb.depends, dependency).toContain(dependency);
  });

  it('one reverse-DNS id: appId, desktopName (synced to the .desktop file), and the app', () => {
    expect(APP_ID).toMatch(/^[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*){2,}$/i); // reverse DNS, valid as a D-Bus name
    expect(builder.appId).toBe(APP_ID);
    expect(pkg.desktopName).toBe(DESKTOP_NAME);
    expect(builder.linux.syncDesktopName).toBe(true);
  });
});
