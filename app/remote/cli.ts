/**
 * `presencectl`: sends one command to the running app over the control endpoint and prints the answer.
 * Exit codes: 0 done, 1 refused by the app (the reason is printed), 2 usage error, 3 the app is not running.
 * `--json` prints one JSON object instead (`{"ok":true,"result":…}` or `{"ok":false,"error":{code,message}}`),
 * for every outcome including usage errors and a missing app. `watch` prints one JSON line per change.
 */
import type { AppError } from '../errors.ts';
import { parseCliArgs, type CliCommand } from './cli-args.ts';
import { connectRemote, NotRunningError, type RemoteConnection } from './client.ts';
import { endpointPath, SOCKET_ENV } from './endpoint-path.ts';
import { statusText, type StatusView } from './status-view.ts';

/** Exit codes of presencectl. */
export const EXIT = { done: 0, refused: 1, usage: 2, notRunning: 3 } as const;

/** Where the CLI writes and what it knows of its surroundings. */
export interface CliIo {
  out(text: string): void;
  err(text: string): void;
  /** The endpoint to reach (default: endpointPath() of this process). */
  path?: string;
  /** Version printed by --version. */
  version?: string;
  /** How to start the app, for the "not running" message. */
  startHint?: string;
}

const DEFAULT_START_HINT = 'Start Presence Tray (from your applications menu, or `npm start` / `npm run demo -- --headless` in a checkout) and try again.';

function printError(io: CliIo, json: boolean, error: AppError, extra?: string): void {
  if (json) io.out(JSON.stringify({ ok: false, error }));
  else io.err(`presencectl: ${error.message}${extra ? `\n${extra}` : ''}`);
}

/** The human line after a command that changed something. */
function doneText(result: { outcome: string; status: StatusView }): string {
  const holding = result.status.holding || 'Teams decides';
  if (result.outcome === 'queued') {
    const why = result.status.pending ? ` (${result.status.pending.reason})` : '';
    return `Kept, not sent yet${why}: it is sent as soon as it can be. Now: ${holding}`;
  }
  if (result.outcome === 'superseded') return `Replaced by a newer command before it was sent. Now: ${holding}`;
  return `Done. Now: ${holding}`;
}

/** Run presencectl with `argv` (the arguments after the program name); resolves with the exit code. */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  const parsed = parseCliArgs(argv);
  const json = argv.includes('--json');
  switch (parsed.kind) {
    case 'help':
      io.out(parsed.text);
      return EXIT.done;
    case 'version':
      io.out(`presencectl ${io.version ?? '0.0.0'}`);
      return EXIT.done;
    case 'usage-error':
      printError(io, json, { code: 'usage', message: parsed.message }, parsed.help);
      return EXIT.usage;
    case 'run':
      break;
  }
  const path = io.path ?? endpointPath();
  let connection: RemoteConnection;
  try {
    connection = await connectRemote(path);
  } catch (error) {
    if (!(error instanceof NotRunningError)) throw error;
    const message = `Presence Tray is not running (nothing answers at ${path}). ${io.startHint ?? DEFAULT_START_HINT} (${SOCKET_ENV} names another endpoint.)`;
    printError(io, json, { code: 'not-running', message });
    return EXIT.notRunning;
  }
  try {
    return await send(connection, parsed.command, io);
  } finally {
    connection.close();
  }
}

async function send(connection: RemoteConnection, command: CliCommand, io: CliIo): Promise<number> {
  const { json } = command;
  if (command.request.cmd === 'watch') return watch(connection, io);
  const answer = await connection.request(command.request);
  if (!answer.ok) {
    printError(io, json, answer.error);
    return answer.error.code === 'connection-lost' ? EXIT.notRunning : EXIT.refused;
  }
  if (json) io.out(JSON.stringify({ ok: true, result: answer.result }));
  else if (command.request.cmd === 'status') io.out(statusText(answer.result as StatusView));
  else io.out(doneText(answer.result as { outcome: string; status: StatusView }));
  return EXIT.done;
}

async function watch(connection: RemoteConnection, io: CliIo): Promise<number> {
  connection.onEvent((event) => io.out(JSON.stringify(event.state)));
  const answer = await connection.request({ cmd: 'watch' });
  if (!answer.ok) {
    printError(io, true, answer.error);
    return EXIT.refused;
  }
  io.out(JSON.stringify(answer.result));
  await connection.closed;
  io.err('presencectl: Presence Tray stopped; watch ends.');
  return EXIT.notRunning;
}
