// The stand-in Electron carries a fuse wire in Electron's default states, so the packaging smoke test can
// check that electron-builder really flipped the fuses (scripts/package-smoke.ts runs the packaging itself).
import { describe, expect, it } from 'vitest';
import { HARDENED, readFuses, standInElectron } from '../../scripts/package-smoke.ts';

describe('package smoke stand-in', () => {
  it('starts from Electron defaults, which differ from the hardened set on every fuse the config changes', () => {
    const fuses = readFuses(standInElectron());
    expect(fuses).toEqual({
      runAsNode: true,
      enableCookieEncryption: false,
      enableNodeOptionsEnvironmentVariable: true,
      enableNodeCliInspectArguments: true,
      enableEmbeddedAsarIntegrityValidation: false,
      onlyLoadAppFromAsar: false,
      loadBrowserProcessSpecificV8Snapshot: false,
      grantFileProtocolExtraPrivileges: true,
    });
    const changed = Object.entries(HARDENED).filter(([name, want]) => fuses?.[name] !== want);
    expect(changed.length).toBe(7);
    expect(readFuses(Buffer.from('no wire'))).toBeNull();
  });
});
