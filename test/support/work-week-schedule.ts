/**
 * A work week with a "Work hours: Available" rule: the schedule the app shipped before the default let Teams
 * decide during work hours (a preference hides meetings, docs/graph.md). Tests of boundaries, pauses and
 * clock jumps use it because it changes presence at 09:00, 12:00, 13:00 and 18:00 every weekday.
 */
import { DEFAULT_SCHEDULE } from '../../app/schedule/index.ts';
import type { Schedule } from '../../app/schedule/index.ts';

/** Weekend and after hours Offline, lunch Away with "At lunch", work hours Available; disabled, system zone. */
export const WORK_WEEK_SCHEDULE: Schedule = {
  ...DEFAULT_SCHEDULE,
  rules: [
    { id: 'weekend', name: 'Weekend', days: ['sat', 'sun'], start: '00:00', end: '24:00', presence: 'Offline' },
    { id: 'lunch', name: 'Lunch', days: ['mon', 'tue', 'wed', 'thu', 'fri'], start: '12:00', end: '13:00', presence: 'Away', statusMessage: 'At lunch' },
    { id: 'work', name: 'Work hours', days: ['mon', 'tue', 'wed', 'thu', 'fri'], start: '09:00', end: '18:00', presence: 'Available' },
    { id: 'after-hours', name: 'After hours', days: ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'], start: '18:00', end: '09:00', presence: 'Offline' },
  ],
};
