import { describe, expect, it } from 'vitest';
import { CURRENT_SCHEMA_VERSION, MIGRATIONS, loadSettings, migrate, type Migration } from '../../app/settings/index.ts';

describe('migrations', () => {
  it('end exactly at the current schema version, in increasing order, with unique names', () => {
    const versions = MIGRATIONS.map((m) => m.version);
    expect(versions).toEqual([...versions].sort((a, b) => a - b));
    expect(versions.at(-1)).toBe(CURRENT_SCHEMA_VERSION);
    expect(new Set(MIGRATIONS.map((m) => m.name)).size).toBe(MIGRATIONS.length);
  });

  it('v3 → v4 makes every saved message preset a preset of its own, after the shipped ones it does not name', () => {
    const long = `${'Out of the office until further notice'} and then some more words`;
    const v3 = { schemaVersion: 3, statusPresets: ['In a meeting', 'Lunch', long] };
    const { settings, problems, migrations } = loadSettings(v3);
    expect(problems).toEqual([]);
    expect(migrations).toEqual(['presets-with-presence']);
    expect(settings.presets.map((p) => p.name)).toEqual(['Focus', 'Off for the day', 'In a meeting', 'Lunch', `${long.slice(0, 39)}…`]);
    expect(settings.presets.slice(2).map((p) => p.statusMessage)).toEqual(['In a meeting', 'Lunch', long]);
    expect(settings.statusPresets).toEqual(v3.statusPresets);
  });

  it('v3 → v4 keeps all twenty message presets when the list is full (the shipped ones give way)', () => {
    const twenty = Array.from({ length: 20 }, (_, i) => `Message ${i}`);
    const { settings, problems } = loadSettings({ schemaVersion: 3, statusPresets: twenty });
    expect(problems).toEqual([]);
    expect(settings.presets.map((p) => p.statusMessage)).toEqual(twenty);
  });

  it('v1 → v2 turns a top-level readIntervalMs into options.readIntervalSeconds', () => {
    const v1 = { readIntervalMs: 120_000, options: { notifications: false } };
    const { value, applied, fromVersion, problems } = migrate(v1, undefined, 2);
    expect(fromVersion).toBe(1);
    expect(applied).toEqual(['read-interval-in-seconds']);
    expect(problems).toEqual([]);
    expect(value).toEqual({ schemaVersion: 2, options: { notifications: false, readIntervalSeconds: 120 } });
    expect(v1).toEqual({ readIntervalMs: 120_000, options: { notifications: false } }); // input untouched
  });

  it('v1 → v2 also moves options.readIntervalMs, rounding to whole seconds', () => {
    const { value } = migrate({ schemaVersion: 1, options: { readIntervalMs: 45_400 } });
    expect(value.options).toEqual({ readIntervalSeconds: 45 });
  });

  it('a migrated v1 file loads with its other settings and no problem', () => {
    const { settings, problems, needsBackup, migrations } = loadSettings({
      readIntervalMs: 30_000,
      options: { appSession: true },
      connection: { cloud: 'USGovL4', tenant: 'contoso.com', clientId: '' },
    });
    expect(problems).toEqual([]);
    expect(needsBackup).toBe(false);
    expect(migrations).toEqual(['read-interval-in-seconds', 'saved-intent-own-file', 'presets-with-presence']);
    expect(settings.schemaVersion).toBe(CURRENT_SCHEMA_VERSION);
    expect(settings.options).toMatchObject({ readIntervalSeconds: 30, appSession: true, notifications: true });
    expect(settings.connection.cloud).toBe('USGovL4');
  });

  it('a nonsense interval survives the migration so validation reports it', () => {
    const { settings, problems } = loadSettings({ readIntervalMs: 'soon' });
    expect(problems.map((p) => p.field)).toContain('options.readIntervalSeconds');
    expect(settings.options.readIntervalSeconds).toBe(300);
  });

  it('does nothing to a current file', () => {
    const { value, applied } = migrate({ schemaVersion: CURRENT_SCHEMA_VERSION, options: { readIntervalMs: 5 } });
    expect(applied).toEqual([]);
    expect(value.options).toEqual({ readIntervalMs: 5 });
  });

  it('runs several steps in version order whatever order they are listed in', () => {
    const steps: Migration[] = [
      { version: 3, name: 'c', up: (o) => ({ ...o, trail: `${String(o.trail)}c` }) },
      { version: 2, name: 'b', up: (o) => ({ ...o, trail: `${String(o.trail)}b` }) },
    ];
    const { value, applied } = migrate({ schemaVersion: 1, trail: 'a' }, steps, 3);
    expect(applied).toEqual(['b', 'c']);
    expect(value).toEqual({ schemaVersion: 3, trail: 'abc' });
  });

  it('stops at a step that throws and reports it by name', () => {
    const steps: Migration[] = [
      { version: 2, name: 'fine', up: (o) => ({ ...o, b: true }) },
      {
        version: 3,
        name: 'broken',
        up: () => {
          throw new Error('boom');
        },
      },
    ];
    const { value, applied, problems } = migrate({ schemaVersion: 1 }, steps, 3);
    expect(applied).toEqual(['fine']);
    expect(value).toEqual({ schemaVersion: 2, b: true });
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ code: 'settings-migration-failed', field: 'schemaVersion' });
    expect(problems[0]?.message).toMatch(/version 3 \(broken\).*boom/);
  });

  it('leaves a file from a newer build alone and says so', () => {
    const { value, applied, problems } = migrate({ schemaVersion: CURRENT_SCHEMA_VERSION + 1, future: 1 });
    expect(applied).toEqual([]);
    expect(value.future).toBe(1);
    expect(problems[0]?.code).toBe('settings-from-newer-version');
  });

  it('reports an unreadable schemaVersion and treats the file as current', () => {
    const { applied, problems, value } = migrate({ schemaVersion: 'two' });
    expect(applied).toEqual([]);
    expect(problems[0]).toMatchObject({ code: 'invalid-setting', field: 'schemaVersion' });
    expect(value.schemaVersion).toBe(CURRENT_SCHEMA_VERSION);
  });
});
