/**
 * The window's inline checks, as plain functions with no DOM: each judges a value by the same declaration
 * main, the settings file and sign-in use (app/settings/fields.ts), so the window never refuses what main
 * accepts or the other way round. The sections show the sentence next to the field.
 */
import { FIELDS, fieldProblem } from '../app/settings/fields.ts';
import type { ConnectionSettings } from '../app/settings/types.ts';

/** Problems with a connection draft, keyed by field; empty when it can be saved. */
export function connectionProblems(c: ConnectionSettings): Partial<Record<keyof ConnectionSettings, string>> {
  const out: Partial<Record<keyof ConnectionSettings, string>> = {};
  for (const key of ['cloud', 'tenant', 'clientId'] as const) {
    const problem = fieldProblem(FIELDS[key], c[key]);
    if (problem) out[key] = problem;
  }
  return out;
}

/** The problem with a status message (or preset) as typed, or null. */
export function statusTextProblem(text: string): string | null {
  return fieldProblem(FIELDS.statusText, text);
}

/** The problem with an idle rule's minutes as typed, or null. */
export function idleMinutesProblem(text: string): string | null {
  return text.trim() === '' ? FIELDS.idleMinutes.message : fieldProblem(FIELDS.idleMinutes, Number(text));
}

/** The problem with the rules that follow the computer as a whole, or null (the same verdict main gives). */
export function machineRulesProblem(rules: unknown): string | null {
  return fieldProblem(FIELDS.machineRules, rules);
}

/** The problem with a list of presets, or null (the same verdict main gives). */
export function presetsProblem(presets: unknown): string | null {
  return fieldProblem(FIELDS.presetList, presets);
}

/** The problem with a read interval as typed (whole seconds), or null. */
export function readIntervalProblem(text: string): string | null {
  return text.trim() === '' ? FIELDS.readIntervalSeconds.message : fieldProblem(FIELDS.readIntervalSeconds, Number(text));
}
