// Managed settings (issue 14): the policy port reads the machine-wide policy, then the per-user one, checks
// each value with the app's own declaration (a bad value is reported and ignored, the rest applies), and the
// settings the app uses carry it. Windows and macOS are read through `reg query` and `plutil`: here their output
// comes from fixtures in the documented format (not run on Windows or macOS); Linux reads real temp files.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { managedSettings, managedView, applyPolicy, refuseLockedChange } from '../../app/policy/apply.ts';
import { parsePolicyJson, parseRegQuery } from '../../app/policy/parse.ts';
import { POLICY_LOCATIONS, readPolicy, systemPolicyPorts } from '../../app/policy/read.ts';
import type { PolicyPorts } from '../../app/policy/read.ts';
import { createMemorySettings } from '../../app/settings/settings-port.ts';
import { defaultSettings } from '../../app/settings/defaults.ts';
import { loadPolicy } from '../../app/desktop/policy-wiring.ts';

const fixture = (name: string): string => readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8');
const HKLM = `HKEY_LOCAL_MACHINE\\${POLICY_LOCATIONS.windowsKey}`;

let dir = '';
afterEach(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
  dir = '';
});

describe('parsing each system’s policy', () => {
  it('reg query: values under the key are locked, under Recommended presets; DWORDs are numbers; other subkeys ignored', () => {
    const raw = parseRegQuery(fixture('reg-query-hklm.txt'), HKLM);
    expect(raw.locked).toEqual({
      ClientId: '14d82eec-204b-4c2f-b7e8-296a70dab67e',
      Tenant: 'contoso.onmicrosoft.com',
      AppSession: 0,
      ScheduleSpreadSeconds: 240,
      MinReadIntervalSeconds: 120,
      Cloud: 'Mars',
    });
    expect(raw.recommended.ReadIntervalSeconds).toBe(600);
    expect(typeof raw.recommended.Schedule).toBe('string');
  });

  it('a managed-preferences plist (as plutil’s JSON) and a Linux file: top-level locked, Recommended presets', () => {
    expect(parsePolicyJson(fixture('plutil-machine.json'))).toEqual({
      locked: { ClientId: '14d82eec-204b-4c2f-b7e8-296a70dab67e', AppSession: true },
      recommended: { ReadIntervalSeconds: 600, ScheduleSpreadSeconds: 'soon' },
    });
    expect(() => parsePolicyJson('[1, 2]')).toThrow(/not a JSON object/);
  });
});

