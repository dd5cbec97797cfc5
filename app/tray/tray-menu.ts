/**
 * The tray menu as a pure function of the controller's state (docs/architecture.md#tray-and-hotkeys). It returns plain data shaped
 * like Electron's `MenuItemConstructorOptions`, with an `action` where Electron would take a `click`: the tray
 * service turns each action into a controller command, so the menu can be tested without Electron.
 */
import type { PresenceState, Until } from '../control/types.ts';
import type { Preset } from '../control/presets.ts';
import { PRESENCE_KEYS, PRESENCES, UNTIL_CHOICES, type PresenceKey } from '../presence/index.ts';
import { actualLabel, type TimeOptions } from './presence-words.ts';

/** What a menu item does when clicked. */
export type TrayAction =
  | { kind: 'set'; presence: PresenceKey; until?: Until }
  | { kind: 'clear' }
  | { kind: 'preset'; preset: Preset }
  | { kind: 'status'; text: string }
  | { kind: 'clear-status' }
  | { kind: 'pause'; until: Until }
  | { kind: 'resume' }
  | { kind: 'open-settings' }
  | { kind: 'sign-in' }
  | { kind: 'sign-out' }
  | { kind: 'quit' };

/** One menu item; a structural subset of Electron's MenuItemConstructorOptions plus `action`. */
export interface TrayMenuItem {
  id?: string;
  type?: 'normal' | 'separator' | 'submenu' | 'radio';
  label?: string;
  enabled?: boolean;
  checked?: boolean;
  submenu?: TrayMenuItem[];
  action?: TrayAction;
}

/** Everything the menu depends on besides the state. */
export interface TrayMenuInput extends TimeOptions {
  state: PresenceState;
  /** Status message presets from settings. */
  presets: readonly string[];
  /** Presets (presence, message and end in one click) from settings. */
  presetList?: readonly Preset[];
  /** A client id is configured (without one nothing can be sent; the menu offers set-up only). */
  configured: boolean;
}

// Menus truncate badly; a status preset or error longer than this is cut with an ellipsis.
const MAX_LABEL = 60;
const cut = (text: string): string => (text.length > MAX_LABEL ? `${text.slice(0, MAX_LABEL - 1)}…` : text);
// Electron reads `&` as a mnemonic marker on Windows/Linux; a literal one must be doubled.
const literal = (text: string): string => cut(text).replace(/&/g, '&&');
const info = (id: string, label: string): TrayMenuItem => ({ id, label: literal(label), enabled: false });
const separator: TrayMenuItem = { type: 'separator' };

/** The choice the menu marks as current: what the app holds, else what Teams shows, else none. */
export function currentChoice(state: PresenceState): PresenceKey | null {
  if (state.intent?.presence) return state.intent.presence;
  if (state.intent === null && state.inCharge === 'schedule' && state.scheduled?.presence) return state.scheduled.presence;
  return state.actual?.key ?? null;
}

/** True on first run: no client id yet, or nobody signed in. The window then opens on its first-run panel. */
export function isFirstRun(state: PresenceState, configured: boolean): boolean {
  return !configured || state.auth.status === 'signed-out';
}

function header(input: TrayMenuInput): TrayMenuItem[] {
  const { state } = input;
  const items: TrayMenuItem[] = [];
  if (state.demo) items.push(info('demo', 'DEMO — emulator, not Microsoft Teams'));
  items.push(info('actual', `Teams shows: ${actualLabel(state.actual)}`));
  const account = state.auth.account;
  const who =
    state.auth.status === 'signed-in' && account
      ? `${account.name} (${account.username})`
      : state.auth.status === 'expired'
        ? 'Sign-in expired: sign in again'
        : state.auth.status === 'signing-in'
          ? 'Signing in…'
          : input.configured
            ? 'Not signed in'
            : 'Not set up yet';
  items.push(info('account', who));
  if (state.summary) items.push(info('summary', state.summary));
  if (state.network === 'offline') items.push(info('network', 'No network: changes wait until it is back'));
  if (state.lastError) items.push(info('error', `Problem: ${state.lastError.message}`));
  return items;
}

