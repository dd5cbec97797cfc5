/**
 * `presencectl`'s command line: what the words mean and the usage text. The presence words and the "for…"
 * words are the tray's own (words.ts over the presence vocabulary), checked here with the same parser the
 * endpoint uses, so a typo is a usage error (exit 2) before anything is sent.
 */
import { PRESENCE_KEYS, PRESENCES, UNTIL_CHOICES } from '../presence/index.ts';
import { isAppError, parseUntilWords, presenceFromWord, PRESENCE_WORDS } from './words.ts';

/** A command line that made sense: the protocol request to send and how to print its answer. */
export interface CliCommand {
  /** The protocol fields (without `v` and `id`). */
  request: Record<string, string>;
  json: boolean;
}

/** What the arguments ask for. */
export type CliParse =
  | { kind: 'run'; command: CliCommand }
  | { kind: 'help'; text: string }
  | { kind: 'version' }
  | { kind: 'usage-error'; message: string; help: string };

const UNTIL_HELP = `  --for <time>     how long: ${UNTIL_CHOICES.map((c) => c.id).join(', ')}, "end of day", "next rule",
                   "until I change it", or any duration: 90m, 1h30m, 2d, PT45M
  --until <time>   until a clock time (15:00, today or else tomorrow) or an ISO instant`;

const COMMAND_HELP: Record<string, string> = {
  presence: `Set your presence (as the tray does).

  presencectl <presence> [--for <time> | --until <time>] [--json]

  <presence>       ${PRESENCE_KEYS.map((k) => PRESENCE_WORDS[k]).join(', ')} (or dnd, brb, offline)
${UNTIL_HELP}
  Without --for/--until it holds until the schedule's next change (or until you change it, with no schedule).

  presencectl busy --for 1h
  presencectl dnd --until 15:00
  presencectl appear-offline --for "end of day"`,
  reset: `Reset status: drop your manual choice, so the schedule (or Teams) decides again.

  presencectl reset [--json]`,
  message: `Set the status message Teams shows, optionally until a time.

  presencectl message <text> [--for <time> | --until <time>] [--json]
${UNTIL_HELP}

  presencectl message "At lunch" --for 1h`,
  preset: `Apply a preset: its presence and status message together, for its time.

  presencectl preset <name> [--json]

  presencectl preset Lunch
  presencectl preset "Off for the day"`,
  'clear-message': `Remove the status message.

  presencectl clear-message [--json]`,
  pause: `Pause the schedule (what holds now stays), until resumed or for a while.

  presencectl pause [--for <time> | --until <time>] [--json]
${UNTIL_HELP}`,
  resume: `Resume the schedule: it takes charge now unless a manual choice still holds.

  presencectl resume [--json]`,
  status: `Show what Teams shows, what holds and until when, who set it, sign-in, schedule and pending work.

  presencectl status [--json]`,
  watch: `Print the status as one JSON line now and one per change, until the app quits (exit 3) or Ctrl+C.
For busy lights and home automation, e.g.  presencectl watch | mosquitto_pub -t office/presence -l

  presencectl watch`,
};

/** The whole usage text. */
export function usage(): string {
  const presences = PRESENCE_KEYS.map((k) => `  ${PRESENCE_WORDS[k].padEnd(15)}${PRESENCES[k].label}`).join('\n');
  return `presencectl: control the running Presence Tray from a shell, a script or a launcher.

Usage: presencectl <command> [options]

Presences (set it, optionally --for <time> or --until <time>):
${presences}

Commands:
  reset            drop your manual choice (the schedule or Teams decides)
  message <text>   set the status message (--for/--until)
  clear-message    remove the status message
  preset <name>    apply a preset (presence and message together)
  pause            pause the schedule (--for/--until)
  resume           resume the schedule
  status           what holds now (--json for JSON)
  watch            one JSON line per change

Options:
  --json           print JSON (every command)
  -h, --help       help (presencectl <command> --help for one command)
  --version        the version of presencectl

Exit codes: 0 done, 1 refused (the reason is printed), 2 usage error, 3 Presence Tray is not running.
Examples:
  presencectl busy --for 1h
  presencectl dnd --until 15:00
  presencectl message "At lunch" --for 1h
  presencectl status --json`;
}

