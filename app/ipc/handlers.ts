/**
 * One handler per IPC channel (DESIGN.md §6), in plain Node: each checks its payload, calls the controller,
 * the settings, hotkeys or sign-in, and answers with an {@link IpcReply}. Nothing thrown escapes: a bad
 * payload or a failure becomes `{ ok: false, error }`. The Electron bridge (app/electron/ipc-bridge.ts)
 * adds the sender check and registers these on `ipcMain`; tests and the renderer's Playwright bridge call
 * them directly over a real core.
 */
import type { Clock } from '../clock.ts';
import type { Outcome, PresenceState, Source, Until } from '../control/types.ts';
import { AppFailure, toAppError, type AppError } from '../errors.ts';
import type { HotkeyControl } from '../hotkeys/hotkey-service.ts';
import { HOTKEY_SHAPE_CODE, validateHotkeys } from '../hotkeys/validate.ts';
import type { HotkeyBinding } from '../hotkeys/types.ts';
import type { PresenceKey } from '../presence/index.ts';
import { validateSchedule, weekPreview } from '../schedule/index.ts';
import type { ConnectionSettings, OptionSettings } from '../settings/types.ts';
import { CHANNELS, type AppInfo, type Channel, type IpcReply, type RequestOf, type ResponseOf } from './contract.ts';
import { isAllowedLink, LINK_ALLOWLIST, type LinkRule } from './links.ts';
import { REQUEST_CHECKS } from './payloads.ts';
import type { SettingsPort } from './settings-port.ts';

/** The controller commands the window may send (the PresenceController's API, DESIGN.md §3). */
export interface IpcController {
  state(): PresenceState;
  set(presence: PresenceKey, opts: { until?: Until; source: Source }): Promise<Outcome>;
  clear(opts: { source: Source }): Promise<Outcome>;
  setStatusMessage(text: string, opts: { until?: Until; source: Source }): Promise<Outcome>;
  clearStatusMessage(opts: { source: Source }): Promise<Outcome>;
  pauseSchedule(opts: { until?: Until }): Promise<Outcome>;
  resumeSchedule(): Promise<Outcome>;
}

/** The sign-in operations the window may start (the AuthService's, app/auth/). */
export interface IpcAuth {
  signIn(): Promise<unknown>;
  signInWithDeviceCode(): Promise<unknown>;
  cancelSignIn(): void;
  signOut(): Promise<void>;
}

/** What the handlers are built from. */
export interface IpcDeps {
  controller: IpcController;
  settings: SettingsPort;
  hotkeys: HotkeyControl;
  auth: IpcAuth;
  /** Opens a URL that passed the link allowlist in the browser (Electron: a guarded `shell.openExternal`). */
  openInBrowser(url: string): Promise<void>;
  appInfo(): AppInfo;
  clock: Pick<Clock, 'now'>;
  /** Default {@link LINK_ALLOWLIST}. */
  linkAllowlist?: readonly LinkRule[];
  log?: { warn(message: string, fields?: Record<string, unknown>): void };
}

/** A handler: any payload in, a reply out, never a throw. */
export type IpcHandler<C extends Channel> = (payload: unknown) => Promise<IpcReply<ResponseOf<C>>>;

/** Every channel's handler. */
export type IpcHandlers = { readonly [C in Channel]: IpcHandler<C> };

/** Implementations after the payload check; the request is typed because it passed it. */
type Impl = { [C in Channel]: (request: RequestOf<C>) => Promise<ResponseOf<C>> | ResponseOf<C> };

const ok = <T>(value: T): IpcReply<T> => ({ ok: true, value });
const fail = (error: AppError): IpcReply<never> => ({ ok: false, error });

/** One error for a list of problems: the first, with how many more there are. */
function firstProblem(problems: readonly AppError[]): AppError {
  const [first] = problems as [AppError];
  if (problems.length === 1) return first;
  return { ...first, message: `${first.message} (and ${problems.length - 1} more problem${problems.length > 2 ? 's' : ''})` };
}

/** Turn a sign-in promise into an Outcome: the window shows the reason of a failure, the state shows the rest. */
async function outcomeOf(run: () => Promise<unknown>): Promise<Outcome> {
  try {
    await run();
    return { outcome: 'applied' };
  } catch (error) {
    return { outcome: 'failed', error: toAppError(error) };
  }
}

