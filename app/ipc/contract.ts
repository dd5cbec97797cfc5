/**
 * The one list of IPC channels between the settings window and main, with request and reply types
 * (docs/architecture.md#ipc). The preload exposes `window.presenceTray` shaped as {@link PresenceTrayApi}; main's
 * handlers are typed from the same map. This file has types and plain data only, so the renderer can
 * import it.
 */
import type { AppError } from '../errors.ts';
import type { MachineRules } from '../control/machine.ts';
import type { Preset } from '../control/presets.ts';
import type { Outcome, PresenceState, Until } from '../control/types.ts';
import type { PresenceKey } from '../presence/vocabulary.ts';
import type { Schedule, WeekPreview } from '../schedule/types.ts';
import type { HotkeyBinding, HotkeyStatus } from '../hotkeys/types.ts';
import type { ConnectionSettings, OptionSettings, Settings } from '../settings/types.ts';
import type { ManagedView } from '../policy/types.ts';

export type { HotkeyStatus } from '../hotkeys/types.ts';

/** Facts about the running app for the window's About section. */
export interface AppInfo {
  version: string;
  logFolder: string;
  demo: boolean;
  platform: string;
}

/** Every channel: its request payload and the value of a successful reply. */
export interface IpcContract {
  getState: { request: undefined; response: PresenceState };
  setPresence: { request: { presence: PresenceKey; until?: Until }; response: Outcome };
  clearPresence: { request: undefined; response: Outcome };
  setStatusMessage: { request: { text: string; until?: Until }; response: Outcome };
  clearStatusMessage: { request: undefined; response: Outcome };
  pauseSchedule: { request: { until?: Until }; response: Outcome };
  resumeSchedule: { request: undefined; response: Outcome };

  getSettings: { request: undefined; response: Settings };
  /** Which settings the organization manages (by policy), and which of them are locked. */
  getManagedSettings: { request: undefined; response: ManagedView };
  /** Validate an unsaved schedule draft and preview its next 7 days; never saves. */
  previewSchedule: { request: { schedule: Schedule }; response: { problems: AppError[]; preview: WeekPreview | null } };
  /** Save a schedule; rejected whole (with every problem) when any rule is invalid. */
  saveSchedule: { request: { schedule: Schedule }; response: { problems: AppError[] } };
  saveHotkeys: { request: { hotkeys: HotkeyBinding[] }; response: { status: HotkeyStatus[] } };
  getHotkeyStatus: { request: undefined; response: { status: HotkeyStatus[] } };
  /** The window is capturing a chord: global hotkeys are suspended until `endHotkeyCapture`. */
  beginHotkeyCapture: { request: undefined; response: null };
  endHotkeyCapture: { request: undefined; response: null };
  saveConnection: { request: { connection: ConnectionSettings }; response: null };
  saveOptions: { request: { options: OptionSettings }; response: null };
  saveStatusPresets: { request: { presets: string[] }; response: null };
  saveMachineRules: { request: { rules: MachineRules }; response: null };
  /** Apply a saved preset by name: its presence and message together. */
  applyPreset: { request: { name: string }; response: Outcome };
  /** Move the running preset's end later (the focus timer's "+15 min"). */
  extendPreset: { request: { minutes: number }; response: Outcome };
  savePresets: { request: { presets: Preset[] }; response: null };

  signIn: { request: undefined; response: Outcome };
  /** Starts a device-code sign-in; the code appears in `state.auth.deviceCode`. */
  signInWithCode: { request: undefined; response: Outcome };
  cancelSignIn: { request: undefined; response: null };
  signOut: { request: undefined; response: null };

  getAppInfo: { request: undefined; response: AppInfo };
  /** Opens an allowlisted https link (the README's registration guide, Microsoft's device-login page). */
  openLink: { request: { url: string }; response: null };
  /** Copies one line of text (device code, log folder, admin-consent link) to the clipboard, in main. */
  copyText: { request: { text: string }; response: null };
}

/** A channel name. */
export type Channel = keyof IpcContract;

/** Every channel, in one array (main registers a handler for each; tests fuzz each). */
export const CHANNELS = [
  'getState',
  'setPresence',
  'clearPresence',
  'setStatusMessage',
  'clearStatusMessage',
  'pauseSchedule',
  'resumeSchedule',
  'getSettings',
  'getManagedSettings',
  'previewSchedule',
  'saveSchedule',
  'saveHotkeys',
  'getHotkeyStatus',
  'beginHotkeyCapture',
  'endHotkeyCapture',
  'saveConnection',
  'saveMachineRules',
  'applyPreset',
  'extendPreset',
  'savePresets',
  'saveOptions',
  'saveStatusPresets',
  'signIn',
  'signInWithCode',
  'cancelSignIn',
  'signOut',
  'getAppInfo',
  'openLink',
  'copyText',
] as const satisfies readonly Channel[];

/** The event channel main uses to push every new {@link PresenceState} to the window. */
export const STATE_EVENT = 'state';

/** Prefix of every invoke channel on the wire (`presence-tray:setPresence`). */
export const CHANNEL_PREFIX = 'presence-tray:';

/** Every reply: a value, or a typed error (bad payload, unknown sender, failure). Handlers never throw across IPC. */
export type IpcReply<T> = { ok: true; value: T } | { ok: false; error: AppError };

/** Request type of a channel. */
export type RequestOf<C extends Channel> = IpcContract[C]['request'];
/** Reply value type of a channel. */
export type ResponseOf<C extends Channel> = IpcContract[C]['response'];

/** `window.presenceTray` as the renderer sees it: one method per channel, plus the state subscription. */
export type PresenceTrayApi = {
  [C in Channel]: RequestOf<C> extends undefined
    ? () => Promise<IpcReply<ResponseOf<C>>>
    : (request: RequestOf<C>) => Promise<IpcReply<ResponseOf<C>>>;
} & {
  /** Calls `listener` with each new state; returns the unsubscribe function. */
  onState(listener: (state: PresenceState) => void): () => void;
};
