/** Presets from the window: apply one by name, and the focus timer's "+15 min" (always `source: 'window'`). */
import { applyPresetNamed, extendPreset } from '../../control/preset-commands.ts';
import type { SettingsPort } from '../../settings/settings-port.ts';
import type { AreaHandlers, IpcController } from './types.ts';

/** applyPreset, extendPreset. */
export function presetHandlers(controller: IpcController, settings: SettingsPort): AreaHandlers<'applyPreset' | 'extendPreset'> {
  return {
    applyPreset: (r) => applyPresetNamed(controller, settings.get().presets, r.name, 'window'),
    extendPreset: (r) => extendPreset(controller, settings.get().presets, r.minutes, 'window'),
  };
}
