/**
 * Check what a policy source said, value by value, with the app's own declaration of each value
 * (app/settings/fields.ts `fieldProblem`, the schedule's `validateSchedule`): a bad value is reported and
 * ignored, the others still apply. Then merge the machine-wide policy over the per-user one.
 */
import { SCHEDULE_SPREAD } from '../control/budget.ts';
import type { AppError } from '../errors.ts';
import { validateSchedule } from '../schedule/validate.ts';
import { FIELDS, fieldProblem, normalized, quote } from '../settings/fields.ts';
import type { FieldSpec } from '../settings/fields.ts';
import { POLICY_NAMES } from './types.ts';
import type { Managed, Policy, PolicyName, RawPolicy } from './types.ts';

/** The one declaration of the spread, a value only a policy sets. */
export const SPREAD_FIELD: FieldSpec = {
  name: 'policy.ScheduleSpreadSeconds',
  schema: { type: 'integer', minimum: SCHEDULE_SPREAD.min, maximum: SCHEDULE_SPREAD.max },
  message: `The schedule spread is a whole number of seconds from ${SCHEDULE_SPREAD.min} to ${SCHEDULE_SPREAD.max}.`,
  good: [0, 120, SCHEDULE_SPREAD.max],
  bad: [-1, SCHEDULE_SPREAD.max + 1, 1.5, '60', null],
};

const SPECS: Partial<Record<PolicyName, FieldSpec>> = {
  Cloud: FIELDS.cloud,
  Tenant: FIELDS.tenant,
  ClientId: FIELDS.clientId,
  AppSession: FIELDS.flag,
  ReadIntervalSeconds: FIELDS.readIntervalSeconds,
  MinReadIntervalSeconds: FIELDS.readIntervalSeconds,
  ScheduleSpreadSeconds: SPREAD_FIELD,
};

/** A checked policy and what was wrong in it. */
export interface CheckedPolicy {
  policy: Policy;
  problems: AppError[];
}

const isName = (name: string): name is PolicyName => (POLICY_NAMES as readonly string[]).includes(name);

/** Check every value of `raw` (from the `scope` policy); locked wins over a preset of the same name. */
export function checkPolicy(raw: RawPolicy, scope: Managed<unknown>['scope']): CheckedPolicy {
  const policy: Record<string, Managed<unknown>> = {};
  const problems: AppError[] = [];
  for (const locked of [false, true]) {
    for (const [name, given] of Object.entries(locked ? raw.locked : raw.recommended)) {
      const problem = (why: string): void =>
        void problems.push({ code: 'bad-policy-value', field: `policy.${name}`, message: `The ${scope} policy value ${name} (${quote(given)}) is ignored: ${why}` });
      if (!isName(name)) {
        problem('Presence Tray has no policy value of this name.');
        continue;
      }
      const value = valueOf(name, given);
      const why = value.problem;
      if (why !== null) problem(why);
      else policy[name] = { value: value.value, locked, scope };
    }
  }
  return { policy: policy as Policy, problems };
}

/** The machine-wide policy wins; the per-user one fills what it does not set. */
export function mergePolicies(machine: Policy, user: Policy): Policy {
  return { ...user, ...machine };
}

function valueOf(name: PolicyName, given: unknown): { value: unknown; problem: string | null } {
  if (name === 'Schedule') return scheduleOf(given);
  // The registry has no booleans: a DWORD 0 or 1 stands for one.
  const value = name === 'AppSession' && (given === 0 || given === 1) ? given === 1 : given;
  const spec = SPECS[name] as FieldSpec;
  return { value: normalized(spec, value), problem: fieldProblem(spec, value) };
}

function scheduleOf(given: unknown): { value: unknown; problem: string | null } {
  let value = given;
  if (typeof given === 'string') {
    try {
      value = JSON.parse(given);
    } catch {
      return { value: null, problem: 'the schedule is not JSON text.' };
    }
  }
  const { schedule, problems } = validateSchedule(value);
  if (!schedule || problems.length > 0) return { value: null, problem: problems[0]?.message ?? 'the schedule is not valid.' };
  return { value: schedule, problem: null };
}
