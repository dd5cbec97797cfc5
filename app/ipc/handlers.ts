/**
 * One handler per IPC channel (docs/architecture.md#ipc), in plain Node: each checks its payload, calls the controller,
 * the settings, hotkeys or sign-in, and answers with an {@link IpcReply}. Nothing thrown escapes: a bad
 * payload or a failure becomes `{ ok: false, error }`. The Electron bridge (app/electron/ipc-bridge.ts)
 * adds the sender check and registers these on `ipcMain`; tests and the renderer's Playwright bridge call
 * them directly over a real core.
 */
import type { Clock } from '../clock.ts';
import { toAppError } from '../errors.ts';
import type { HotkeyControl } from '../hotkeys/hotkey-service.ts';
import { accountHandlers } from './areas/account-handlers.ts';
import { appHandlers } from './areas/app-handlers.ts';
import { hotkeyHandlers } from './areas/hotkey-handlers.ts';
import { presenceHandlers } from './areas/presence-handlers.ts';
import { presetHandlers } from './areas/preset-handlers.ts';
import { firstProblem } from './areas/problems.ts';
import { settingsHandlers } from './areas/settings-handlers.ts';
import type { AreaHandlers, IpcAuth, IpcController } from './areas/types.ts';
import { CHANNELS, type AppInfo, type Channel, type IpcReply, type ResponseOf } from './contract.ts';
import type { LinkRule } from './links.ts';
import { checkPayloadLimits } from './payload-limits.ts';
import { REQUEST_CHECKS } from './payloads.ts';
import type { SettingsPort } from '../settings/settings-port.ts';
import type { ManagedView } from '../policy/types.ts';

export type { IpcAuth, IpcController } from './areas/types.ts';

/** What the handlers are built from. */
export interface IpcDeps {
  controller: IpcController;
  settings: SettingsPort;
  hotkeys: HotkeyControl;
  auth: IpcAuth;
  /** Opens a URL that passed the link allowlist in the browser (Electron: a guarded `shell.openExternal`). */
  openInBrowser(url: string): Promise<void>;
  /** Writes checked text to the clipboard (Electron: `clipboard.writeText` in main); without it `copyText` fails with a sentence. */
  writeClipboard?(text: string): Promise<void>;
  appInfo(): AppInfo;
  clock: Pick<Clock, 'now'>;
  /** Default `LINK_ALLOWLIST` (links.ts). */
  linkAllowlist?: readonly LinkRule[];
  log?: { warn(message: string, fields?: Record<string, unknown>): void };
  /** What the organization manages (policy, app/policy/); default: nothing. */
  managed?: () => ManagedView;
}

/** A handler: any payload in, a reply out, never a throw. */
export type IpcHandler<C extends Channel> = (payload: unknown) => Promise<IpcReply<ResponseOf<C>>>;

/** Every channel's handler. */
export type IpcHandlers = { readonly [C in Channel]: IpcHandler<C> };

/** Build the handlers: one area module per part of the window (gitify's registerXHandlers), one check per channel. */
export function createIpcHandlers(deps: IpcDeps): IpcHandlers {
  const impl = {
    ...presenceHandlers(deps.controller),
    ...presetHandlers(deps.controller, deps.settings),
    ...settingsHandlers(deps.settings, deps.clock, deps.managed ?? (() => ({ fields: {} }))),
    ...hotkeyHandlers(deps.settings, deps.hotkeys),
    ...accountHandlers(deps.auth),
    ...appHandlers(deps),
  } satisfies AreaHandlers<Channel>;

  const make = <C extends Channel>(channel: C): IpcHandler<C> => {
    const check = REQUEST_CHECKS[channel];
    const run = impl[channel] as (request: unknown) => Promise<ResponseOf<C>> | ResponseOf<C>;
    return async (payload) => {
      try {
        const limits = checkPayloadLimits(payload);
        const problems = limits.length ? limits : check(payload, deps.clock.now());
        if (problems.length) {
          deps.log?.warn('ipc: refused a bad payload', { channel, field: problems[0]?.field });
          return { ok: false, error: firstProblem(problems) };
        }
        return { ok: true, value: await run(payload) };
      } catch (error) {
        return { ok: false, error: toAppError(error) };
      }
    };
  };

  return Object.fromEntries(CHANNELS.map((channel) => [channel, make(channel)])) as unknown as IpcHandlers;
}

/** True when `value` names a channel (the bridge refuses anything else before looking a handler up). */
export function isChannel(value: unknown): value is Channel {
  return typeof value === 'string' && (CHANNELS as readonly string[]).includes(value);
}

/**
 * Call a handler by name, refusing unknown channels with a typed error: the single entry the Electron
 * bridge and the renderer's Playwright bridge use.
 */
export function dispatch(handlers: IpcHandlers, channel: unknown, payload: unknown): Promise<IpcReply<unknown>> {
  if (!isChannel(channel)) {
    return Promise.resolve({ ok: false, error: { code: 'unknown-channel', message: 'The window asked for something the app does not offer.' } });
  }
  return handlers[channel](payload) as Promise<IpcReply<unknown>>;
}
