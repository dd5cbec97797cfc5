/**
 * The ONE place IPC handlers are registered (modelled on electron/fiddle's wrapper): every channel of the
 * contract goes through {@link registerIpcHandlers}, which refuses any sender that is not the settings
 * window's top frame on the app's own page before the handler sees the payload, and turns anything thrown
 * into a typed error, so nothing crosses IPC but an {@link IpcReply}.
 */
import type { IpcMain, IpcMainInvokeEvent, WebContents } from 'electron';
import { toAppError } from '../errors.ts';
import { CHANNEL_PREFIX, CHANNELS, STATE_EVENT, type IpcReply } from '../ipc/contract.ts';
import type { IpcHandlers } from '../ipc/handlers.ts';
import type { PresenceState } from '../control/types.ts';
import { checkSender, type SenderFacts, type TrustedSender } from './sender.ts';

/** The part of `ipcMain` the bridge uses. */
export type BridgeIpcMain = Pick<IpcMain, 'handle' | 'removeHandler'>;

/** The facts the sender check needs, read off an invoke event. */
export function senderFacts(event: Pick<IpcMainInvokeEvent, 'sender' | 'senderFrame'>): SenderFacts {
  const frame = event.senderFrame;
  return { webContentsId: event.sender.id, topFrame: frame !== null && frame.parent === null, url: frame?.url ?? null };
}

/** Told about each refused sender (for the log; never the payload). */
export type RefusalListener = (channel: string, facts: SenderFacts) => void;

/**
 * Register a handler for every channel; returns the function that removes them all (quit, tests).
 * `trusted()` is read on every message, so a closed or re-created window is judged as it is now.
 */
export function registerIpcHandlers(
  ipcMain: BridgeIpcMain,
  handlers: IpcHandlers,
  trusted: () => TrustedSender,
  onRefused: RefusalListener = () => {},
): () => void {
  for (const channel of CHANNELS) {
    ipcMain.handle(`${CHANNEL_PREFIX}${channel}`, async (event, payload: unknown): Promise<IpcReply<unknown>> => {
      try {
        const facts = senderFacts(event);
        const refusal = checkSender(facts, trusted());
        if (refusal) {
          onRefused(channel, facts);
          return { ok: false, error: refusal };
        }
        return await handlers[channel](payload);
      } catch (error) {
        return { ok: false, error: toAppError(error) };
      }
    });
  }
  return () => {
    for (const channel of CHANNELS) ipcMain.removeHandler(`${CHANNEL_PREFIX}${channel}`);
  };
}

/** Push a state to the window (the preload forwards it to `onState` listeners). */
export function sendState(contents: Pick<WebContents, 'send' | 'isDestroyed'> | null, state: PresenceState): void {
  if (contents && !contents.isDestroyed()) contents.send(`${CHANNEL_PREFIX}${STATE_EVENT}`, state);
}
