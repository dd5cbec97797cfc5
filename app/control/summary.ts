/**
 * The one-line summary every surface shows: what holds, who set it and until when
 * ("Busy — set from the tray, until 15:00", "Offline — rule 'After hours', until Mon 09:00").
 */
import { PRESENCES } from '../presence/index.ts';
import { MACHINE_RULE_WORDS, shortWhen } from '../presence/words.ts';
import type { Intent, ScheduledPresence, Source } from './types.ts';

const FROM: Record<Source, string> = {
  tray: 'set from the tray',
  hotkey: 'set with a hotkey',
  window: 'set in the settings window',
  schedule: 'set by the schedule',
  cli: 'set from the command line',
  link: 'set from a link',
  machine: 'set by a rule that follows the computer',
};

/** What the summary is built from. */
export interface SummaryInput {
  now: number;
  zone: string;
  inCharge: 'machine' | 'manual' | 'schedule' | 'teams' | 'nobody';
  /** The machine rule in charge (PresenceState.machine). */
  machine?: { rule: keyof typeof MACHINE_RULE_WORDS; presence: Intent['presence'] } | null;
  intent: Intent | null;
  scheduled: ScheduledPresence | null;
  /** The key Graph last showed, for `teams` and `nobody`. */
  actualLabel: string | null;
  paused: { until: string | null } | null;
}

function until(endMs: number | null, now: number, zone: string): string {
  return endMs === null ? 'until you change it' : `until ${shortWhen(endMs, now, zone)}`;
}

/** The summary line for the state. */
export function summarize(s: SummaryInput): string {
  let line: string;
  if (s.inCharge === 'machine' && s.machine) {
    const what = s.machine.presence === null ? 'Teams decides' : PRESENCES[s.machine.presence].label;
    line = `${what} — ${MACHINE_RULE_WORDS[s.machine.rule]}, until that ends`;
  } else if (s.inCharge === 'manual' && s.intent) {
    const what = s.intent.presence === null ? 'Teams decides' : PRESENCES[s.intent.presence].label;
    const end = s.intent.endsAt === null ? null : Date.parse(s.intent.endsAt);
    line = `${what} — ${FROM[s.intent.source]}, ${until(end, s.now, s.zone)}`;
  } else if (s.inCharge === 'schedule' && s.scheduled) {
    const what = s.scheduled.presence === null ? 'Teams decides' : PRESENCES[s.scheduled.presence].label;
    const who = s.scheduled.ruleName ? `rule '${s.scheduled.ruleName}'` : 'outside the schedule';
    line = `${what} — ${who}, ${until(s.scheduled.until, s.now, s.zone)}`;
  } else if (s.inCharge === 'teams') {
    line = `${s.actualLabel ?? 'Changed'} — changed in Teams`;
  } else {
    line = s.actualLabel ? `${s.actualLabel} — Teams decides` : 'Teams decides';
  }
  if (s.paused) {
    line += s.paused.until === null ? ' (schedule paused)' : ` (schedule paused until ${shortWhen(Date.parse(s.paused.until), s.now, s.zone)})`;
  }
  return line;
}
