/**
 * The payload check of every IPC channel: what main accepts from the window, value by value. A check
 * returns the problems found; the handlers answer any problem with a typed error and never call through.
 */
import { isCloudId } from '../graph/clouds.ts';
import { checkCopyText } from './clipboard.ts';
import type { Channel } from './contract.ts';
import {
  bad,
  checkBoolean,
  checkInteger,
  checkObject,
  checkPresence,
  checkString,
  checkUntil,
  isRecord,
  optional,
  type Problems,
} from './checks.ts';

/** Longest status message: what Teams' own status box takes comfortably (the schedule uses the same limit). */
export const STATUS_TEXT_MAX = 280;
/** Most status presets kept; the tray menu would become unusable beyond this. */
export const PRESETS_MAX = 20;
/** Read interval bounds, seconds: faster wastes the request budget, slower makes the tray stale. */
export const READ_INTERVAL_MIN = 15;
/** See {@link READ_INTERVAL_MIN}. */
export const READ_INTERVAL_MAX = 3600;

const none = (value: unknown): Problems => (value === undefined ? [] : [bad('request', 'This request takes no data.')]);

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const DOMAIN = /^(?=.{4,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/i;

/** Connection settings: a known cloud, a tenant (`organizations`, `common`, a GUID or a domain), a GUID client id or empty. */
export function checkConnection(value: unknown, field = 'connection'): Problems {
  const shape = checkObject(value, field, ['cloud', 'tenant', 'clientId']);
  if (shape.length || !isRecord(value)) return shape;
  const problems: Problems = [];
  if (!isCloudId(value.cloud)) problems.push(bad(`${field}.cloud`, 'Choose one of the listed clouds.'));
  else if (value.cloud === 'China') {
    problems.push(bad(`${field}.cloud`, 'Presence is not available in the China (21Vianet) cloud: Microsoft Graph does not offer it there.', 'cloud-unsupported'));
  }
  const tenant = value.tenant;
  if (typeof tenant !== 'string' || tenant.length > 253) problems.push(bad(`${field}.tenant`, 'The tenant must be text.'));
  else {
    const t = tenant.trim().toLowerCase();
    if (!(t === 'organizations' || t === 'common' || GUID.test(t) || DOMAIN.test(t))) {
      problems.push(bad(`${field}.tenant`, 'The tenant is "organizations", a directory (tenant) id or a verified domain such as contoso.com.'));
    }
  }
  const clientId = value.clientId;
  if (typeof clientId !== 'string' || (clientId.trim() !== '' && !GUID.test(clientId.trim()))) {
    problems.push(bad(`${field}.clientId`, 'The client id is the Application (client) ID of your app registration: a GUID like 00000000-0000-0000-0000-000000000000.'));
  }
  return problems;
}

/** Every field of OptionSettings (a test keeps this in step with the settings defaults). */
export const OPTION_KEYS = ['appSession', 'readIntervalSeconds', 'notifications', 'launchAtLogin', 'storeTokensWithoutKeyring'] as const;

/** Option settings, every field required. */
export function checkOptions(value: unknown, field = 'options'): Problems {
  const shape = checkObject(value, field, OPTION_KEYS);
  if (shape.length || !isRecord(value)) return shape;
  return [
    ...checkBoolean(value.appSession, `${field}.appSession`),
    ...checkInteger(value.readIntervalSeconds, `${field}.readIntervalSeconds`, READ_INTERVAL_MIN, READ_INTERVAL_MAX),
    ...checkBoolean(value.notifications, `${field}.notifications`),
    ...checkBoolean(value.launchAtLogin, `${field}.launchAtLogin`),
    ...checkBoolean(value.storeTokensWithoutKeyring, `${field}.storeTokensWithoutKeyring`),
  ];
}

/** Status message text: not blank, at most {@link STATUS_TEXT_MAX} characters. */
export function checkStatusText(value: unknown, field: string): Problems {
  const problems = checkString(value, field, STATUS_TEXT_MAX, 1);
  if (!problems.length && (value as string).trim() === '') return [bad(field, 'The status message must not be blank; use Clear message instead.')];
  return problems;
}

/** Status presets: up to {@link PRESETS_MAX} distinct, non-blank messages. */
export function checkPresets(value: unknown, field = 'statusPresets'): Problems {
  if (!Array.isArray(value)) return [bad(field, 'The presets must be a list of messages.')];
  if (value.length > PRESETS_MAX) return [bad(field, `At most ${PRESETS_MAX} presets are kept.`)];
  const problems = value.flatMap((text, i) => checkStatusText(text, `${field}[${i}]`));
  const seen = new Set<string>();
  value.forEach((text, i) => {
    if (typeof text !== 'string') return;
    if (seen.has(text.trim())) problems.push(bad(`${field}[${i}]`, `"${text}" is in the list twice.`));
    seen.add(text.trim());
  });
  return problems;
}

/**
 * The structural check of each channel's request (schedules and hotkeys get their own deep validation in
 * the handler, where the problems become part of the reply).
 */
export const REQUEST_CHECKS: { readonly [C in Channel]: (value: unknown) => Problems } = {
  getState: none,
  setPresence: (v) => {
    const shape = checkObject(v, 'request', ['presence'], ['until']);
    if (shape.length || !isRecord(v)) return shape;
    return [...checkPresence(v.presence, 'request.presence'), ...optional(v.until, (u) => checkUntil(u, 'request.until'))];
  },
  clearPresence: none,
  setStatusMessage: (v) => {
    const shape = checkObject(v, 'request', ['text'], ['until']);
    if (shape.length || !isRecord(v)) return shape;
    return [...checkStatusText(v.text, 'request.text'), ...optional(v.until, (u) => checkUntil(u, 'request.until'))];
  },
  clearStatusMessage: none,
  pauseSchedule: (v) => {
    const shape = checkObject(v, 'request', [], ['until']);
    if (shape.length || !isRecord(v)) return shape;
    return optional(v.until, (u) => checkUntil(u, 'request.until'));
  },
  resumeSchedule: none,
  getSettings: none,
  previewSchedule: (v) => checkObject(v, 'request', ['schedule']),
  saveSchedule: (v) => checkObject(v, 'request', ['schedule']),
  saveHotkeys: (v) => checkObject(v, 'request', ['hotkeys']),
  getHotkeyStatus: none,
  beginHotkeyCapture: none,
  endHotkeyCapture: none,
  saveConnection: (v) => {
    const shape = checkObject(v, 'request', ['connection']);
    return shape.length || !isRecord(v) ? shape : checkConnection(v.connection);
  },
  saveOptions: (v) => {
    const shape = checkObject(v, 'request', ['options']);
    return shape.length || !isRecord(v) ? shape : checkOptions(v.options);
  },
  saveStatusPresets: (v) => {
    const shape = checkObject(v, 'request', ['presets']);
    return shape.length || !isRecord(v) ? shape : checkPresets(v.presets);
  },
  signIn: none,
  signInWithCode: none,
  cancelSignIn: none,
  signOut: none,
  getAppInfo: none,
  openLink: (v) => {
    const shape = checkObject(v, 'request', ['url']);
    return shape.length || !isRecord(v) ? shape : checkString(v.url, 'request.url', 2048, 1);
  },
  copyText: checkCopyText,
};
