/**
 * The ways in from outside that need Electron (issue 12): `presence-tray://` links and the app binary run as
 * the command line. Links: the app registers itself for the scheme (`setAsDefaultProtocolClient`; the
 * packaged app also declares it in electron-builder.yml `protocols`), macOS delivers them with `open-url`
 * (possibly before the app is ready), Windows and Linux start a second instance whose arguments carry the
 * link (`second-instance`) — or, when the app was not running, the first instance's own arguments. Links
 * that arrive before the core runs are kept and handled once it does. What a link may do is decided in
 * app/remote/links.ts (plain Node).
 */
import type { App } from 'electron';
import { LINK_SCHEME, linksInArgv, runCli } from '../remote/index.ts';

/** What a link handler answers (app/remote's LinkResult, as far as this layer needs it). */
export interface HandledLink {
  ok: boolean;
  notify: boolean;
  error?: { message: string };
}

/** Links from the system, queued until {@link LinkWiring.ready}. */
export interface LinkWiring {
  /**
   * True (once) when the second launch that is being handled carried a link: the single-instance handler
   * then leaves the settings window closed. Valid only inside a `second-instance` listener registered after
   * {@link wireLinks} (Node calls listeners in the order they were added).
   */
  tookSecondLaunch(): boolean;
  /** The core runs: handle queued and future links; refusals are shown through `notify`. */
  ready(handle: (link: string, origin: string) => Promise<HandledLink>, notify: (text: { title: string; body: string }) => void): void;
}

/** Facts about the process the registration depends on. */
export interface LinkProcess {
  platform: NodeJS.Platform;
  argv: readonly string[];
  /** `process.defaultApp`: true when run as `electron .` in a checkout. */
  defaultApp: boolean;
  execPath: string;
  /** The app folder to pass back to Electron in a checkout (`path.resolve(process.argv[1])`). */
  appArg: string | null;
}

/**
 * Register for `presence-tray://` and listen for links. Call before `takeSingleInstance` and before the app
 * is ready (macOS may deliver `open-url` for the launch itself very early).
 */
export function wireLinks(app: Pick<App, 'setAsDefaultProtocolClient' | 'on'>, proc: LinkProcess): LinkWiring {
  // In a checkout Electron must be told how to start this app again; installed, the executable is enough.
  if (proc.defaultApp && proc.appArg) app.setAsDefaultProtocolClient(LINK_SCHEME, proc.execPath, [proc.appArg]);
  else app.setAsDefaultProtocolClient(LINK_SCHEME);
  const queue: Array<{ link: string; origin: string }> = linksInArgv(proc.argv.slice(1)).map((link) => ({ link, origin: 'launch' }));
  let deliver: ((link: string, origin: string) => void) | null = null;
  let secondLaunchHadLink = false;
  const take = (link: string, origin: string): void => {
    if (deliver) deliver(link, origin);
    else queue.push({ link, origin });
  };
  app.on('open-url', (event, url) => {
    event.preventDefault();
    take(url, 'open-url');
  });
  app.on('second-instance', (_event, argv) => {
    const links = linksInArgv(argv.slice(1));
    secondLaunchHadLink = links.length > 0;
    for (const link of links) take(link, 'second-instance');
  });
  return {
    tookSecondLaunch() {
      const had = secondLaunchHadLink;
      secondLaunchHadLink = false;
      return had;
    },
    ready(handle, notify) {
      deliver = (link, origin) => {
        void handle(link, origin).then(
          (result) => {
            if (!result.ok && result.notify) notify({ title: 'Presence Tray ignored a link', body: result.error?.message ?? 'The link could not be used.' });
          },
          () => notify({ title: 'Presence Tray ignored a link', body: 'The link could not be handled.' }),
        );
      };
      for (const { link, origin } of queue.splice(0)) deliver(link, origin);
    },
  };
}

/**
 * Run the app binary as `presencectl` (`"Presence Tray" --presencectl busy --for 1h`): print to this
 * process's stdout/stderr and exit with the CLI's code, without taking the single-instance lock or opening
 * anything. On Windows a windowed program has no console of its own: its output reaches a pipe or file the
 * caller redirects it to (the shipped `presencectl.cmd` does that), not the console window it was typed in.
 */
export function runAsCommandLine(app: Pick<App, 'exit' | 'getVersion'>, args: readonly string[], streams: { out: NodeJS.WritableStream; err: NodeJS.WritableStream }): void {
  // app.exit() ends the process at once: leave only after both streams have taken everything written.
  const exit = (code: number): void => void streams.err.write('', () => streams.out.write('', () => app.exit(code)));
  runCli(args, { out: (t) => void streams.out.write(`${t}\n`), err: (t) => void streams.err.write(`${t}\n`), version: app.getVersion() }).then(exit, (error: unknown) => {
    streams.err.write(`presencectl: ${String(error)}\n`);
    exit(1);
  });
}
