/**
 * `view(model, …) → PresenceState`: the one state object every surface renders, built from the model, the
 * sign-in view and the zone. Pure; instants become ISO strings here and nowhere earlier.
 */
import { actualLabel } from '../presence/words.ts';
import { holds, inCharge } from './plan.ts';
import { isPaused, layersOf, manualInForce } from './model.ts';
import type { Model } from './model.ts';
import { toIntent } from './saved-intent.ts';
import { summarize } from './summary.ts';
import type { AuthView, PresenceState } from './types.ts';

const iso = (ms: number): string => new Date(ms).toISOString();

/** The state at `now`, given the sign-in view and the zone labels are written in. */
export function view(m: Model, now: number, auth: AuthView, zone: string): PresenceState {
  const layers = layersOf(m, now);
  const who = inCharge(layers);
  const hold = who === 'machine' ? layers.machine ?? null : null;
  const machine = hold ? { rule: hold.rule, presence: hold.presence, statusMessage: hold.statusMessage, leaseUntil: iso(hold.leaseEndsAt) } : null;
  const manual = manualInForce(m, now);
  const intent = manual ? toIntent(manual) : null;
  const pause = m.pause ? { until: m.pause.until === null ? null : iso(m.pause.until) } : null;
  return {
    actual: m.actual ? { ...m.actual } : null,
    intent,
    scheduled: m.scheduled ? { ...m.scheduled, until: m.scheduled.until === null ? null : iso(m.scheduled.until) } : null,
    inCharge: who,
    machine,
    summary: summarize({
      machine,
      now,
      zone,
      inCharge: who,
      intent,
      scheduled: m.scheduled,
      actualLabel: m.actual ? actualLabel(m.actual) : null,
      paused: pause,
    }),
    statusMessage: statusView(m, now, machine),
    pause,
    changedInTeams: m.changedOutside,
    difference: m.difference,
    pending: m.pending ? { reason: m.pending.reason, since: iso(m.pending.sinceMs) } : null,
    lastError: m.lastError,
    network: m.network,
    auth: m.authExpired && auth.status === 'signed-in' ? { ...auth, status: 'expired' } : auth,
    appSession: m.sessionRenewAt !== null,
    zone,
    demo: m.options.demo ?? false,
  };
}

function statusView(m: Model, now: number, machine: PresenceState['machine']): PresenceState['statusMessage'] {
  if (machine?.statusMessage) return { text: machine.statusMessage, until: machine.leaseUntil, source: 'machine' };
  const kept = m.status;
  if (kept && holds(kept.endsAt, now)) {
    return kept.text === '' ? null : { text: kept.text, until: kept.endsAt === null ? null : iso(kept.endsAt), source: kept.source };
  }
  const s = m.scheduled;
  if (!isPaused(m, now) && s?.statusMessage) return { text: s.statusMessage, until: s.until === null ? null : iso(s.until), source: 'schedule' };
  return null;
}
