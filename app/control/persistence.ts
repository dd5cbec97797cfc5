/**
 * Persistence of the intent: the manual choice, the status message and the pause survive a restart. The
 * runner calls `save` after every change; the write happens once the request the change starts has left
 * (after-request.ts), once for a burst of changes, and only when one of the three
 * differs from what was saved last (they are immutable, so a changed part is a new object). A failing store
 * is logged, never fatal.
 */
import { toAppError } from '../errors.ts';
import type { AfterRequest } from './after-request.ts';
import type { Model } from './model.ts';
import { restoreSaved, toSaved } from './saved-intent.ts';
import type { ControlLog, IntentStore } from './types.ts';

/** The intent as last saved or loaded. */
export interface Persistence {
  /** What still holds of the saved intent at `now`, or nothing when there is no store or it cannot be read. */
  load(now: number): Pick<Model, 'manual' | 'status' | 'pause'>;
  /** Save `m`'s intent once `after` runs (after the request has left) if it changed since the last save or load. */
  save(m: Model): void;
}

/** Persistence over `store` (none: nothing is kept), writing on the turns `after` runs. */
export function persistence(store: IntentStore | null, log: ControlLog, after: AfterRequest): Persistence {
  let last: Pick<Model, 'manual' | 'status' | 'pause'> = { manual: null, status: null, pause: null };
  // The newest intent asked to be saved, while its write waits for `after`.
  let waiting: Model | null = null;
  const write = (): void => {
    const m = waiting;
    waiting = null;
    if (m === null || (m.manual === last.manual && m.status === last.status && m.pause === last.pause)) return;
    last = { manual: m.manual, status: m.status, pause: m.pause };
    try {
      store?.save(toSaved(m.manual, m.status, m.pause));
    } catch (error) {
      log.error('could not save the intent', { code: toAppError(error).code });
    }
  };
  return {
    load(now) {
      if (!store) return last;
      let saved;
      try {
        saved = store.load();
      } catch (error) {
        log.warn('could not load the saved intent; starting without it', { code: toAppError(error).code });
        return last;
      }
      const restored = restoreSaved(saved, now);
      if (restored.malformed) log.warn('part of the saved intent is malformed; ignoring that part');
      last = { manual: restored.manual, status: restored.status, pause: restored.pause };
      log.info('saved intent loaded', { intent: last.manual?.presence ?? null, until: last.manual?.endsAt ?? null, paused: !!last.pause });
      return last;
    },
    save(m) {
      if (!store) return;
      if (waiting === null) after.run(write);
      waiting = m;
    },
  };
}
