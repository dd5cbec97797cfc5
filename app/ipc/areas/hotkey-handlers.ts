/** Hotkeys from the window: save the table (rows with bad or duplicate chords are kept and reported), status, capture. */
import { AppFailure, type AppError } from '../../errors.ts';
import type { HotkeyControl } from '../../hotkeys/hotkey-service.ts';
import type { HotkeyBinding } from '../../hotkeys/types.ts';
import { HOTKEY_SHAPE_CODE, validateHotkeys } from '../../hotkeys/validate.ts';
import type { SettingsPort } from '../../settings/settings-port.ts';
import { firstProblem } from './problems.ts';
import type { AreaHandlers } from './types.ts';

/** saveHotkeys, getHotkeyStatus, beginHotkeyCapture, endHotkeyCapture. */
export function hotkeyHandlers(
  settings: SettingsPort,
  hotkeys: HotkeyControl,
): AreaHandlers<'saveHotkeys' | 'getHotkeyStatus' | 'beginHotkeyCapture' | 'endHotkeyCapture'> {
  return {
    saveHotkeys: (r) => {
      const shape: AppError[] = validateHotkeys(r.hotkeys).filter((p) => p.code === HOTKEY_SHAPE_CODE);
      if (shape.length) throw new AppFailure(firstProblem(shape));
      // Chords that are invalid or duplicated are stored (the user's edit is kept) and reported per row.
      settings.save('hotkeys', r.hotkeys as HotkeyBinding[]);
      return { status: hotkeys.status() };
    },
    getHotkeyStatus: () => ({ status: hotkeys.status() }),
    beginHotkeyCapture: () => (hotkeys.beginCapture(), null),
    endHotkeyCapture: () => (hotkeys.endCapture(), null),
  };
}
