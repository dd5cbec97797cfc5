/**
 * What each protocol command does: one call to the controller's public API, with the caller's `source`
 * (`cli` for the endpoint, `link` for links), exactly as the tray makes it. Nothing here reads tokens, signs
 * out or changes the connection: the controller interface below has no such methods.
 */
import type { Clock } from '../clock.ts';
import type { AppError } from '../errors.ts';
import type { Outcome, PresenceState, Source, Until } from '../control/types.ts';
import type { PresenceKey } from '../presence/index.ts';
import { DAY_MS, fromWall, MINUTE_MS, toWall, wallDayStart } from '../time/zoned-time.ts';
import { COMMAND_FIELDS, PROTOCOL_VERSION, WRITE_COMMANDS, type CommandName, type Request } from './protocol.ts';
import { statusView, type StatusView } from './status-view.ts';
import { isAppError, parseUntilWords, presenceFromWord, presenceWordList, type UntilSpec } from './words.ts';
import { FIELDS, fieldProblem } from '../settings/fields.ts';

/** The part of the controller's public API that outside clients reach (docs/architecture.md#the-controller). */
export interface RemoteController {
  set(presence: PresenceKey, opts: { until?: Until; source: Source }): Promise<Outcome>;
  clear(opts: { source: Source }): Promise<Outcome>;
  setStatusMessage(text: string, opts: { until?: Until; source: Source }): Promise<Outcome>;
  clearStatusMessage(opts: { source: Source }): Promise<Outcome>;
  pauseSchedule(opts?: { until?: Until }): Promise<Outcome>;
  resumeSchedule(): Promise<Outcome>;
  refresh(): Promise<Outcome>;
  state(): PresenceState;
  onState(listener: (state: PresenceState) => void): () => void;
}

/** What a command needs besides the request. */
export interface CommandContext {
  controller: RemoteController;
  source: Source;
  clock: Pick<Clock, 'now'>;
  /** The zone a clock time (`until 15:00`) is read in: the schedule's, else the system's. */
  timeZone(): string;
  /** The app's version, for `hello`. */
  version: string;
  /**
   * The latest published state, when the caller keeps it (the endpoint does, from `onState`), so the sign-in
   * check before a write does not rebuild the whole state on the command's path. Default: `controller.state()`.
   */
  latestState?: () => PresenceState;
  /** Apply the preset named so (its presence and message together); absent: no presets here. */
  applyPreset?(name: string, source: Source): Promise<Outcome>;
}

/** A command's answer: a result, or an error with a stable code. */
export type CommandAnswer = { ok: true; result: unknown } | { ok: false; error: AppError };

/** The next instant the wall-clock time `hour:minute` happens in `zone` after `now` (today, else tomorrow). */
export function nextClockTime(hour: number, minute: number, now: number, zone: string): number {
  const today = wallDayStart(toWall(now, zone)) + (hour * 60 + minute) * MINUTE_MS;
  const at = fromWall(today, zone);
  return at > now ? at : fromWall(today + DAY_MS, zone);
}

/** Turn a parsed end into the controller's `Until`, resolving a clock time against the context's clock and zone. */
export function untilOf(spec: UntilSpec, ctx: Pick<CommandContext, 'clock' | 'timeZone'>): Until {
  if (spec.kind === 'until') return spec.until;
  return { kind: 'at', instant: new Date(nextClockTime(spec.hour, spec.minute, ctx.clock.now(), ctx.timeZone())).toISOString() };
}

function fail(code: string, message: string, field?: string): CommandAnswer {
  return { ok: false, error: field ? { code, message, field } : { code, message } };
}

/** Why a write must be refused now (signed out or expired), or null. */
export function signInRefusal(state: PresenceState): AppError | null {
  if (state.auth.status === 'signed-out') {
    return { code: 'signed-out', message: 'Presence Tray is not signed in, so nothing was changed. Sign in from its tray menu (Sign in…), then try again.' };
  }
  if (state.auth.status === 'expired') {
    return { code: 'sign-in-expired', message: 'Presence Tray\'s sign-in has expired, so nothing was changed. Sign in again from its tray menu, then try again.' };
  }
  return null;
}

function answer(outcome: Outcome, controller: RemoteController): CommandAnswer {
  if (outcome.outcome === 'failed') return { ok: false, error: outcome.error ?? { code: 'internal', message: 'The command failed.' } };
  return { ok: true, result: { outcome: outcome.outcome, status: statusView(controller.state()) } };
}

function parseEnd(text: string | undefined, ctx: CommandContext): { until?: Until } | AppError {
  if (text === undefined) return {};
  const spec = parseUntilWords(text);
  return isAppError(spec) ? spec : { until: untilOf(spec, ctx) };
}

/** Run one checked request (not `watch`, which the server handles). Never throws. */
export async function runCommand(request: Request, ctx: CommandContext): Promise<CommandAnswer> {
  const { controller, source } = ctx;
  try {
    if (WRITE_COMMANDS.includes(request.cmd)) {
      const refusal = signInRefusal(ctx.latestState?.() ?? controller.state());
      if (refusal) return { ok: false, error: refusal };
    }
    const end = parseEnd(request.until, ctx);
    if (isAppError(end)) return { ok: false, error: end };
    switch (request.cmd) {
      case 'hello':
        return { ok: true, result: { app: 'presence-tray', version: ctx.version, protocol: PROTOCOL_VERSION, commands: Object.keys(COMMAND_FIELDS) } };
      case 'status':
      case 'watch':
        return { ok: true, result: statusView(controller.state()) satisfies StatusView };
      case 'set': {
        const presence = presenceFromWord(request.presence ?? '');
        if (!presence) {
          const named = request.presence === undefined ? 'No presence was given' : `"${request.presence}" is not a presence`;
          return fail('invalid-presence', `${named}. Use one of: ${presenceWordList()}.`, 'presence');
        }
        return answer(await controller.set(presence, { ...end, source }), controller);
      }
      case 'reset':
        return answer(await controller.clear({ source }), controller);
      case 'message': {
        const text = (request.text ?? '').trim();
        if (text === '') return fail('invalid-status-message', 'The message is empty; to remove the message use clear-message.', 'text');
        // The same rule as the window, IPC and the settings file (one declaration: FIELDS.statusText).
        const problem = fieldProblem(FIELDS.statusText, text);
        if (problem) return fail('invalid-status-message', problem, 'text');
        return answer(await controller.setStatusMessage(text, { ...end, source }), controller);
      }
      case 'clear-message':
        return answer(await controller.clearStatusMessage({ source }), controller);
      case 'pause':
        return answer(await controller.pauseSchedule(end), controller);
      case 'resume':
        return answer(await controller.resumeSchedule(), controller);
      case 'refresh':
        return answer(await controller.refresh(), controller);
      case 'preset':
        if (!request.name?.trim()) return fail('unknown-preset', 'Name the preset, e.g. presencectl preset Lunch.', 'name');
        if (!ctx.applyPreset) return fail('unknown-preset', 'Presets cannot be applied here.', 'name');
        return answer(await ctx.applyPreset(request.name, source), controller);
      default: {
        const cmd: never = request.cmd;
        return fail('unknown-command', `"${String(cmd)}" is not a command.`, 'cmd');
      }
    }
  } catch (error) {
    return fail('internal', `The command failed inside the app: ${error instanceof Error ? error.message : String(error)}`);
  }
}

/** True for the commands that change something. */
export function isWriteCommand(cmd: CommandName): boolean {
  return WRITE_COMMANDS.includes(cmd);
}