/** The help of one command (a presence word gets the presence help), or null for an unknown one. */
export function commandHelp(name: string): string | null {
  if (presenceFromWord(name)) return COMMAND_HELP.presence ?? null;
  return COMMAND_HELP[name] ?? null;
}

function usageError(message: string, command?: string): CliParse {
  return { kind: 'usage-error', message, help: command ? (commandHelp(command) ?? usage()) : 'Run presencectl --help for the commands.' };
}

const TAKES_END = new Set(['presence', 'message', 'pause']);

/** Make sense of the arguments (after `presencectl`). */
export function parseCliArgs(argv: readonly string[]): CliParse {
  const positional: string[] = [];
  let json = false;
  let help = false;
  let end: { flag: string; value: string } | null = null;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    if (arg === '--json') json = true;
    else if (arg === '--help' || arg === '-h') help = true;
    else if (arg === '--version') return { kind: 'version' };
    else if (arg === '--for' || arg === '--until' || arg.startsWith('--for=') || arg.startsWith('--until=')) {
      const [flag, inline] = arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, argv[++i]];
      if (inline === undefined) return usageError(`${flag} needs a time, e.g. ${flag} ${flag === '--for' ? '1h' : '15:00'}.`, positional[0]);
      if (end) return usageError('Give either --for or --until, once.', positional[0]);
      end = { flag, value: inline };
    } else if (arg === '--') {
      positional.push(...argv.slice(i + 1));
      break;
    } else if (arg.startsWith('-') && arg.length > 1 && positional[0] !== 'message') return usageError(`Unknown option ${arg}.`, positional[0]);
    else positional.push(arg);
  }
  const [name, ...rest] = positional;
  if (name === 'help') return { kind: 'help', text: rest[0] ? (commandHelp(rest[0]) ?? usage()) : usage() };
  if (!name) return help ? { kind: 'help', text: usage() } : usageError('Say what to do, e.g. presencectl busy --for 1h.');
  const presence = presenceFromWord(name);
  const kind = presence ? 'presence' : name;
  if (!presence && !COMMAND_HELP[name]) {
    return usageError(`"${name}" is neither a command nor a presence. Presences: ${PRESENCE_KEYS.map((k) => PRESENCE_WORDS[k]).join(', ')}.`);
  }
  if (help) return { kind: 'help', text: commandHelp(name) ?? usage() };
  if (end && !TAKES_END.has(kind)) return usageError(`${name} takes no ${end.flag}.`, name);
  let until: string | undefined;
  if (end) {
    until = end.flag === '--until' && /^\d{1,2}:\d{2}$/.test(end.value.trim()) ? `until ${end.value.trim()}` : end.value;
    const spec = parseUntilWords(until);
    if (isAppError(spec)) return usageError(spec.message, name);
  }
  const withEnd = (fields: Record<string, string>): CliCommand => ({ request: until === undefined ? fields : { ...fields, until }, json });
  if (kind === 'message') {
    if (rest.length !== 1 || rest[0]?.trim() === '') return usageError('Give the message as one argument, in quotes: presencectl message "At lunch".', name);
    return { kind: 'run', command: withEnd({ cmd: 'message', text: rest[0] as string }) };
  }
  if (kind === 'preset') {
    if (rest.length !== 1 || rest[0]?.trim() === '') return usageError('Give the preset\'s name as one argument, in quotes if it has spaces: presencectl preset "Off for the day".', name);
    return { kind: 'run', command: { request: { cmd: 'preset', name: rest[0] as string }, json } };
  }
  if (rest.length) return usageError(`${name} takes no argument "${rest[0]}".`, name);
  if (presence) return { kind: 'run', command: withEnd({ cmd: 'set', presence: PRESENCE_WORDS[presence] }) };
  return { kind: 'run', command: withEnd({ cmd: name }) };
}
