/**
 * Settings from the window: read, preview and save. Saves go through the settings port, whose listeners
 * re-wire hotkeys, the Scheduler, options and sign-in before the reply is sent.
 */
import type { Clock } from '../../clock.ts';
import { validateSchedule, weekPreview } from '../../schedule/index.ts';
import type { ConnectionSettings, OptionSettings } from '../../settings/types.ts';
import type { SettingsPort } from '../../settings/settings-port.ts';
import { refuseLockedChange } from '../../policy/apply.ts';
import type { ManagedView } from '../../policy/types.ts';
import type { AreaHandlers } from './types.ts';

/**
 * getSettings, getManagedSettings, previewSchedule, saveSchedule, saveConnection, saveOptions, saveStatusPresets,
 * saveMachineRules, savePresets. A save that changes a field the organization locked is refused here, at the
 * door (`managed-by-policy`).
 */
export function settingsHandlers(
  settings: SettingsPort,
  clock: Pick<Clock, 'now'>,
  managed: () => ManagedView,
): AreaHandlers<'getSettings' | 'getManagedSettings' | 'previewSchedule' | 'saveSchedule' | 'saveConnection' | 'saveOptions' | 'saveStatusPresets' | 'saveMachineRules' | 'savePresets'> {
  const guard = (section: 'schedule' | 'connection' | 'options', value: unknown): void => refuseLockedChange(managed(), settings.get(), section, value);
  return {
    getSettings: () => settings.get(),
    getManagedSettings: () => managed(),
    previewSchedule: (r) => {
      const { schedule, problems } = validateSchedule(r.schedule);
      return { problems, preview: schedule ? weekPreview(schedule, new Date(clock.now())) : null };
    },
    saveSchedule: (r) => {
      // Rejected whole when any rule is wrong: a bad rule never reaches the Scheduler.
      const { schedule, problems } = validateSchedule(r.schedule);
      if (schedule && problems.length === 0) {
        guard('schedule', schedule);
        settings.save('schedule', schedule);
      }
      return { problems };
    },
    saveConnection: (r) => {
      const c = r.connection as ConnectionSettings;
      const connection = { cloud: c.cloud, tenant: c.tenant.trim(), clientId: c.clientId.trim() };
      guard('connection', connection);
      settings.save('connection', connection);
      return null;
    },
    saveOptions: (r) => (guard('options', r.options), settings.save('options', r.options as OptionSettings), null),
    savePresets: (r) => (settings.save('presets', structuredClone(r.presets)), null),
    saveMachineRules: (r) => (settings.save('machineRules', structuredClone(r.rules)), null),
    saveStatusPresets: (r) => (settings.save('statusPresets', r.presets.map((p) => p.trim())), null),
  };
}
