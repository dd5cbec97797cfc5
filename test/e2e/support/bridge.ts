/**
 * `window.presenceTray` for a page under Playwright, bridged to a backend in the test process: every
 * method call crosses an exposed binding to `invoke(channel, request)` and each new state is pushed back
 * into the page, the way the preload and main do it over Electron IPC. Replies are structured-cloned first,
 * so anything Electron could not send fails here too.
 */
import type { Page } from '@playwright/test';
import type { PresenceState } from '../../../app/control/types.ts';
import type { Channel, IpcReply } from '../../../app/ipc/contract.ts';
import { CHANNELS } from '../../../app/ipc/contract.ts';

/** What the bridge talks to: main's IPC handlers and state stream, in the test process. */
export interface BridgeBackend {
  invoke(channel: Channel, request: unknown): Promise<IpcReply<unknown>>;
  onState(listener: (state: PresenceState) => void): () => void;
}

/** Every call the page made, in order (tests assert on what the window asked for). */
export interface BridgeLog {
  calls: Array<{ channel: Channel; request: unknown }>;
  stop(): void;
}

/** Install the bridge on `page`; call before the first navigation. */
export async function installBridge(page: Page, backend: BridgeBackend): Promise<BridgeLog> {
  const calls: BridgeLog['calls'] = [];
  await page.exposeBinding('__presenceTrayInvoke', async (_source, channel: Channel, request: unknown) => {
    calls.push({ channel, request });
    return structuredClone(await backend.invoke(channel, request));
  });
  await page.addInitScript((channels: readonly string[]) => {
    type Listener = (state: unknown) => void;
    // globalThis, not window: this file is also compiled without DOM types (the renderer benchmark uses it).
    const w = globalThis as unknown as Record<string, unknown>;
    const invoke = w.__presenceTrayInvoke as (channel: string, request: unknown) => Promise<unknown>;
    const listeners = new Set<Listener>();
    const api: Record<string, unknown> = {
      onState(listener: Listener) {
        listeners.add(listener);
        return () => listeners.delete(listener);
      },
    };
    for (const channel of channels) api[channel] = (request?: unknown) => invoke(channel, request);
    // Frozen like a contextBridge object: the page cannot swap methods.
    w.presenceTray = Object.freeze(api);
    w.__presenceTrayEmit = (state: unknown) => {
      for (const listener of listeners) listener(state);
    };
  }, CHANNELS);
  const stop = backend.onState((state) => {
    const cloned = structuredClone(state);
    page
      .evaluate((s) => (globalThis as unknown as { __presenceTrayEmit?: (s: unknown) => void }).__presenceTrayEmit?.(s), cloned)
      .catch(() => undefined); // the page may be navigating or closed; the next load reads state afresh
  });
  return { calls, stop };
}
