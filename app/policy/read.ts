/**
 * The policy port: read the machine-wide policy, then the per-user one, from where each system keeps managed
 * settings, and check them value by value. Windows: `reg query` of `HKLM` then `HKCU\SOFTWARE\Policies\PresenceTray`
 * (values under the key are locked, under its `Recommended` subkey presets). macOS: the managed preferences of
 * the bundle id (`/Library/Managed Preferences/[<user>/]com.github.presence_tray.plist`, through `plutil`).
 * Linux: `/etc/presence-tray/policy.json`, then `~/.config/presence-tray/policy.json`. A policy that cannot be
 * read or parsed is reported and skipped; nothing here throws.
 */
import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { AppError } from '../errors.ts';
import { checkPolicy, mergePolicies } from './check.ts';
import type { CheckedPolicy } from './check.ts';
import { parsePolicyJson, parseRegQuery } from './parse.ts';
import type { Managed, RawPolicy } from './types.ts';

/** Where the policy lives, per system. */
export const POLICY_LOCATIONS = {
  windowsKey: 'SOFTWARE\\Policies\\PresenceTray',
  bundleId: 'com.github.presence_tray',
  managedPreferences: '/Library/Managed Preferences',
  linuxMachineFile: '/etc/presence-tray/policy.json',
  linuxUserFile: '.config/presence-tray/policy.json',
} as const;

/** What reading a policy needs from the system. */
export interface PolicyPorts {
  platform: NodeJS.Platform;
  /** The user's home folder and login name (macOS keeps per-user managed preferences under the name). */
  home: string;
  user: string;
  /** Prefix of the system-wide paths (`/etc/…`, `/Library/…`): '' in the app, a temp folder in tests. */
  root?: string;
  /** Run a program; resolves with its exit code and output (a non-zero exit is not a rejection). */
  run(file: string, args: readonly string[]): Promise<{ code: number; stdout: string }>;
  /** A file's text, or null when there is none. */
  readText(path: string): Promise<string | null>;
}

/** The system's own ports: `execFile` without a shell, and `readFile`. */
export function systemPolicyPorts(platform: NodeJS.Platform, home: string, user: string): PolicyPorts {
  return {
    platform,
    home,
    user,
    run: (file, args) =>
      new Promise((resolve) => {
        execFile(file, [...args], { timeout: 10_000, windowsHide: true, maxBuffer: 1 << 20 }, (error, stdout) => {
          const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
          resolve({ code, stdout: String(stdout) });
        });
      }),
    readText: async (path) => {
      try {
        return await readFile(path, 'utf8');
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
        throw error;
      }
    },
  };
}

type Scope = Managed<unknown>['scope'];

/** Read, check and merge both policies. Problems (unreadable files, bad values) come back; the rest applies. */
export async function readPolicy(ports: PolicyPorts): Promise<CheckedPolicy> {
  const problems: AppError[] = [];
  const one = async (scope: Scope): Promise<CheckedPolicy['policy']> => {
    try {
      const raw = await rawPolicy(ports, scope);
      if (!raw) return {};
      const checked = checkPolicy(raw, scope);
      problems.push(...checked.problems);
      return checked.policy;
    } catch (error) {
      problems.push({ code: 'unreadable-policy', field: `policy.${scope}`, message: `The ${scope} policy could not be read and is ignored: ${String((error as Error).message ?? error)}` });
      return {};
    }
  };
  const machine = await one('machine');
  const user = await one('user');
  return { policy: mergePolicies(machine, user), problems };
}

async function rawPolicy(ports: PolicyPorts, scope: Scope): Promise<RawPolicy | null> {
  const where = POLICY_LOCATIONS;
  switch (ports.platform) {
    case 'win32': {
      const key = `${scope === 'machine' ? 'HKEY_LOCAL_MACHINE' : 'HKEY_CURRENT_USER'}\\${where.windowsKey}`;
      const { code, stdout } = await ports.run('reg', ['query', key, '/s']);
      // reg exits 1 when the key does not exist: no policy.
      return code === 0 ? parseRegQuery(stdout, key) : null;
    }
    case 'darwin': {
      const base = join(ports.root ?? '/', where.managedPreferences);
      const folder = scope === 'machine' ? base : join(base, ports.user);
      const file = join(folder, `${where.bundleId}.plist`);
      if ((await ports.readText(file)) === null) return null;
      const { code, stdout } = await ports.run('plutil', ['-convert', 'json', '-o', '-', file]);
      if (code !== 0) throw new Error(`plutil could not convert ${file}`);
      return parsePolicyJson(stdout);
    }
    default: {
      const text = await ports.readText(scope === 'machine' ? join(ports.root ?? '/', where.linuxMachineFile) : join(ports.home, where.linuxUserFile));
      return text === null ? null : parsePolicyJson(text);
    }
  }
}