describe('reading through the port', () => {
  it('Windows: HKLM wins over HKCU, HKCU fills the rest; a bad value is reported and ignored, never a crash', async () => {
    const calls: string[] = [];
    const ports: PolicyPorts = {
      platform: 'win32',
      home: 'C:\\Users\\ada',
      user: 'ada',
      run: async (file, args) => {
        calls.push(`${file} ${args.join(' ')}`);
        return args[1]?.startsWith('HKEY_LOCAL_MACHINE') ? { code: 0, stdout: fixture('reg-query-hklm.txt') } : { code: 0, stdout: fixture('reg-query-hkcu.txt') };
      },
      readText: async () => null,
    };
    const { policy, problems } = await readPolicy(ports);
    expect(calls).toEqual([`reg query ${HKLM} /s`, `reg query HKEY_CURRENT_USER\\${POLICY_LOCATIONS.windowsKey} /s`]);
    expect(policy.ClientId).toEqual({ value: '14d82eec-204b-4c2f-b7e8-296a70dab67e', locked: true, scope: 'machine' });
    expect(policy.AppSession).toEqual({ value: false, locked: true, scope: 'machine' });
    expect(policy.ScheduleSpreadSeconds?.value).toBe(240);
    expect(policy.ReadIntervalSeconds).toEqual({ value: 600, locked: false, scope: 'machine' });
    expect(policy.Schedule?.value.rules[0]?.start).toBe('08:30');
    expect(policy.Cloud).toBeUndefined();
    expect(problems).toEqual([expect.objectContaining({ code: 'bad-policy-value', field: 'policy.Cloud' })]);
  });

  it('Windows: no policy key at all (reg exits 1) is no policy and no problem', async () => {
    const ports: PolicyPorts = { platform: 'win32', home: '', user: '', run: async () => ({ code: 1, stdout: fixture('reg-query-missing.txt') }), readText: async () => null };
    expect(await readPolicy(ports)).toEqual({ policy: {}, problems: [] });
  });

  it('macOS: the machine plist through plutil; a plist plutil cannot convert is reported', async () => {
    dir = mkdtempSync(join(tmpdir(), 'policy-mac-'));
    const prefs = join(dir, POLICY_LOCATIONS.managedPreferences);
    mkdirSync(join(prefs, 'ada'), { recursive: true });
    writeFileSync(join(prefs, `${POLICY_LOCATIONS.bundleId}.plist`), '<plist/>');
    writeFileSync(join(prefs, 'ada', `${POLICY_LOCATIONS.bundleId}.plist`), '<plist/>');
    const system = systemPolicyPorts('darwin', '/Users/ada', 'ada');
    const ports: PolicyPorts = {
      ...system,
      root: dir,
      run: async (file, args) => (args.at(-1)?.includes(`${join('ada', POLICY_LOCATIONS.bundleId)}`) ? { code: 1, stdout: '' } : { code: file === 'plutil' ? 0 : 1, stdout: fixture('plutil-machine.json') }),
    };
    const { policy, problems } = await readPolicy(ports);
    expect(policy.AppSession).toEqual({ value: true, locked: true, scope: 'machine' });
    expect(policy.ReadIntervalSeconds?.value).toBe(600);
    expect(problems.map((p) => p.field).sort()).toEqual(['policy.ScheduleSpreadSeconds', 'policy.user']);
  });

  it('Linux: /etc then ~/.config on real files; a malformed file is reported and the other still applies', async () => {
    dir = mkdtempSync(join(tmpdir(), 'policy-linux-'));
    const home = join(dir, 'home');
    mkdirSync(join(dir, 'etc', 'presence-tray'), { recursive: true });
    mkdirSync(join(home, '.config', 'presence-tray'), { recursive: true });
    writeFileSync(join(dir, POLICY_LOCATIONS.linuxMachineFile), JSON.stringify({ Tenant: 'contoso.com', Recommended: { ReadIntervalSeconds: 5 } }));
    writeFileSync(join(home, POLICY_LOCATIONS.linuxUserFile), JSON.stringify({ Tenant: 'fabrikam.com', ScheduleSpreadSeconds: 120, Nonsense: 1 }));
    const ports = { ...systemPolicyPorts('linux', home, 'ada'), root: dir };
    const first = await readPolicy(ports);
    expect(first.policy.Tenant).toEqual({ value: 'contoso.com', locked: true, scope: 'machine' });
    expect(first.policy.ScheduleSpreadSeconds).toEqual({ value: 120, locked: true, scope: 'user' });
    expect(first.problems.map((p) => p.field)).toEqual(['policy.ReadIntervalSeconds', 'policy.Nonsense']);

    writeFileSync(join(dir, POLICY_LOCATIONS.linuxMachineFile), '{ "Tenant": ');
    const second = await readPolicy(ports);
    expect(second.problems.map((p) => [p.code, p.field])).toEqual([
      ['unreadable-policy', 'policy.machine'],
      ['bad-policy-value', 'policy.Nonsense'],
    ]);
    expect(second.policy.Tenant?.value).toBe('fabrikam.com');

    const logged: string[] = [];
    const notices: string[] = [];
    const applied = await loadPolicy(ports, { info: () => {}, warn: (m, f) => void logged.push(`${m} ${String(f?.field)}`) }, (n) => void notices.push(n.body));
    expect(applied.Tenant?.value).toBe('fabrikam.com');
    expect(logged).toEqual(['policy: a value was ignored policy.machine', 'policy: a value was ignored policy.Nonsense']);
    expect(notices).toHaveLength(1);
  });

  it('no policy files: nothing managed', async () => {
    dir = mkdtempSync(join(tmpdir(), 'policy-none-'));
    expect(await readPolicy({ ...systemPolicyPorts('linux', join(dir, 'home'), 'ada'), root: dir })).toEqual({ policy: {}, problems: [] });
  });
});

