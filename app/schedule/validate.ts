/**
 * Validation of a schedule as it comes from settings or from the window (DESIGN.md §4): every bad value gets
 * one problem naming the rule and the field, and a schedule with any problem is refused whole, so a bad rule
 * never reaches the Scheduler.
 */
import type { AppError } from '../errors.ts';
import { PRESENCE_KEYS, isPresenceKey } from '../presence/index.ts';
import type { Day, OutsidePolicy, Schedule, ScheduleRule } from './types.ts';
import { DAYS } from './types.ts';
import { FIELDS, RULE_ID_MAX, RULE_NAME_MAX as NAME_MAX, RULES_MAX as RULES_LIMIT, SCHEMAS, STATUS_TEXT_MAX, fieldProblem, isInvisible, isRecord, quote } from '../settings/fields.ts';
import { schemaMiss } from '../settings/schema-check.ts';

/** Longest status message a rule may carry (`STATUS_TEXT_MAX`, app/settings/fields.ts). */
export const STATUS_MESSAGE_MAX = STATUS_TEXT_MAX;
/** Most rules a schedule may have (`RULES_MAX`, app/settings/fields.ts): it bounds the work of a preview. */
export const RULES_MAX = RULES_LIMIT;
/** Longest rule name (`RULE_NAME_MAX`, app/settings/fields.ts). */
export const RULE_NAME_MAX = NAME_MAX;

/** The result of {@link validateSchedule}: the clean schedule, or null with at least one problem. */
export interface ScheduleValidation {
  schedule: Schedule | null;
  problems: AppError[];
}

const START = /^([01]\d|2[0-3]):[0-5]\d$/;
const END = /^(([01]\d|2[0-3]):[0-5]\d|24:00)$/;

const show = (value: unknown): string => quote(value);

/**
 * Check `value` (anything, e.g. parsed JSON) against the schedule model. Returns the schedule with unknown
 * fields dropped and an empty status message removed, or `schedule: null` and one `invalid-schedule` problem
 * per bad value, with `field` such as `schedule.rules[2].start`.
 */
export function validateSchedule(value: unknown): ScheduleValidation {
  const problems: AppError[] = [];
  const problem = (field: string, message: string): void => {
    problems.push({ code: 'invalid-schedule', field: `schedule${field}`, message });
  };
  if (!isRecord(value)) {
    problem('', `The schedule must be an object with enabled, timeZone, rules and outside, not ${show(value)}.`);
    return { schedule: null, problems };
  }
  if (typeof value.enabled !== 'boolean') problem('.enabled', `"enabled" must be true or false, not ${show(value.enabled)}.`);
  const zone = value.timeZone;
  if (fieldProblem(FIELDS.timeZone, zone)) {
    problem('.timeZone', `Time zone ${show(zone)} is not a known IANA time zone (for example Europe/Berlin), or "system".`);
  }
  if (value.outside !== 'clear' && value.outside !== 'keep') {
    problem('.outside', `"outside" must be "clear" (Teams decides) or "keep" (leave the presence as it is), not ${show(value.outside)}.`);
  }
  const rules: ScheduleRule[] = [];
  if (!Array.isArray(value.rules)) {
    problem('.rules', `"rules" must be a list of rules, not ${show(value.rules)}.`);
  } else if (value.rules.length > RULES_MAX) {
    problem('.rules', `A schedule may have at most ${RULES_MAX} rules; this one has ${value.rules.length}.`);
  } else {
    const seen = new Set<string>();
    // Index by index: a hole in a sparse list is a missing rule, not one to skip.
    for (let index = 0; index < value.rules.length; index++) {
      const rule = validateRule(value.rules[index], `.rules[${index}]`, index, seen, problem);
      if (rule) rules.push(rule);
    }
  }
  if (problems.length > 0) return { schedule: null, problems };
  const schedule: Schedule = {
    enabled: value.enabled as boolean,
    timeZone: zone as string,
    rules,
    outside: value.outside as OutsidePolicy,
  };
  return { schedule, problems };
}