function presenceItems(input: TrayMenuInput, current: PresenceKey | null, canSend: boolean): TrayMenuItem[] {
  const choices = PRESENCE_KEYS.map<TrayMenuItem>((key) => ({
    id: `presence-${key}`,
    type: 'radio',
    label: PRESENCES[key].label,
    checked: key === current,
    enabled: canSend,
    action: { kind: 'set', presence: key },
  }));
  const scheduleOn = input.state.scheduled !== null;
  const target = current;
  const forMenu: TrayMenuItem = {
    id: 'for',
    type: 'submenu',
    label: target ? `${PRESENCES[target].label} for…` : 'For…',
    enabled: canSend && target !== null,
    submenu: UNTIL_CHOICES.map((choice) => ({
      id: `for-${choice.id}`,
      label: choice.label,
      enabled: choice.until.kind !== 'next-rule' || scheduleOn,
      ...(target ? { action: { kind: 'set', presence: target, until: choice.until } as const } : {}),
    })),
  };
  return [...choices, forMenu, { id: 'reset', label: 'Reset status', enabled: canSend && input.state.intent !== null, action: { kind: 'clear' } }];
}

function statusItems(input: TrayMenuInput, canSend: boolean): TrayMenuItem {
  const presets = input.presets.filter((p) => p.trim() !== '');
  const current = input.state.statusMessage?.text ?? null;
  return {
    id: 'status',
    type: 'submenu',
    label: 'Status message',
    enabled: canSend,
    submenu: [
      ...(presets.length ? [] : [info('status-none', 'No presets: add some in settings')]),
      ...presets.map<TrayMenuItem>((text, i) => ({
        id: `status-${i}`,
        type: 'radio',
        label: literal(text),
        checked: text === current,
        action: { kind: 'status', text },
      })),
      separator,
      { id: 'status-clear', label: 'Clear message', enabled: current !== null, action: { kind: 'clear-status' } },
    ],
  };
}

function presetItems(input: TrayMenuInput, canSend: boolean): TrayMenuItem[] {
  const list = input.presetList ?? [];
  if (list.length === 0) return [];
  const running = input.state.intent?.preset ?? null;
  return [
    {
      id: 'presets',
      type: 'submenu',
      label: 'Presets',
      enabled: canSend,
      submenu: list.map<TrayMenuItem>((preset, i) => ({ id: `preset-${i}`, type: 'radio', label: literal(preset.name), checked: preset.name === running, action: { kind: 'preset', preset } })),
    },
  ];
}

function pauseItems(input: TrayMenuInput, canSend: boolean): TrayMenuItem {
  const paused = input.state.pause !== null;
  const scheduleOn = input.state.scheduled !== null || paused;
  return {
    id: 'pause',
    type: 'submenu',
    label: paused ? 'Schedule paused' : 'Pause schedule',
    enabled: canSend && scheduleOn,
    submenu: [
      { id: 'pause-1h', label: 'For 1 hour', action: { kind: 'pause', until: { kind: 'duration', iso: 'PT1H' } } },
      { id: 'pause-tomorrow', label: 'Until tomorrow', action: { kind: 'pause', until: { kind: 'end-of-day' } } },
      { id: 'pause-resume', label: 'Resume schedule', enabled: paused, action: { kind: 'resume' } },
    ],
  };
}

/**
 * The whole tray menu for one state: header (demo badge, real presence, account, what holds, network and
 * error lines), the six choices as radio items, "For…", "Reset status", status messages, pause, settings,
 * sign in/out and quit. On first run the menu leads with "Sign in…" and greys out what cannot work yet.
 */
export function trayMenu(input: TrayMenuInput): TrayMenuItem[] {
  const { state } = input;
  const signedIn = state.auth.status === 'signed-in';
  const busySigningIn = state.auth.status === 'signing-in';
  // Without a client id there is nowhere to send anything; signed out, commands are still kept as intent.
  const canSend = input.configured;
  const signIn: TrayMenuItem = busySigningIn
    ? { id: 'sign-in', label: 'Signing in…', enabled: false }
    : { id: 'sign-in', label: input.configured ? 'Sign in…' : 'Set up and sign in…', action: input.configured ? { kind: 'sign-in' } : { kind: 'open-settings' } };
  const items: TrayMenuItem[] = [...header(input), separator];
  if (!signedIn) items.push(signIn, separator);
  items.push(...presenceItems(input, currentChoice(state), canSend), separator);
  items.push(...presetItems(input, canSend), statusItems(input, canSend), pauseItems(input, canSend), separator);
  items.push({ id: 'open-settings', label: 'Open settings…', action: { kind: 'open-settings' } });
  if (signedIn) items.push({ id: 'sign-out', label: 'Sign out', action: { kind: 'sign-out' } });
  items.push(separator, { id: 'quit', label: 'Quit Presence Tray', action: { kind: 'quit' } });
  return items;
}

/** Every item of a menu, depth first (tests and the tray service look items up by id). */
export function flattenMenu(items: readonly TrayMenuItem[]): TrayMenuItem[] {
  return items.flatMap((item) => [item, ...(item.submenu ? flattenMenu(item.submenu) : [])]);
}
