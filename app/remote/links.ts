/**
 * `presence-tray://` links (docs/protocol.md, "Links"). A link may come from any web page, so it is held to
 * less than the command line: only the presence, message and pause commands, every part checked strictly
 * (an unknown command, parameter, duplicate, user, port, fragment or path is refused), a few per minute at
 * most, each logged with where it came from. A refused link changes nothing; the caller shows the reason.
 *
 *   presence-tray://set?presence=busy&for=PT1H        presence-tray://reset
 *   presence-tray://message?text=At%20lunch&for=PT1H  presence-tray://clear-message
 *   presence-tray://pause?for=PT1H                    presence-tray://resume
 */
import type { Clock } from '../clock.ts';
import type { ControlLog } from '../control/types.ts';
import type { AppError } from '../errors.ts';
import { runCommand, type CommandAnswer, type CommandContext } from './commands.ts';
import { PROTOCOL_VERSION, type CommandName, type Request } from './protocol.ts';
import { isAppError, parseUntilWords, presenceFromWord } from './words.ts';

/** The scheme, without `:`. */
export const LINK_SCHEME = 'presence-tray';

/** The longest link accepted. */
export const MAX_LINK_LENGTH = 2048;

/** What each link command accepts: required and optional parameters. `for`/`until` are exclusive. */
const LINK_COMMANDS: Partial<Record<CommandName, { required: readonly string[]; optional: readonly string[] }>> = {
  set: { required: ['presence'], optional: ['for', 'until'] },
  reset: { required: [], optional: [] },
  message: { required: ['text'], optional: ['for', 'until'] },
  'clear-message': { required: [], optional: [] },
  pause: { required: [], optional: ['for', 'until'] },
  resume: { required: [], optional: [] },
  preset: { required: ['name'], optional: [] },
};

function bad(message: string, field?: string): { ok: false; error: AppError } {
  return { ok: false, error: field ? { code: 'invalid-link', message, field } : { code: 'invalid-link', message } };
}

/** A link made into a protocol request, or the reason it was refused (`invalid-link`). */
export type ParsedLink = { ok: true; request: Request } | { ok: false; error: AppError };

/** Check a link strictly and turn it into a request. Never throws. */
export function parseLink(link: string): ParsedLink {
  if (typeof link !== 'string' || link.length > MAX_LINK_LENGTH) return bad(`A Presence Tray link is at most ${MAX_LINK_LENGTH} characters.`);
  let url: URL;
  try {
    url = new URL(link);
  } catch {
    return bad('This is not a link Presence Tray can read.');
  }
  if (url.protocol !== `${LINK_SCHEME}:`) return bad(`Only ${LINK_SCHEME}:// links are accepted.`);
  if (url.username || url.password || url.port || url.hash) return bad('A Presence Tray link has no user, password, port or #fragment.');
  const cmd = url.hostname.toLowerCase() as CommandName;
  const spec = LINK_COMMANDS[cmd];
  if (!spec) return bad(`"${url.hostname}" is not something a link can do; links can: ${Object.keys(LINK_COMMANDS).join(', ')}.`, 'command');
  if (url.pathname !== '' && url.pathname !== '/') return bad(`A Presence Tray link has nothing after ${LINK_SCHEME}://${cmd}/ but its ?parameters.`, 'path');
  const params = new Map<string, string>();
  for (const [key, value] of url.searchParams) {
    if (params.has(key)) return bad(`The parameter "${key}" is given twice.`, key);
    if (!spec.required.includes(key) && !spec.optional.includes(key)) return bad(`"${cmd}" links take no parameter "${key}".`, key);
    params.set(key, value);
  }
  for (const key of spec.required) if (!params.get(key)?.trim()) return bad(`"${cmd}" links need the parameter "${key}".`, key);
  if (params.has('for') && params.has('until')) return bad('Give "for" or "until", not both.', 'for');
  const request: Request = { v: PROTOCOL_VERSION, id: null, cmd };
  const presence = params.get('presence');
  if (presence !== undefined) {
    if (!presenceFromWord(presence)) return bad(`"${presence}" is not a presence.`, 'presence');
    request.presence = presence;
  }
  const text = params.get('text');
  if (text !== undefined) request.text = text;
  const name = params.get('name');
  if (name !== undefined) request.name = name;
  const forText = params.get('for');
  if (forText !== undefined) {
    const parsed = parseUntilWords(forText);
    if (isAppError(parsed)) return bad(parsed.message, 'for');
    if (parsed.kind === 'clock') return bad('"for" is a length of time (PT1H, 30m); use "until" for a clock time.', 'for');
    request.until = forText;
  }
  const untilText = params.get('until');
  if (untilText !== undefined) {
    const parsed = parseUntilWords(/^\d{1,2}:\d{2}$/.test(untilText) ? `until ${untilText}` : untilText);
    if (isAppError(parsed)) return bad(parsed.message, 'until');
    if (parsed.kind === 'until' && parsed.until.kind === 'duration') return bad('"until" is a clock time (15:00); use "for" for a length of time.', 'until');
    request.until = /^\d{1,2}:\d{2}$/.test(untilText) ? `until ${untilText}` : untilText;
  }
  return { ok: true, request };
}

