/** What the presence controller is built from, and the options of its commands. */
import type { Clock } from '../clock.ts';
import type { PresenceGraph } from '../graph/types.ts';
import type { ControllerOptions } from './model.ts';
import type { SystemZone } from './system-zone.ts';
import type { ControlLog, IntentStore, ScheduleSource, Source, TokenSource, Until } from './types.ts';

/** What the controller is built from (createCore wires these). */
export interface ControllerDeps {
  graph: PresenceGraph;
  clock: Clock;
  tokens: TokenSource;
  /** The schedule; absent or returning null means no schedule is enabled. */
  schedule?: ScheduleSource | null;
  /** Where the manual intent, status message and pause survive a restart. */
  store?: IntentStore | null;
  log?: ControlLog | null;
  /** The machine's zone, shared with the Scheduler (createCore); absent: the controller caches its own. */
  systemZone?: SystemZone;
  options: ControllerOptions;
}

/** Options of {@link PresenceController.set} and {@link PresenceController.setStatusMessage}. */
export interface SetOptions {
  until?: Until;
  source: Source;
  /** The preset the choice comes from (its name): the focus timer counts it down, Reset ends its message too. */
  preset?: string;
}
