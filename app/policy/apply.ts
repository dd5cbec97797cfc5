/**
 * Apply a checked policy over the user's settings: a locked value always holds, a preset holds while the user
 * has not changed that setting from the app's default, and a read-interval floor raises a shorter interval. Also
 * what the window is told (which fields are managed) and the check the IPC door makes before a save.
 */
import { AppFailure } from '../errors.ts';
import { DEFAULT_SETTINGS } from '../settings/defaults.ts';
import type { SettingsListener, SettingsPort, SettingsSection } from '../settings/settings-port.ts';
import type { Settings } from '../settings/types.ts';
import { FIELD_OF, POLICY_NAMES } from './types.ts';
import type { ManagedField, ManagedView, Policy } from './types.ts';

const same = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b);

/** Where a managed field sits in the settings. */
function place(field: ManagedField): { section: 'connection' | 'options' | 'schedule'; key: string | null } {
  if (field === 'schedule') return { section: 'schedule', key: null };
  const [section, key] = field.split('.') as ['connection' | 'options', string];
  return { section, key };
}

function read(settings: Settings, field: ManagedField): unknown {
  const { section, key } = place(field);
  return key === null ? settings[section] : (settings[section] as unknown as Record<string, unknown>)[key];
}

function write(settings: Settings, field: ManagedField, value: unknown): Settings {
  const { section, key } = place(field);
  if (key === null) return { ...settings, [section]: structuredClone(value) };
  return { ...settings, [section]: { ...settings[section], [key]: value } };
}

/** The settings with `policy` applied (a new object; `settings` is not changed). */
export function applyPolicy(settings: Settings, policy: Policy, defaults: Settings = DEFAULT_SETTINGS): Settings {
  let out = settings;
  for (const name of POLICY_NAMES) {
    const managed = policy[name];
    const field = FIELD_OF[name];
    if (!managed || !field) continue;
    if (managed.locked || same(read(settings, field), read(defaults, field))) out = write(out, field, managed.value);
  }
  const floor = policy.MinReadIntervalSeconds?.value;
  if (floor !== undefined && out.options.readIntervalSeconds < floor) out = write(out, 'options.readIntervalSeconds', floor);
  return out;
}

/** What the window is told: each field the organization set, locked or a preset. */
export function managedView(policy: Policy): ManagedView {
  const fields: ManagedView['fields'] = {};
  for (const name of POLICY_NAMES) {
    const field = FIELD_OF[name];
    const managed = policy[name];
    if (field && managed) fields[field] = managed.locked ? 'locked' : 'preset';
  }
  const floor = policy.MinReadIntervalSeconds?.value;
  return floor === undefined ? { fields } : { fields, minReadIntervalSeconds: floor };
}

/**
 * Refuse a save of `section` that changes a locked field (or goes under the read-interval floor): the IPC door
 * calls it before the settings port. Throws an {@link AppFailure} with the field; returns when the save may go.
 */
export function refuseLockedChange(view: ManagedView, current: Settings, section: SettingsSection, value: unknown): void {
  const next = { ...current, [section]: value } as Settings;
  for (const [field, how] of Object.entries(view.fields) as Array<[ManagedField, 'locked' | 'preset']>) {
    if (how !== 'locked' || place(field).section !== section) continue;
    if (!same(read(next, field), read(current, field))) {
      throw new AppFailure({ code: 'managed-by-policy', field, message: 'Your organization set this and locked it; it cannot be changed here.' });
    }
  }
  const floor = view.minReadIntervalSeconds;
  if (section === 'options' && floor !== undefined && next.options.readIntervalSeconds < floor) {
    throw new AppFailure({ code: 'managed-by-policy', field: 'options.readIntervalSeconds', message: `Your organization asks for a read interval of at least ${floor} seconds.` });
  }
}

/**
 * The settings port as the app sees it with a policy: reads and change notices carry the policy's values, saves
 * go to the user's own settings (the IPC door has already refused changes to locked fields).
 */
export function managedSettings(port: SettingsPort, policy: Policy): SettingsPort {
  return {
    get: () => applyPolicy(port.get(), policy),
    save: (section, value) => port.save(section, value),
    onChange(listener: SettingsListener) {
      return port.onChange((section, value) => {
        const applied = applyPolicy({ ...port.get(), [section]: value }, policy);
        listener(section, applied[section]);
      });
    },
  };
}
