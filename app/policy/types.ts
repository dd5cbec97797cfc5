/**
 * Managed settings (issue 14, "For administrators"): what an administrator presets, and may lock, for every copy
 * on one app registration. Plain data; the window imports the view types.
 */
import type { CloudId } from '../graph/clouds.ts';
import type { Schedule } from '../schedule/types.ts';

/** Every value a policy may set, by its policy name (the registry value / plist key / JSON key). */
export interface PolicyValues {
  Cloud: CloudId;
  Tenant: string;
  ClientId: string;
  AppSession: boolean;
  /** The background read interval, seconds (the user's setting, preset or locked). */
  ReadIntervalSeconds: number;
  /** The shortest read interval a user may choose, seconds (a floor, whether or not the interval is set). */
  MinReadIntervalSeconds: number;
  /** Spread of a shared schedule boundary's writes, seconds (0: none). */
  ScheduleSpreadSeconds: number;
  /** The schedule every copy starts with (JSON text in the registry). */
  Schedule: Schedule;
}

/** A policy name. */
export type PolicyName = keyof PolicyValues;

/** Every policy name, in the order the README lists them. */
export const POLICY_NAMES = [
  'Cloud',
  'Tenant',
  'ClientId',
  'AppSession',
  'ReadIntervalSeconds',
  'MinReadIntervalSeconds',
  'ScheduleSpreadSeconds',
  'Schedule',
] as const satisfies readonly PolicyName[];

/** One managed value: locked (mandatory: the user cannot change it) or a preset (recommended: a default). */
export interface Managed<T> {
  value: T;
  locked: boolean;
  /** The machine-wide policy, or the per-user one. */
  scope: 'machine' | 'user';
}

/** A checked policy: each value the administrator set and that passed its check. */
export type Policy = { [N in PolicyName]?: Managed<PolicyValues[N]> };

/** What a policy source said before any check: mandatory values, and recommended ones. */
export interface RawPolicy {
  locked: Record<string, unknown>;
  recommended: Record<string, unknown>;
}

/** A setting the window shows, by its settings path, and how it is managed. */
export type ManagedField = 'connection.cloud' | 'connection.tenant' | 'connection.clientId' | 'options.appSession' | 'options.readIntervalSeconds' | 'schedule';

/** What the window is told: which fields the organization set, and which of them are locked. */
export interface ManagedView {
  fields: Partial<Record<ManagedField, 'locked' | 'preset'>>;
  /** The shortest read interval allowed, seconds, when a policy sets a floor. */
  minReadIntervalSeconds?: number;
}

/** The settings path of each policy value the window shows (the spread and the floor are not user settings). */
export const FIELD_OF: Partial<Record<PolicyName, ManagedField>> = {
  Cloud: 'connection.cloud',
  Tenant: 'connection.tenant',
  ClientId: 'connection.clientId',
  AppSession: 'options.appSession',
  ReadIntervalSeconds: 'options.readIntervalSeconds',
  Schedule: 'schedule',
};
