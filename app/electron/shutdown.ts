/**
 * Noticing that the machine shuts down or the user logs off, where `before-quit` does not help: Windows
 * does not emit it at shutdown or log-off, and holding it up can delay macOS shutdown. Linux and macOS get
 * `powerMonitor`'s `shutdown`; Windows tells windows with `session-end`
 * (https://www.electronjs.org/docs/latest/api/power-monitor and
 * https://www.electronjs.org/docs/latest/api/base-window, both platform-tagged), so on Windows a hidden,
 * never-shown window receives it even while the settings window is closed. Nothing here calls
 * `preventDefault`: the steps are short instead.
 */
import type { BaseWindow, PowerMonitor } from 'electron';

/** Dependencies of {@link watchShutdown}. */
export interface ShutdownDeps {
  platform: NodeJS.Platform;
  powerMonitor: Pick<PowerMonitor, 'on' | 'removeListener'>;
  /** Windows: `() => new BaseWindow({ show: false, … })`, a window only to hear `session-end`. */
  createSessionWindow(): Pick<BaseWindow, 'on' | 'destroy'>;
  onShutdown(): void;
}

/** Start listening; returns the function that stops (and closes the hidden window). */
export function watchShutdown(deps: ShutdownDeps): () => void {
  let fired = false;
  const once = (): void => {
    if (fired) return;
    fired = true;
    deps.onShutdown();
  };
  if (deps.platform === 'win32') {
    const win = deps.createSessionWindow();
    win.on('session-end', once);
    return () => win.destroy();
  }
  deps.powerMonitor.on('shutdown', once);
  return () => void deps.powerMonitor.removeListener('shutdown', once);
}

/** Options of the hidden Windows session window: never shown, not in the taskbar, never focused. */
export const SESSION_WINDOW_OPTIONS = { show: false, width: 1, height: 1, skipTaskbar: true, focusable: false, title: 'Presence Tray session' } as const;
