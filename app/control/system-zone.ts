/**
 * The machine's time zone, read again at most once a minute or after `forget()` (a zone, clock or sleep event).
 * Reading it builds an Intl formatter (about 0.1 ms), and the controller builds its state on every change:
 * reading it each time cost more than a command's own request.
 */
import type { Clock } from '../clock.ts';
import { systemTimeZone } from '../time/zoned-time.ts';

/** The zone is read again at least this often (a zone change without an event is seen within it). */
const ZONE_REREAD_MS = 60_000;

/** A cached reader of the machine's zone: `zone()` reads it, `forget()` makes the next read fresh. */
export interface SystemZone {
  zone(): string;
  forget(): void;
}

/** A cached reader of the system zone on `clock`'s monotonic time. */
export function cachedSystemZone(clock: Pick<Clock, 'monotonic'>, read: () => string = systemTimeZone): SystemZone {
  let last: { zone: string; at: number } | null = null;
  return {
    zone() {
      const at = clock.monotonic();
      if (!last || at - last.at >= ZONE_REREAD_MS || at < last.at) last = { zone: read(), at };
      return last.zone;
    },
    forget() {
      last = null;
    },
  };
}
