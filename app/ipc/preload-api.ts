/**
 * Builds `window.presenceTray` from two functions: invoke a channel, subscribe to state. The preload passes
 * Electron's ipcRenderer; tests pass plain functions. The object is plain (one method per channel plus
 * `onState`), holds no Electron object, and never hands the renderer an IPC event (whose `sender` would
 * reach back into Electron).
 */
import type { PresenceState } from '../control/types.ts';
import { CHANNELS, type Channel, type IpcReply, type PresenceTrayApi } from './contract.ts';

/** Send a request on a channel and resolve with main's reply. */
export type Invoke = (channel: Channel, request: unknown) => Promise<IpcReply<unknown>>;
/** Listen to state pushes; returns the unsubscribe function. */
export type Subscribe = (listener: (state: PresenceState) => void) => () => void;

/** The typed window API. */
export function buildPresenceTrayApi(invoke: Invoke, subscribe: Subscribe): PresenceTrayApi {
  const api: Record<string, unknown> = {};
  for (const channel of CHANNELS) {
    // Only the first argument crosses: extra arguments from the page are dropped, not forwarded.
    api[channel] = (request?: unknown) => invoke(channel, request);
  }
  api.onState = (listener: unknown) => {
    if (typeof listener !== 'function') throw new TypeError('onState needs a function.');
    return subscribe((state) => (listener as (state: PresenceState) => void)(state));
  };
  return Object.freeze(api) as PresenceTrayApi;
}
