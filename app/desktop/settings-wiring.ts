/**
 * What a settings save changes while the app runs: the hotkey table re-registers, the Scheduler re-plans,
 * options reach the controller, sign-in storage and the login item, and connection changes reach sign-in.
 * Plain Node, shared by main.ts and the tests; the persisted intent lives in its own file
 * (app/settings/saved-intent-file.ts), not in the settings.
 */
import type { SettingsPort } from '../settings/settings-port.ts';
import type { Schedule } from '../schedule/types.ts';
import type { ConnectionSettings, OptionSettings, Settings } from '../settings/types.ts';
import type { HotkeyBinding } from '../hotkeys/types.ts';
import type { MachineRules } from '../control/machine.ts';

/** The services a settings change reaches; each is optional so a partial app (tests, the bridge) can wire. */
export interface SettingsTargets {
  hotkeys?: { apply(bindings: readonly HotkeyBinding[]): unknown } | null;
  scheduler?: { update(schedule: Schedule): void } | null;
  controller?: { configure(options: { appSession?: boolean; readIntervalSeconds?: number }): void } | null;
  /** The core: the controller and the idle sampler follow the rules that follow the machine. */
  machine?: { setMachineRules(rules: MachineRules): void } | null;
  auth?: { setConnection(c: ConnectionSettings): Promise<void>; setStoreTokensWithoutKeyring(on: boolean): Promise<void> } | null;
  /** Electron: `app.setLoginItemSettings`. */
  setLaunchAtLogin?(on: boolean): void;
  /** Anything that failed while applying (logged; the setting itself is saved). */
  onError?(section: string, error: unknown): void;
}

/** Apply every section once (start-up) and then on every save; returns the unsubscribe function. */
export function wireSettings(settings: SettingsPort, targets: SettingsTargets): () => void {
  const apply = (section: keyof Settings, value: unknown): void => {
    const fail = (error: unknown): void => targets.onError?.(section, error);
    try {
      switch (section) {
        case 'hotkeys':
          targets.hotkeys?.apply(value as HotkeyBinding[]);
          break;
        case 'schedule':
          targets.scheduler?.update(value as Schedule);
          break;
        case 'options': {
          const o = value as OptionSettings;
          targets.controller?.configure({ appSession: o.appSession, readIntervalSeconds: o.readIntervalSeconds });
          targets.auth?.setStoreTokensWithoutKeyring(o.storeTokensWithoutKeyring).catch(fail);
          targets.setLaunchAtLogin?.(o.launchAtLogin);
          break;
        }
        case 'machineRules':
          targets.machine?.setMachineRules(value as MachineRules);
          break;
        case 'connection':
          targets.auth?.setConnection(value as ConnectionSettings).catch(fail);
          break;
        default:
          break;
      }
    } catch (error) {
      fail(error);
    }
  };
  const current = settings.get();
  targets.hotkeys?.apply(current.hotkeys);
  targets.setLaunchAtLogin?.(current.options.launchAtLogin);
  return settings.onChange((section, value) => apply(section, value));
}


/**
 * True when a connection change needs a restart: the Graph client is built for one cloud and the app
 * session is keyed on the client id, so those two take effect on a fresh start (a tenant change only
 * re-signs in, which the sign-in service does by itself).
 */
export function connectionNeedsRestart(running: ConnectionSettings, saved: ConnectionSettings): boolean {
  return running.cloud !== saved.cloud || running.clientId.trim() !== saved.clientId.trim();
}

/**
 * Restart when a saved connection needs it (see {@link connectionNeedsRestart}): `restart` relaunches the app.
 * Returns the unsubscribe function.
 */
export function restartOnConnectionChange(port: SettingsPort, log: { info(message: string): void }, restart: () => void): () => void {
  const running = port.get().connection;
  return port.onChange((section, value) => {
    if (section !== 'connection' || !connectionNeedsRestart(running, value as ConnectionSettings)) return;
    log.info('connection changed: restarting to use the new cloud or client id');
    restart();
  });
}
