/**
 * Control from elsewhere (issue 12): the local endpoint, the links and the `presencectl` client.
 * `startRemote(core)` is what main.ts and the headless demo call; the rest is exported for tests and tools.
 */
import type { Clock } from '../clock.ts';
import type { ControlLog, ScheduleSource } from '../control/types.ts';
import { toAppError } from '../errors.ts';
import { systemTimeZone } from '../time/zoned-time.ts';
import type { CommandContext, RemoteController } from './commands.ts';
import { endpointPath } from './endpoint-path.ts';
import { createLinkHandler, type LinkResult } from './links.ts';
import { startRemoteEndpoint, type RemoteEndpoint } from './server.ts';

export { runCli, EXIT } from './cli.ts';
export { endpointPath, SOCKET_ENV } from './endpoint-path.ts';
export { linksInArgv, parseLink, LINK_SCHEME } from './links.ts';
export type { RemoteEndpoint } from './server.ts';

/** The argument that turns the app binary into presencectl: `"Presence Tray" --presencectl busy --for 1h`. */
export const CLI_SWITCH = '--presencectl';

/** The presencectl arguments when the process was started as the command line, else null. */
export function presencectlArgs(argv: readonly string[]): string[] | null {
  const at = argv.indexOf(CLI_SWITCH);
  return at === -1 ? null : argv.slice(at + 1);
}

/** What {@link startRemote} needs of the running core. */
export interface RemoteCore {
  controller: RemoteController;
  clock: Clock;
  schedule: ScheduleSource | null;
  /** Apply a preset by name (its presence and message together). */
  applyPreset?: CommandContext['applyPreset'];
}

/** The endpoint (null when another app serves the path, or it is unsafe: logged) and the link handler. */
export interface RemoteControl {
  endpoint: RemoteEndpoint | null;
  handleLink(link: string, origin: string): Promise<LinkResult>;
  close(): Promise<void>;
}

/**
 * Serve the command line for `core` at `path` (default: this user's endpoint) and make the link handler.
 * Never throws: when the endpoint cannot start the app runs on without it, and the log says why.
 */
export async function startRemote(core: RemoteCore, options: { version: string; log?: ControlLog | null; path?: string }): Promise<RemoteControl> {
  const log = options.log ?? null;
  const timeZone = (): string => core.schedule?.timeZone?.() ?? systemTimeZone();
  let endpoint: RemoteEndpoint | null = null;
  const path = options.path ?? endpointPath();
  try {
    const presets = core.applyPreset ? { applyPreset: core.applyPreset } : {};
    endpoint = await startRemoteEndpoint({ controller: core.controller, path, clock: core.clock, timeZone, version: options.version, log, ...presets });
  } catch (error) {
    const reason = toAppError(error);
    log?.warn('remote: the command line is off', { path, code: reason.code, reason: reason.message });
  }
  const context: CommandContext = { controller: core.controller, source: 'link', clock: core.clock, timeZone, version: options.version, ...(core.applyPreset ? { applyPreset: core.applyPreset } : {}) };
  const handleLink = createLinkHandler({ context, clock: core.clock, log });
  return { endpoint, handleLink, close: async () => endpoint?.close() };
}
