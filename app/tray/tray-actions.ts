/**
 * What each tray menu action does: a controller command (always `source: 'tray'`) or an app action
 * (open settings, sign in or out, quit). Plain Node, so the tray's behaviour is tested without Electron.
 */
import type { Outcome, Source, Until } from '../control/types.ts';
import type { PresenceCommands } from '../hotkeys/commands.ts';
import type { TrayAction } from './tray-menu.ts';
import type { Preset } from '../control/presets.ts';

/** The controller commands the tray reaches. */
export interface TrayCommands extends PresenceCommands {
  setStatusMessage(text: string, opts: { until?: Until; source: Source }): Promise<Outcome>;
  clearStatusMessage(opts: { source: Source }): Promise<Outcome>;
}

/** Where tray actions go. */
export interface TrayTarget {
  controller: TrayCommands;
  openSettings(): void;
  /** Apply a preset's presence and message together (app/control/preset-commands.ts). */
  applyPreset?(preset: Preset): Promise<Outcome>;
  signIn(): void;
  signOut(): void;
  quit(): void;
}

/** Run one tray action; returns the controller's outcome for commands, null for app actions. */
export async function runTrayAction(action: TrayAction, target: TrayTarget): Promise<Outcome | null> {
  const { controller } = target;
  const source = 'tray' as const;
  switch (action.kind) {
    case 'set':
      return controller.set(action.presence, { ...(action.until ? { until: action.until } : {}), source });
    case 'clear':
      return controller.clear({ source });
    case 'preset':
      return target.applyPreset ? target.applyPreset(action.preset) : null;
    case 'status':
      return controller.setStatusMessage(action.text, { source });
    case 'clear-status':
      return controller.clearStatusMessage({ source });
    case 'pause':
      return controller.pauseSchedule({ until: action.until });
    case 'resume':
      return controller.resumeSchedule();
    case 'open-settings':
      target.openSettings();
      return null;
    case 'sign-in':
      target.signIn();
      return null;
    case 'sign-out':
      target.signOut();
      return null;
    case 'quit':
      target.quit();
      return null;
  }
}
