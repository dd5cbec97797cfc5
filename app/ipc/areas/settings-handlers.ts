/**
 * Settings from the window: read, preview and save. Saves go through the settings port, whose listeners
 * re-wire hotkeys, the Scheduler, options and sign-in before the reply is sent.
 */
import type { Clock } from '../../clock.ts';
import { validateSchedule, weekPreview } from '../../schedule/index.ts';
import type { ConnectionSettings, OptionSettings } from '../../settings/types.ts';
import type { SettingsPort } from '../../settings/settings-port.ts';
import type { AreaHandlers } from './types.ts';

/** getSettings, previewSchedule, saveSchedule, saveConnection, saveOptions, saveStatusPresets, saveMachineRules, savePresets. */
export function settingsHandlers(
  settings: SettingsPort,
  clock: Pick<Clock, 'now'>,
): AreaHandlers<'getSettings' | 'previewSchedule' | 'saveSchedule' | 'saveConnection' | 'saveOptions' | 'saveStatusPresets' | 'saveMachineRules' | 'savePresets'> {
  return {
    getSettings: () => settings.get(),
    previewSchedule: (r) => {
      const { schedule, problems } = validateSchedule(r.schedule);
      return { problems, preview: schedule ? weekPreview(schedule, new Date(clock.now())) : null };
    },
    saveSchedule: (r) => {
      // Rejected whole when any rule is wrong: a bad rule never reaches the Scheduler.
      const { schedule, problems } = validateSchedule(r.schedule);
      if (schedule && problems.length === 0) settings.save('schedule', schedule);
      return { problems };
    },
    saveConnection: (r) => {
      const c = r.connection as ConnectionSettings;
      settings.save('connection', { cloud: c.cloud, tenant: c.tenant.trim(), clientId: c.clientId.trim() });
      return null;
    },
    saveOptions: (r) => (settings.save('options', r.options as OptionSettings), null),
    savePresets: (r) => (settings.save('presets', structuredClone(r.presets)), null),
    saveMachineRules: (r) => (settings.save('machineRules', structuredClone(r.rules)), null),
    saveStatusPresets: (r) => (settings.save('statusPresets', r.presets.map((p) => p.trim())), null),
  };
}
