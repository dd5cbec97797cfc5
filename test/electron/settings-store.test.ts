// The settings store over conf (electron-store's base, same options and file handling) in a temp folder:
// fresh install, a file that does not parse, one bad section, saves that persist and notify.
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Settings } from '../../app/settings/types.ts';
import { tempSettingsStore } from './support/temp-settings-store.ts';
import { defaultSettings } from '../../app/settings/index.ts';

const rig = tempSettingsStore('settings-store-');
const { open, file } = rig;
const backups = () => readdirSync(rig.folder()).filter((f) => f.includes('.corrupt-'));

describe('settings store', () => {
  it('a fresh install starts on the defaults, written to disk, with no problem', () => {
    const opened = open();
    expect(opened.problems).toEqual([]);
    expect(opened.backup).toBeNull();
    expect(opened.port.get()).toEqual(defaultSettings());
    expect(JSON.parse(readFileSync(file(), 'utf8'))).toMatchObject({ schemaVersion: defaultSettings().schemaVersion });
  });

  it('saves persist, notify listeners synchronously, and survive a restart', () => {
    const first = open();
    const heard: string[] = [];
    first.port.onChange((section) => heard.push(section));
    first.port.save('statusPresets', ['Lunch', 'Gym']);
    expect(heard).toEqual(['statusPresets']);
    expect(open().port.get().statusPresets).toEqual(['Lunch', 'Gym']);
  });

  it('a file that is not JSON is copied aside with a timestamp and the app starts on defaults', () => {
    writeFileSync(file(), '{"connection": {"cloud": "Global", ');
    const opened = open();
    expect(opened.problems.map((p) => p.code)).toContain('settings-unreadable');
    expect(backups()).toEqual(['config.json.corrupt-2026-11-23T10-36-00-000Z']);
    expect(readFileSync(join(rig.folder(), backups()[0]!), 'utf8')).toBe('{"connection": {"cloud": "Global", ');
    expect(opened.port.get()).toEqual(defaultSettings());
  });

  it('one bad section falls back to its default; every other section is kept; the old file is kept too', () => {
    const good = open().port;
    good.save('statusPresets', ['Kept']);
    good.save('connection', { cloud: 'Global', tenant: 'contoso.com', clientId: '11111111-2222-3333-4444-555555555555' });
    const text = JSON.parse(readFileSync(file(), 'utf8')) as Record<string, unknown>;
    text.schedule = { enabled: true, timeZone: 'Mars/Olympus', rules: 'nope', outside: 'clear' };
    writeFileSync(file(), JSON.stringify(text));
    const opened = open();
    expect(opened.problems.some((p) => p.field?.startsWith('schedule'))).toBe(true);
    expect(opened.backup).not.toBeNull();
    expect(existsSync(opened.backup!)).toBe(true);
    const settings = opened.port.get();
    expect(settings.schedule).toEqual(defaultSettings().schedule);
    expect(settings.statusPresets).toEqual(['Kept']);
    expect(settings.connection.tenant).toBe('contoso.com');
    // The repaired file now validates: the next start has nothing to repair.
    expect(open().problems).toEqual([]);
    expect(backups()).toHaveLength(1);
  });

  it('a file missing a section gets that section written with its default; the others are kept on disk, with no backup', () => {
    const good = open().port;
    good.save('statusPresets', ['Kept']);
    good.save('connection', { cloud: 'Global', tenant: 'contoso.com', clientId: '11111111-2222-3333-4444-555555555555' });
    const onDisk = JSON.parse(readFileSync(file(), 'utf8')) as Record<string, unknown>;
    delete onDisk.schedule;
    writeFileSync(file(), JSON.stringify(onDisk));
    const opened = open();
    expect(opened.problems).toEqual([]);
    expect(opened.backup).toBeNull();
    expect(backups()).toEqual([]);
    const written = JSON.parse(readFileSync(file(), 'utf8')) as Settings;
    expect(written.schedule).toEqual(defaultSettings().schedule);
    expect(written.statusPresets).toEqual(['Kept']);
    expect(written.connection.tenant).toBe('contoso.com');
    expect(opened.port.get()).toMatchObject({ schedule: defaultSettings().schedule, statusPresets: ['Kept'] });
  });
});