/** How many links are accepted in how long (a sliding window). */
export interface LinkRate {
  count: number;
  windowMs: number;
}

/** The default: 5 links a minute — enough for a person clicking, too few for a page looping. */
export const DEFAULT_LINK_RATE: LinkRate = { count: 5, windowMs: 60_000 };

/** Options of {@link createLinkHandler}. */
export interface LinkHandlerOptions {
  /** The command context; its `source` should be `link`. */
  context: CommandContext;
  clock: Pick<Clock, 'monotonic'>;
  rate?: LinkRate;
  log?: ControlLog | null;
}

/**
 * What became of a link: the command's answer, or why it was refused before reaching the controller.
 * `notify` says whether to tell the person (every refusal, but only the first of a rate-limited burst).
 */
export type LinkResult = CommandAnswer & { notify: boolean };

/**
 * A handler for links from the system (`open-url`, a second instance's arguments). Every link counts
 * against the rate, malformed ones too, so a page cannot loop bad links at the person either.
 */
export function createLinkHandler(options: LinkHandlerOptions): (link: string, origin: string) => Promise<LinkResult> {
  const rate = options.rate ?? DEFAULT_LINK_RATE;
  const seen: number[] = [];
  let toldAboutRate = false;
  const log = options.log ?? null;
  return async (link, origin) => {
    const now = options.clock.monotonic();
    while (seen.length && (seen[0] as number) <= now - rate.windowMs) seen.shift();
    if (seen.length === 0) toldAboutRate = false;
    const shown = String(link).length > 200 ? `${String(link).slice(0, 200)}…` : String(link);
    if (seen.length >= rate.count) {
      log?.warn('link refused: too many', { source: 'link', origin, link: shown });
      const notify = !toldAboutRate;
      toldAboutRate = true;
      return { ok: false, notify, error: { code: 'rate-limited', message: `More than ${rate.count} Presence Tray links in a short time: this one was ignored. Wait a minute and try again.` } };
    }
    seen.push(now);
    const parsed = parseLink(link);
    if (!parsed.ok) {
      log?.warn('link refused', { source: 'link', origin, link: shown, code: parsed.error.code, reason: parsed.error.message });
      return { ...parsed, notify: true };
    }
    log?.info('link', { source: 'link', origin, cmd: parsed.request.cmd });
    const answer = await runCommand(parsed.request, options.context);
    if (!answer.ok) log?.warn('link command refused', { source: 'link', origin, cmd: parsed.request.cmd, code: answer.error.code });
    return { ...answer, notify: !answer.ok };
  };
}

/** The `presence-tray://` links among a process's arguments (Windows and Linux pass a link so). */
export function linksInArgv(argv: readonly string[]): string[] {
  return argv.filter((arg) => arg.toLowerCase().startsWith(`${LINK_SCHEME}:`));
}
