/**
 * Work-hour schedules (docs/architecture.md#schedules): the rule model and its validation, the pure functions that say what the
 * schedule holds over time, and the Scheduler that applies it through the controller at each boundary.
 */
export * from './types.ts';
export { validateSchedule, STATUS_MESSAGE_MAX, RULES_MAX, RULE_NAME_MAX } from './validate.ts';
export type { ScheduleValidation } from './validate.ts';
export { transitions, stateAt, scheduleZone } from './transitions.ts';
export type { ZoneOptions } from './transitions.ts';
export { weekPreview } from './preview.ts';
export { systemTimeZone, isValidTimeZone } from '../time/zoned-time.ts';
export { Scheduler } from './scheduler.ts';
export type { SchedulerOptions, ScheduleListener, ReevaluateReason } from './scheduler.ts';
export { nodeSchedulePlanner, clockPlanner } from './job-planner.ts';
export type { JobPlanner } from './job-planner.ts';