function validateRule(
  raw: unknown,
  path: string,
  index: number,
  seen: Set<string>,
  problem: (field: string, message: string) => void,
): ScheduleRule | null {
  if (!isRecord(raw)) {
    problem(path, `Rule ${index + 1} is not a rule (an object with id, name, days, start, end and presence).`);
    return null;
  }
  const name = typeof raw.name === 'string' ? raw.name.trim() : '';
  const label = name ? `Rule "${name}"` : typeof raw.id === 'string' && raw.id ? `Rule "${raw.id}"` : `Rule ${index + 1}`;
  let ok = true;
  const bad = (field: string, message: string): void => {
    ok = false;
    problem(`${path}.${field}`, `${label}: ${message}`);
  };

  if (typeof raw.id !== 'string' || raw.id.trim() === '') bad('id', `id ${show(raw.id)} must be a non-empty text.`);
  else if (raw.id.length > RULE_ID_MAX) bad('id', `the id is ${raw.id.length} characters long; use at most ${RULE_ID_MAX}.`);
  else if (seen.has(raw.id)) bad('id', `id "${raw.id}" is used by an earlier rule; every rule needs its own id.`);
  else seen.add(raw.id);

  if (!name) bad('name', 'a name is required (for example "Work hours").');
  else if ((raw.name as string).length > RULE_NAME_MAX) bad('name', `the name is ${(raw.name as string).length} characters long; use at most ${RULE_NAME_MAX}.`);

  if (!Array.isArray(raw.days)) bad('days', `days must be a list such as ["mon","tue"], not ${show(raw.days)}.`);
  else if (raw.days.length === 0) bad('days', 'no days are chosen; pick at least one day.');
  else if (raw.days.length > DAYS.length) bad('days', `${raw.days.length} days are listed; a week has ${DAYS.length}.`);
  else {
    for (let j = 0; j < raw.days.length; j++) {
      const day: unknown = raw.days[j];
      if (!(DAYS as readonly unknown[]).includes(day)) bad(`days[${j}]`, `day ${show(day)} is not one of ${DAYS.join(', ')}.`);
      else if (raw.days.indexOf(day) !== j) bad(`days[${j}]`, `${String(day)} is listed twice.`);
    }
  }

  const startOk = typeof raw.start === 'string' && START.test(raw.start);
  if (!startOk) bad('start', `start ${show(raw.start)} is not a time (use HH:MM, 00:00–23:59).`);
  const endOk = typeof raw.end === 'string' && END.test(raw.end);
  if (!endOk) bad('end', `end ${show(raw.end)} is not a time (use HH:MM, 00:00–24:00; 24:00 is the end of the day).`);
  if (startOk && endOk && raw.start === raw.end) {
    bad('end', `start and end are both "${raw.start}", so the rule never holds (for a whole day use 00:00–24:00).`);
  }

  if (!isPresenceKey(raw.presence)) bad('presence', `presence ${show(raw.presence)} is not one of ${PRESENCE_KEYS.join(', ')}.`);

  let statusMessage: string | undefined;
  if (raw.statusMessage !== undefined && raw.statusMessage !== null) {
    if (typeof raw.statusMessage !== 'string') bad('statusMessage', `the status message must be text, not ${show(raw.statusMessage)}.`);
    else if (raw.statusMessage.length > STATUS_MESSAGE_MAX) {
      bad('statusMessage', `the status message is ${raw.statusMessage.length} characters long; use at most ${STATUS_MESSAGE_MAX}.`);
    } else if ([...raw.statusMessage].some((c) => c < ' ' || c === '\u007F')) {
      bad('statusMessage', 'the status message must be one line without control characters.');
    } else if (!isInvisible(raw.statusMessage)) statusMessage = raw.statusMessage;
  }

  if (!ok) return null;
  const rule: ScheduleRule = {
    id: raw.id as string,
    name,
    days: raw.days as Day[],
    start: raw.start as string,
    end: raw.end as string,
    presence: raw.presence as ScheduleRule['presence'],
  };
  if (statusMessage !== undefined) rule.statusMessage = statusMessage;
  // Last, the stored shape itself (app/settings/fields.ts): nothing accepted here can stop the settings store.
  const miss = schemaMiss(SCHEMAS.rule, rule);
  if (miss) {
    problem(`${path}.${miss.path.replaceAll('/', '.')}`, `${label}: this rule cannot be stored (${miss.keyword}).`);
    return null;
  }
  return rule;
}