describe('applying a policy over the user’s settings', () => {
  const policy = {
    ClientId: { value: '14d82eec-204b-4c2f-b7e8-296a70dab67e', locked: true, scope: 'machine' as const },
    ReadIntervalSeconds: { value: 600, locked: false, scope: 'machine' as const },
    MinReadIntervalSeconds: { value: 120, locked: true, scope: 'machine' as const },
  };

  it('locked always holds; a preset holds only where the user kept the default; the floor raises a short interval', () => {
    const mine = defaultSettings();
    mine.connection.clientId = '99999999-0000-4000-8000-000000000000';
    expect(applyPolicy(mine, policy)).toMatchObject({ connection: { clientId: '14d82eec-204b-4c2f-b7e8-296a70dab67e' }, options: { readIntervalSeconds: 600 } });
    mine.options.readIntervalSeconds = 60;
    expect(applyPolicy(mine, policy).options.readIntervalSeconds).toBe(120);
    mine.options.readIntervalSeconds = 900;
    expect(applyPolicy(mine, policy).options.readIntervalSeconds).toBe(900);
    expect(managedView(policy)).toEqual({ fields: { 'connection.clientId': 'locked', 'options.readIntervalSeconds': 'preset' }, minReadIntervalSeconds: 120 });
  });

  it('the managed port reads with the policy and saves the user’s own; a locked change is refused at the door', () => {
    const port = managedSettings(createMemorySettings(defaultSettings()), policy);
    const seen: unknown[] = [];
    port.onChange((section, value) => void seen.push([section, value]));
    const current = port.get();
    expect(current.connection.clientId).toBe('14d82eec-204b-4c2f-b7e8-296a70dab67e');
    const view = managedView(policy);
    expect(() => refuseLockedChange(view, current, 'connection', { ...current.connection, clientId: '99999999-0000-4000-8000-000000000000' })).toThrow(/locked/);
    expect(() => refuseLockedChange(view, current, 'options', { ...current.options, readIntervalSeconds: 60 })).toThrow(/at least 120/);
    expect(() => refuseLockedChange(view, current, 'connection', { ...current.connection, tenant: 'contoso.com' })).not.toThrow();
    port.save('connection', { ...current.connection, tenant: 'contoso.com' });
    expect(seen).toEqual([['connection', { cloud: 'Global', tenant: 'contoso.com', clientId: '14d82eec-204b-4c2f-b7e8-296a70dab67e' }]]);
  });
});

describe('the IPC door', () => {
  it('tells the window what is managed, and refuses a save that changes a locked field with a typed error', async () => {
    const { createIpcHandlers } = await import('../../app/ipc/handlers.ts');
    const policy = { ClientId: { value: '14d82eec-204b-4c2f-b7e8-296a70dab67e', locked: true, scope: 'machine' as const } };
    const settings = managedSettings(createMemorySettings(defaultSettings()), policy);
    const unused = (): never => {
      throw new Error('not used by the settings channels');
    };
    const handlers = createIpcHandlers({
      controller: { state: unused, set: unused, clear: unused, setStatusMessage: unused, clearStatusMessage: unused, pauseSchedule: unused, resumeSchedule: unused, endOf: unused },
      settings,
      hotkeys: { apply: unused, status: unused, beginCapture: unused, endCapture: unused } as never,
      auth: { signIn: unused, signInWithDeviceCode: unused, cancelSignIn: unused, signOut: unused },
      openInBrowser: unused,
      appInfo: unused,
      clock: { now: () => Date.now() },
      managed: () => managedView(policy),
    });
    expect(await handlers.getManagedSettings(undefined)).toEqual({ ok: true, value: { fields: { 'connection.clientId': 'locked' } } });
    const changed = await handlers.saveConnection({ connection: { cloud: 'Global', tenant: 'organizations', clientId: '99999999-0000-4000-8000-000000000000' } });
    expect(changed).toMatchObject({ ok: false, error: { code: 'managed-by-policy', field: 'connection.clientId' } });
    expect(settings.get().connection.clientId).toBe('14d82eec-204b-4c2f-b7e8-296a70dab67e');
    const kept = await handlers.saveConnection({ connection: { cloud: 'Global', tenant: 'contoso.com', clientId: '14d82eec-204b-4c2f-b7e8-296a70dab67e' } });
    expect(kept).toEqual({ ok: true, value: null });
    expect(settings.get().connection.tenant).toBe('contoso.com');
  });
});
