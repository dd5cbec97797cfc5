/**
 * What survives a restart (docs/architecture.md#precedence "What survives a restart"): the manual choice, the status message and the
 * pause, as settings.saved holds them (ISO instants) and as the controller keeps them (epoch ms). A malformed
 * part of a saved file (hand-edited, older version) is dropped, never trusted; what has ended is dropped too.
 */
import { isPresenceKey } from '../presence/index.ts';
import type { PresenceKey } from '../presence/index.ts';
import { holds } from './plan.ts';
import type { StatusIntent } from './plan.ts';
import type { Intent, SavedIntent, Source, Until } from './types.ts';

/** A manual (or pushed schedule) choice as the controller keeps it: instants as epoch ms. */
export interface ManualChoice {
  presence: PresenceKey | null;
  source: Source;
  since: number;
  until: Until;
  endsAt: number | null;
  /** The preset this choice came from (its name), for the focus timer and Reset. */
  preset?: string;
}

/** The status message the user asked for (its end in epoch ms; ISO only in the state and the saved file). */
export type KeptStatus = StatusIntent;

/** The {@link Intent} the state and the store show for a choice. */
export function toIntent(m: ManualChoice): Intent {
  return {
    presence: m.presence,
    source: m.source,
    since: new Date(m.since).toISOString(),
    until: m.until,
    endsAt: m.endsAt === null ? null : new Date(m.endsAt).toISOString(),
    ...(m.preset ? { preset: m.preset } : {}),
  };
}

/** A pause as the controller keeps it: until an instant (epoch ms), or until resumed (null). */
export interface KeptPause {
  until: number | null;
}

/** What to save. */
export function toSaved(manual: ManualChoice | null, status: KeptStatus | null, pause: KeptPause | null): SavedIntent {
  return {
    intent: manual ? toIntent(manual) : null,
    statusMessage: status ? { text: status.text, until: status.endsAt === null ? null : new Date(status.endsAt).toISOString(), source: status.source } : null,
    pause: pause ? { until: pause.until === null ? null : new Date(pause.until).toISOString() } : null,
  };
}

const isInstant = (v: unknown): v is string => typeof v === 'string' && !Number.isNaN(Date.parse(v));

/** What still holds of a saved intent at `now`; `malformed` when some part had to be ignored. */
export function restoreSaved(
  saved: SavedIntent,
  now: number,
): { manual: ManualChoice | null; status: KeptStatus | null; pause: KeptPause | null; malformed: boolean } {
  let malformed = false;
  let manual: ManualChoice | null = null;
  const i = saved.intent;
  if (i) {
    const ok = (i.presence === null || isPresenceKey(i.presence)) && (i.endsAt === null || isInstant(i.endsAt)) && !!i.until && typeof i.source === 'string';
    if (!ok) malformed = true;
    else if (holds(i.endsAt === null ? null : Date.parse(i.endsAt), now)) {
      manual = { presence: i.presence, source: i.source, since: Date.parse(i.since) || now, until: i.until, endsAt: i.endsAt === null ? null : Date.parse(i.endsAt) };
      if (typeof i.preset === 'string') manual.preset = i.preset;
    }
  }
  let status: KeptStatus | null = null;
  const s = saved.statusMessage;
  if (s) {
    if (typeof s.text !== 'string' || !(s.until === null || isInstant(s.until))) malformed = true;
    else {
      const endsAt = s.until === null ? null : Date.parse(s.until);
      if (holds(endsAt, now)) status = { text: s.text, source: s.source, endsAt };
    }
  }
  let pause: KeptPause | null = null;
  const p = saved.pause;
  if (p) {
    if (!(p.until === null || isInstant(p.until))) malformed = true;
    else if (p.until === null || Date.parse(p.until) > now) pause = { until: p.until === null ? null : Date.parse(p.until) };
  }
  return { manual, status, pause, malformed };
}