const untilOpt = (until: Until | undefined): { until?: Until } => (until === undefined ? {} : { until });

/** Build the handlers. */
export function createIpcHandlers(deps: IpcDeps): IpcHandlers {
  const { controller, settings, hotkeys, auth } = deps;
  const source = 'window' as const;
  const impl: Impl = {
    getState: () => controller.state(),
    setPresence: (r) => controller.set(r.presence, { ...untilOpt(r.until), source }),
    clearPresence: () => controller.clear({ source }),
    setStatusMessage: (r) => controller.setStatusMessage(r.text.trim(), { ...untilOpt(r.until), source }),
    clearStatusMessage: () => controller.clearStatusMessage({ source }),
    pauseSchedule: (r) => controller.pauseSchedule(untilOpt(r.until)),
    resumeSchedule: () => controller.resumeSchedule(),
    getSettings: () => settings.get(),
    previewSchedule: (r) => {
      const { schedule, problems } = validateSchedule(r.schedule);
      return { problems, preview: schedule ? weekPreview(schedule, new Date(deps.clock.now())) : null };
    },
    saveSchedule: (r) => {
      const { schedule, problems } = validateSchedule(r.schedule);
      if (schedule && problems.length === 0) settings.save('schedule', schedule);
      return { problems };
    },
    saveHotkeys: (r) => {
      const problems = validateHotkeys(r.hotkeys);
      const shape = problems.filter((p) => p.code === HOTKEY_SHAPE_CODE);
      if (shape.length) throw new AppFailure(firstProblem(shape));
      // Chords that are invalid or duplicated are stored (the user's edit is kept) and reported per row.
      settings.save('hotkeys', r.hotkeys as HotkeyBinding[]);
      return { status: hotkeys.status() };
    },
    getHotkeyStatus: () => ({ status: hotkeys.status() }),
    beginHotkeyCapture: () => (hotkeys.beginCapture(), null),
    endHotkeyCapture: () => (hotkeys.endCapture(), null),
    saveConnection: (r) => {
      const c = r.connection as ConnectionSettings;
      settings.save('connection', { cloud: c.cloud, tenant: c.tenant.trim(), clientId: c.clientId.trim() });
      return null;
    },
    saveOptions: (r) => (settings.save('options', r.options as OptionSettings), null),
    saveStatusPresets: (r) => (settings.save('statusPresets', r.presets.map((p) => p.trim())), null),
    signIn: () => outcomeOf(() => auth.signIn()),
    signInWithCode: () => outcomeOf(() => auth.signInWithDeviceCode()),
    cancelSignIn: () => (auth.cancelSignIn(), null),
    signOut: async () => (await auth.signOut(), null),
    getAppInfo: () => deps.appInfo(),
    openLink: async (r) => {
      const deviceUri = controller.state().auth.deviceCode?.verificationUri;
      if (!isAllowedLink(r.url, deps.linkAllowlist ?? LINK_ALLOWLIST, deviceUri ? [deviceUri] : [])) {
        throw new AppFailure({
          code: 'link-not-allowed',
          message: 'This link cannot be opened from the app: only https links to Microsoft sign-in, Microsoft docs and the project page are allowed.',
          field: 'request.url',
        });
      }
      await deps.openInBrowser(r.url);
      return null;
    },
  };

  const make = <C extends Channel>(channel: C): IpcHandler<C> => {
    const check = REQUEST_CHECKS[channel];
    const run = impl[channel] as (request: unknown) => Promise<ResponseOf<C>> | ResponseOf<C>;
    return async (payload) => {
      try {
        const problems = check(payload);
        if (problems.length) {
          deps.log?.warn('ipc: refused a bad payload', { channel, field: problems[0]?.field });
          return fail(firstProblem(problems));
        }
        return ok(await run(payload));
      } catch (error) {
        return fail(toAppError(error));
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
    return Promise.resolve(fail({ code: 'unknown-channel', message: 'The window asked for something the app does not offer.' }));
  }
  return handlers[channel](payload) as Promise<IpcReply<unknown>>;
}
