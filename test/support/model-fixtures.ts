/**
 * Plain values for the pure table tests of the controller (reduce, plan, next effect): built the way the
 * controller builds them, so a table row reads as the situation it describes.
 */
import type { ManualChoice } from '../../app/control/saved-intent.ts';

/** A tray choice of `presence` made at `since`, until `endsAt` (epoch ms; null: until I change it). */
export function manualChoice(presence: ManualChoice['presence'], endsAt: number | null, since: number): ManualChoice {
  return {
    presence,
    source: 'tray',
    since,
    until: endsAt === null ? { kind: 'forever' } : { kind: 'at', instant: new Date(endsAt).toISOString() },
    endsAt,
  };
}
