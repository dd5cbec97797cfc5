/**
 * Types shared by the per-area handler modules (as in gitify, one `xHandlers()` per area): each area
 * implements its channels after the payload check has passed, so its requests are already typed.
 */
import type { Outcome, PresenceState } from '../../control/types.ts';
import type { PresenceKey, Source, Until } from '../../vocabulary.ts';
import type { Channel, RequestOf, ResponseOf } from '../contract.ts';

/** Implementations of some channels, called only with a request that passed the channel's check. */
export type AreaHandlers<C extends Channel> = { [K in C]: (request: RequestOf<K>) => Promise<ResponseOf<K>> | ResponseOf<K> };

/** The controller commands the window may send (the PresenceController's API, docs/architecture.md#the-controller). */
export interface IpcController {
  state(): PresenceState;
  set(presence: PresenceKey, opts: { until?: Until; source: Source }): Promise<Outcome>;
  clear(opts: { source: Source }): Promise<Outcome>;
  setStatusMessage(text: string, opts: { until?: Until; source: Source }): Promise<Outcome>;
  clearStatusMessage(opts: { source: Source }): Promise<Outcome>;
  pauseSchedule(opts: { until?: Until }): Promise<Outcome>;
  resumeSchedule(): Promise<Outcome>;
  /** When `until` ends, resolved now (presets fill `{end}` with it). */
  endOf(until: Until | undefined): { endsAt: number | null; now: number };
}

/** The sign-in operations the window may start (the AuthService's, app/auth/). */
export interface IpcAuth {
  signIn(): Promise<unknown>;
  signInWithDeviceCode(): Promise<unknown>;
  cancelSignIn(): void;
  signOut(): Promise<void>;
}
