/**
 * The window's IPC channels answered by the real services, for the Playwright bridge. Each handler is the
 * thin translation main does: call the controller, the schedule module, the hotkey service or the sign-in
 * service, keep settings, and answer `{ ok, value | error }` — never a throw.
 */
import type { AuthService } from '../../../app/auth/auth-service.ts';
import type { Core } from '../../../app/core.ts';
import { toAppError } from '../../../app/errors.ts';
import type { HotkeyBinding } from '../../../app/hotkeys/types.ts';
import type { AppInfo, Channel, HotkeyStatus, IpcReply, RequestOf, ResponseOf } from '../../../app/ipc/contract.ts';
import { REQUEST_CHECKS } from '../../../app/ipc/payloads.ts';
import type { Scheduler } from '../../../app/schedule/index.ts';
import { validateSchedule, weekPreview } from '../../../app/schedule/index.ts';
import type { Settings } from '../../../app/settings/types.ts';

/** What the handlers work on. */
export interface WindowHandlerDeps {
  core: Core;
  scheduler: Scheduler;
  /** The settings object, changed in place on save. */
  settings: Settings;
  hotkeys: { status(): HotkeyStatus[]; apply(rows: readonly HotkeyBinding[]): HotkeyStatus[]; beginCapture(): void; endCapture(): void };
  /** Null when the app signs in through the emulator's token endpoint (sign-in channels then refuse). */
  auth: AuthService | null;
  openLink(url: string): void;
  info: AppInfo;
}

type Handlers = { [C in Channel]: (request: RequestOf<C>) => Promise<ResponseOf<C>> | ResponseOf<C> };

/** Build the channel → handler function. */
export function createWindowHandlers(deps: WindowHandlerDeps): (channel: Channel, request: unknown) => Promise<IpcReply<unknown>> {
  const { core, scheduler, settings } = deps;
  const controller = core.controller;
  const source = 'window' as const;
  const needAuth = (): AuthService => {
    if (!deps.auth) throw new Error('Sign-in is not available in this test app.');
    return deps.auth;
  };
  const handlers: Handlers = {
    getState: () => controller.state(),
    setPresence: (r) => controller.set(r.presence, { ...(r.until ? { until: r.until } : {}), source }),
    clearPresence: () => controller.clear({ source }),
    setStatusMessage: (r) => controller.setStatusMessage(r.text, { ...(r.until ? { until: r.until } : {}), source }),
    clearStatusMessage: () => controller.clearStatusMessage({ source }),
    pauseSchedule: (r) => controller.pauseSchedule(r.until ? { until: r.until } : {}),
    resumeSchedule: () => controller.resumeSchedule(),
    getSettings: () => structuredClone(settings),
    previewSchedule: (r) => {
      const result = validateSchedule(r.schedule);
      return { problems: result.problems, preview: result.schedule ? weekPreview(result.schedule, new Date(core.clock.now())) : null };
    },
    saveSchedule: (r) => {
      const result = validateSchedule(r.schedule);
      if (!result.schedule) return { problems: result.problems };
      settings.schedule = result.schedule;
      scheduler.update(result.schedule);
      return { problems: [] };
    },
    saveHotkeys: (r) => {
      settings.hotkeys = structuredClone(r.hotkeys);
      return { status: deps.hotkeys.apply(settings.hotkeys) };
    },
    getHotkeyStatus: () => ({ status: deps.hotkeys.status() }),
    beginHotkeyCapture: () => (deps.hotkeys.beginCapture(), null),
    endHotkeyCapture: () => (deps.hotkeys.endCapture(), null),
    saveConnection: async (r) => {
      settings.connection = { ...r.connection };
      await deps.auth?.setConnection(settings.connection);
      return null;
    },
    saveOptions: (r) => ((settings.options = { ...r.options }), null),
    saveStatusPresets: (r) => ((settings.statusPresets = [...r.presets]), null),
    signIn: async () => (await needAuth().signIn(), { outcome: 'applied' as const }),
    signInWithCode: () => {
      // The reply comes at once; the code reaches the window through state, and the sign-in finishes later.
      needAuth()
        .signInWithDeviceCode()
        .catch(() => undefined);
      return { outcome: 'queued' as const };
    },
    cancelSignIn: () => (needAuth().cancelSignIn(), null),
    signOut: async () => (await needAuth().signOut(), null),
    getAppInfo: () => deps.info,
    openLink: (r) => (deps.openLink(r.url), null),
  };
  return async (channel, request) => {
    try {
      const problems = REQUEST_CHECKS[channel](request);
      if (problems.length) return { ok: false, error: problems[0]! };
      const handler = handlers[channel] as (request: unknown) => unknown;
      return { ok: true, value: await handler(request) };
    } catch (error) {
      return { ok: false, error: toAppError(error) };
    }
  };
}
