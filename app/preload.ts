/**
 * The preload of the settings window (sandboxed, bundled to CommonJS): exposes `window.presenceTray`, one
 * method per IPC channel plus `onState`, and nothing else.
 */
import { contextBridge, ipcRenderer } from 'electron';
import { CHANNEL_PREFIX, STATE_EVENT, type IpcReply } from './ipc/contract.ts';
import type { PresenceState } from './control/types.ts';
import { buildPresenceTrayApi } from './ipc/preload-api.ts';

const api = buildPresenceTrayApi(
  (channel, request) => ipcRenderer.invoke(`${CHANNEL_PREFIX}${channel}`, request) as Promise<IpcReply<unknown>>,
  (listener) => {
    const forward = (_event: unknown, state: PresenceState): void => listener(state);
    ipcRenderer.on(`${CHANNEL_PREFIX}${STATE_EVENT}`, forward);
    return () => void ipcRenderer.removeListener(`${CHANNEL_PREFIX}${STATE_EVENT}`, forward);
  },
);

contextBridge.exposeInMainWorld('presenceTray', api);
