/** A PresenceState for tests of the tray and IPC, with every field set; override what a test is about. */
import type { PresenceState } from '../../app/control/types.ts';

/** A signed-in, online state with nothing held; `patch` replaces top-level fields. */
export function makeState(patch: Partial<PresenceState> = {}): PresenceState {
  return {
    actual: { availability: 'Available', activity: 'Available', key: 'Available', statusMessage: null, readAt: '2026-11-23T08:00:00Z' },
    intent: null,
    scheduled: null,
    inCharge: 'nobody',
    machine: null,
    summary: '',
    statusMessage: null,
    pause: null,
    changedInTeams: false,
    difference: null,
    pending: null,
    lastError: null,
    network: 'online',
    auth: { status: 'signed-in', account: { name: 'Ada Lovelace', username: 'ada@contoso.com' }, deviceCode: null, persistent: true },
    appSession: false,
    demo: false,
    zone: 'UTC',
    ...patch,
  };
}
