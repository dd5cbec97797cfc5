/**
 * The payload check of every IPC channel: what main accepts from the window, value by value. A check
 * returns the problems found; the handlers answer any problem with a typed error and never call through.
 */
import { FIELDS, PRESETS_MAX as PRESETS_LIMIT, READ_INTERVAL, STATUS_TEXT_MAX as STATUS_LIMIT, fieldProblem, type FieldSpec } from '../settings/fields.ts';
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
  join,
  isRecord,
  optional,
  type Problems,
} from '../settings/value-checks.ts';

/** See `STATUS_TEXT_MAX` in app/settings/fields.ts. */
export const STATUS_TEXT_MAX = STATUS_LIMIT;
/** See `PRESETS_MAX` in app/settings/fields.ts. */
export const PRESETS_MAX = PRESETS_LIMIT;
/** See `READ_INTERVAL` in app/settings/fields.ts. */
export const READ_INTERVAL_MIN = READ_INTERVAL.min;
/** See `READ_INTERVAL` in app/settings/fields.ts. */
export const READ_INTERVAL_MAX = READ_INTERVAL.max;

const declared = (spec: FieldSpec, value: unknown, field: string): Problems => {
  const problem = fieldProblem(spec, value);
  return problem ? [bad(field, problem)] : [];
};

const none = (value: unknown): Problems => (value === undefined ? [] : [bad('request', 'This request takes no data.')]);

/** Connection settings, each value by its declaration (app/settings/fields.ts); China gets its own code. */
export function checkConnection(value: unknown, field = 'connection'): Problems {
  const shape = checkObject(value, field, ['cloud', 'tenant', 'clientId']);
  if (shape.length || !isRecord(value)) return shape;
  const problems: Problems = [];
  const cloud = fieldProblem(FIELDS.cloud, value.cloud);
  if (cloud) problems.push(bad(`${field}.cloud`, cloud, value.cloud === 'China' ? 'cloud-unsupported' : 'invalid-payload'));
  for (const key of ['tenant', 'clientId'] as const) {
    const problem = fieldProblem(FIELDS[key], value[key]);
    if (problem) problems.push(bad(`${field}.${key}`, problem));
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
    ...declared(FIELDS.readIntervalSeconds, value.readIntervalSeconds, `${field}.readIntervalSeconds`),
    ...checkBoolean(value.notifications, `${field}.notifications`),
    ...checkBoolean(value.launchAtLogin, `${field}.launchAtLogin`),
    ...checkBoolean(value.storeTokensWithoutKeyring, `${field}.storeTokensWithoutKeyring`),
  ];
}

/** Status message text, by its declaration: something visible, at most {@link STATUS_TEXT_MAX} characters. */
export function checkStatusText(value: unknown, field: string): Problems {
  if (typeof value === 'string' && value.trim() === '') return [bad(field, 'The status message must not be blank; use Clear message instead.')];
  const problem = fieldProblem(FIELDS.statusText, value);
  return problem ? [bad(field, problem)] : [];
}

/** Status presets: up to {@link PRESETS_MAX} distinct messages, each by the status text's declaration. */
export function checkPresets(value: unknown, field = 'statusPresets'): Problems {
  if (!Array.isArray(value)) return [bad(field, 'The presets must be a list of messages.')];
  if (value.length > PRESETS_MAX) return [bad(field, `At most ${PRESETS_MAX} presets are kept.`)];
  const problems: Problems = [];
  const seen = new Set<string>();
  for (let i = 0; i < value.length; i++) {
    const text: unknown = value[i];
    problems.push(...checkStatusText(text, `${field}[${i}]`));
    if (typeof text !== 'string') continue;
    if (seen.has(text.trim())) problems.push(bad(`${field}[${i}]`, 'This message is in the list twice.'));
    seen.add(text.trim());
  }
  return problems;
}

/** Each row's `until` of a hotkey table, against `now`: an `at` that has passed (or is months away) can never work. */
function checkHotkeyInstants(value: unknown, now: number | undefined): Problems {
  if (now === undefined || !Array.isArray(value)) return [];
  return value.flatMap((row: unknown, i) => {
    const command = isRecord(row) ? row.command : undefined;
    const until = isRecord(command) ? command.until : undefined;
    return isRecord(until) && until.kind === 'at' ? checkUntil(until, join(`hotkeys[${i}].command`, 'until'), now) : [];
  });
}

/**
 * The structural check of each channel's request (schedules and hotkeys get their own deep validation in
 * the handler, where the problems become part of the reply).
 */
export const REQUEST_CHECKS: { readonly [C in Channel]: (value: unknown, now?: number) => Problems } = {
  getState: none,
  setPresence: (v, now) => {
    const shape = checkObject(v, 'request', ['presence'], ['until']);
    if (shape.length || !isRecord(v)) return shape;
    return [...checkPresence(v.presence, 'request.presence'), ...optional(v.until, (u) => checkUntil(u, 'request.until', now))];
  },
  clearPresence: none,
  setStatusMessage: (v, now) => {
    const shape = checkObject(v, 'request', ['text'], ['until']);
    if (shape.length || !isRecord(v)) return shape;
    return [...checkStatusText(v.text, 'request.text'), ...optional(v.until, (u) => checkUntil(u, 'request.until', now))];
  },
  clearStatusMessage: none,
  pauseSchedule: (v, now) => {
    const shape = checkObject(v, 'request', [], ['until']);
    if (shape.length || !isRecord(v)) return shape;
    return optional(v.until, (u) => checkUntil(u, 'request.until', now));
  },
  resumeSchedule: none,
  getSettings: none,
  getManagedSettings: none,
  previewSchedule: (v) => checkObject(v, 'request', ['schedule']),
  saveSchedule: (v) => checkObject(v, 'request', ['schedule']),
  saveHotkeys: (v, now) => {
    const shape = checkObject(v, 'request', ['hotkeys']);
    return shape.length || !isRecord(v) ? shape : checkHotkeyInstants(v.hotkeys, now);
  },
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
  saveMachineRules: (v) => {
    const shape = checkObject(v, 'request', ['rules']);
    return shape.length || !isRecord(v) ? shape : declared(FIELDS.machineRules, v.rules, 'request.rules');
  },
  applyPreset: (v) => {
    const shape = checkObject(v, 'request', ['name']);
    return shape.length || !isRecord(v) ? shape : declared(FIELDS.presetName, v.name, 'request.name');
  },
  extendPreset: (v) => {
    const shape = checkObject(v, 'request', ['minutes']);
    if (shape.length || !isRecord(v)) return shape;
    return checkInteger(v.minutes, 'request.minutes', 1, 240);
  },
  savePresets: (v) => {
    const shape = checkObject(v, 'request', ['presets']);
    return shape.length || !isRecord(v) ? shape : declared(FIELDS.presetList, v.presets, 'request.presets');
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
