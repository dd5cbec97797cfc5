/**
 * The hotkey table checked as a whole: each row's shape and command, each enabled row's accelerator against
 * Electron's grammar, and chords used twice. `planHotkeys` turns a table into what to register, so the
 * Electron layer only calls `globalShortcut` for rows that can work and reports every other row.
 */
import type { AppError } from '../errors.ts';
import { bad, checkBoolean, checkObject, checkPresence, checkString, checkUntil, isRecord, optional, type Problems } from '../settings/value-checks.ts';
import { parseAccelerator } from './accelerator.ts';
import type { HotkeyBinding, HotkeyCommand, HotkeyStatus } from './types.ts';

/** More rows than anyone binds; a cap keeps a hostile payload from making main register thousands of chords. */
export const MAX_HOTKEYS = 40;

/** Code of a malformed row: the table cannot be stored. */
export const HOTKEY_SHAPE_CODE = 'invalid-hotkey';
/** Code of a chord that breaks Electron's accelerator grammar. */
export const ACCELERATOR_CODE = 'invalid-accelerator';
/** Code of a chord an earlier enabled row already uses. */
export const DUPLICATE_CODE = 'duplicate-hotkey';

/** Checks one hotkey command (`set`, `clear`, `preset`, `pause-schedule`, `resume-schedule`, `open-settings`). */
export function checkHotkeyCommand(value: unknown, field: string): Problems {
  if (!isRecord(value)) return [bad(field, `${field} must be an object with an "action".`, HOTKEY_SHAPE_CODE)];
  switch (value.action) {
    case 'set':
      return [
        ...checkObject(value, field, ['action', 'presence'], ['until']),
        ...checkPresence(value.presence, `${field}.presence`),
        ...optional(value.until, (u) => checkUntil(u, `${field}.until`)),
      ];
    case 'pause-schedule':
      return [...checkObject(value, field, ['action'], ['until']), ...optional(value.until, (u) => checkUntil(u, `${field}.until`))];
    case 'preset': {
      // The name must match a preset when the hotkey runs; here only its form (1 to 40 characters).
      const shape = checkObject(value, field, ['action', 'name']);
      return shape.length ? shape : checkString(value.name, `${field}.name`, 40, 1);
    }
    case 'clear':
    case 'resume-schedule':
    case 'open-settings':
      return checkObject(value, field, ['action']);
    default:
      return [bad(`${field}.action`, `${field}.action must be set, clear, preset, pause-schedule, resume-schedule or open-settings.`)];
  }
}

function shapeProblems(row: unknown, field: string): Problems {
  const problems = checkObject(row, field, ['id', 'accelerator', 'command', 'enabled']);
  if (isRecord(row)) {
    problems.push(
      ...checkString(row.id, `${field}.id`, 64, 1),
      ...checkString(row.accelerator, `${field}.accelerator`, 100),
      ...checkBoolean(row.enabled, `${field}.enabled`),
      ...checkHotkeyCommand(row.command, `${field}.command`),
    );
  }
  return problems.map((p) => ({ ...p, code: HOTKEY_SHAPE_CODE }));
}

/**
 * Every problem in a hotkey table read from settings or sent by the window, with a field path per problem
 * (`hotkeys[2].accelerator`). Shape problems carry code `invalid-hotkey`; grammar problems of enabled rows
 * `invalid-accelerator`; a chord already used by an earlier enabled row `duplicate-hotkey`.
 * Disabled rows may hold an empty or unfinished chord: nothing registers them.
 */
export function validateHotkeys(value: unknown, field = 'hotkeys'): AppError[] {
  if (!Array.isArray(value)) return [bad(field, 'The hotkey table must be a list.', HOTKEY_SHAPE_CODE)];
  if (value.length > MAX_HOTKEYS) return [bad(field, `At most ${MAX_HOTKEYS} hotkeys are supported.`, HOTKEY_SHAPE_CODE)];
  const problems: AppError[] = [];
  const ids = new Set<string>();
  value.forEach((row, i) => {
    const rowField = `${field}[${i}]`;
    const shape = shapeProblems(row, rowField);
    problems.push(...shape);
    if (shape.length || !isRecord(row)) return;
    if (ids.has(row.id as string)) problems.push(bad(`${rowField}.id`, `Two hotkeys share the id "${String(row.id)}".`, HOTKEY_SHAPE_CODE));
    ids.add(row.id as string);
  });
  if (problems.length) return problems;
  for (const row of planHotkeys(value as HotkeyBinding[], field)) if (row.error) problems.push(row.error);
  return problems;
}

/** True when the table has no shape problem (it can be stored, even if some chords cannot be registered). */
export function isStorableHotkeys(value: unknown): value is HotkeyBinding[] {
  return validateHotkeys(value).every((p) => p.code !== HOTKEY_SHAPE_CODE);
}

/** What to do with one row: register `accelerator` (normalised), or report the row's state. */
export interface HotkeyPlanRow extends HotkeyStatus {
  /** Set when the row should be registered (state `registered` if registration then succeeds). */
  accelerator: string | null;
  command: HotkeyCommand;
}

/**
 * Decide, per row of a storable table, whether it is disabled, invalid, a duplicate of an earlier enabled
 * row, or ready to register. Earlier rows win a duplicate chord, so the order the user sees is the rule.
 */
export function planHotkeys(bindings: readonly HotkeyBinding[], field = 'hotkeys'): HotkeyPlanRow[] {
  const taken = new Map<string, string>();
  return bindings.map((row, i) => {
    const base = { id: row.id, command: row.command };
    if (!row.enabled) return { ...base, state: 'disabled', accelerator: null };
    const parsed = parseAccelerator(row.accelerator, `${field}[${i}].accelerator`);
    if (!parsed.ok) return { ...base, state: 'invalid', accelerator: null, error: parsed.error };
    const owner = taken.get(parsed.value.normalized);
    if (owner !== undefined) {
      const error = bad(`${field}[${i}].accelerator`, `${row.accelerator} is already used by another hotkey (${owner}).`, DUPLICATE_CODE);
      return { ...base, state: 'duplicate', accelerator: null, error };
    }
    taken.set(parsed.value.normalized, row.id);
    return { ...base, state: 'registered', accelerator: parsed.value.normalized };
  });
}
