/**
 * What the window knows: the latest presence state (pushed by main), the saved settings and facts about
 * the app. Sections read from it and subscribe to state; drafts live in the sections, so a pushed state
 * never overwrites what the user is editing.
 */
import type { PresenceState } from '../app/control/types.ts';
import type { AppInfo } from '../app/ipc/contract.ts';
import type { ManagedView } from '../app/policy/types.ts';
import type { Settings } from '../app/settings/types.ts';
import { api, call } from './api.ts';

/** The window's shared model. */
export class Store {
  state: PresenceState;
  settings: Settings;
  info: AppInfo;
  /** What the organization manages (policy): shown as such, read-only where locked. */
  managed: ManagedView = { fields: {} };
  private readonly listeners = new Set<(state: PresenceState) => void>();
  private readonly settingsListeners = new Set<(settings: Settings) => void>();

  constructor(state: PresenceState, settings: Settings, info: AppInfo) {
    this.state = state;
    this.settings = settings;
    this.info = info;
  }

  /** Load everything from main and start following state. */
  static async load(): Promise<Store> {
    const bridge = api();
    const [state, settings, info, managed] = await Promise.all([call(bridge.getState()), call(bridge.getSettings()), call(bridge.getAppInfo()), call(bridge.getManagedSettings())]);
    const store = new Store(state, settings, info);
    store.managed = managed;
    bridge.onState((next) => store.setState(next));
    return store;
  }

  /** Call `listener` on every new state; returns the unsubscribe function. */
  onState(listener: (state: PresenceState) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Replace the state and tell every listener. */
  setState(state: PresenceState): void {
    this.state = state;
    for (const listener of this.listeners) listener(state);
  }

  /** Call `listener` after each settings reload; returns the unsubscribe function. */
  onSettings(listener: (settings: Settings) => void): () => void {
    this.settingsListeners.add(listener);
    return () => this.settingsListeners.delete(listener);
  }

  /** Re-read the saved settings (after a save, so "revert" returns to what main really kept). */
  async reloadSettings(): Promise<Settings> {
    this.settings = await call(api().getSettings());
    for (const listener of this.settingsListeners) listener(this.settings);
    return this.settings;
  }
}
