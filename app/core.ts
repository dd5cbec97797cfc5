/**
 * `createCore(deps)` (docs/architecture.md#the-core): builds the plain-Node services of the app from injected ports, so
 * `main.ts`, the demo, the benchmarks and the Playwright bridge all run the same wiring. Nothing here imports
 * Electron or touches the disk by itself: time, fetch, tokens, the schedule and persistence arrive as ports.
 *
 * ```ts
 * const core = createCore({ tokens, intentStore, options: { clientId, graphBaseUrl: emulator.url } });
 * await core.start();
 * await core.controller.set('Busy', { until: { kind: 'duration', iso: 'PT1H' }, source: 'tray' });
 * await core.dispose();
 * ```
 *
 * To extend: add a port to {@link CoreDeps} (optional, so existing callers keep compiling), build the service
 * in `createCore` from it, expose it on {@link Core}, and stop it in `dispose` (reverse order of start).
 */
import type { Clock } from './clock.ts';
import { systemClock } from './clock.ts';
import { createAuthService } from './auth/auth-service.ts';
import type { AuthService, AuthServiceOptions } from './auth/auth-service.ts';
import { IdleWatch } from './control/idle-watch.ts';
import type { MachineRules } from './control/machine.ts';
import { DEFAULT_READ_INTERVAL_SECONDS } from './control/budget.ts';
import { PresenceController } from './control/presence-controller.ts';
import { cachedSystemZone } from './control/system-zone.ts';
import type { ControlLog, IntentStore, OutsideEvent, ScheduleSource, TokenSource } from './control/types.ts';
import { createGraphClient } from './graph/graph-client.ts';
import type { GraphClient } from './graph/graph-client.ts';
import type { CloudId } from './graph/clouds.ts';
import type { RetryPolicy } from './graph/retry.ts';
import type { Logger } from './log/types.ts';
import type { JobPlanner } from './schedule/job-planner.ts';
import { Scheduler } from './schedule/scheduler.ts';
import type { Schedule } from './schedule/types.ts';

/** Settings-derived options of the core. Everything has a default except the client id. */
export interface CoreOptions {
  /** The app registration's client id; also the app session's `sessionId`. */
  clientId: string;
  /** National cloud (default `Global`); China is refused by the Graph client with a clear message. */
  cloud?: CloudId;
  /** Sign-in tenant (settings.connection.tenant; default `organizations`). Used when the core builds the AuthService. */
  tenant?: string;
  /** Graph root overriding the cloud's (the emulator or demo: `http://127.0.0.1:<port>`). */
  graphBaseUrl?: string;
  /** Hold the app's own presence session (settings.options.appSession; default off). */
  appSession?: boolean;
  /** Background read interval while active, seconds (settings.options.readIntervalSeconds; default 300). */
  readIntervalSeconds?: number;
  /** A stable id of this install: its read phase and its offset after a shared schedule boundary. */
  installId?: string;
  /** Spread of the writes of a shared schedule boundary, seconds (managed policy; default 0). */
  scheduleSpreadSeconds?: number;
  /** IANA zone for `end-of-day` and labels when there is no schedule (default: the system zone). */
  timeZone?: string;
  /** Demo mode: shown as a badge in the state. */
  demo?: boolean;
  /** Graph request timeout, ms (default 10 000). */
  graphTimeoutMs?: number;
  /** Graph retry tunables (tests shorten them). */
  retry?: Partial<RetryPolicy>;
  /** Rules that follow the machine (settings.machineRules; default none). */
  machineRules?: MachineRules;
}

/**
 * What the sign-in service needs besides the connection (taken from {@link CoreOptions}), the clock, fetch
 * and logger (taken from {@link CoreDeps}). The Electron layer passes `safeStorage` as the encryptor and
 * `shell.openExternal` as the opener; the demo passes `endpointOverride` (the emulator) and `formPostOpener()`.
 */
export type AuthPorts = Omit<AuthServiceOptions, 'connection' | 'clock' | 'fetch' | 'logger'>;

/** The ports the core is built from. */
export interface CoreDeps {
  /**
   * Access tokens from elsewhere (tests: the emulator's `_emulator/tokens`). Absent: the core builds the
   * AuthService from `auth` and uses it.
   */
  tokens?: TokenSource;
  /** Sign-in ports: the core builds the {@link AuthService} (MSAL) from them when `tokens` is absent. */
  auth?: AuthPorts | null;
  options: CoreOptions;
  /** Time for every wait and expiry (default the system clock; tests a ManualClock shared with the emulator). */
  clock?: Clock;
  /** HTTP (default the global fetch). */
  fetch?: typeof fetch;
  /** A ready-made schedule source (overrides `scheduleSettings`); absent: the Scheduler built from `scheduleSettings`. */
  schedule?: ScheduleSource | null;
  /** The schedule from settings, already validated (`validateSchedule`): createCore builds the Scheduler on it. */
  scheduleSettings?: Schedule | null;
  /** How the Scheduler waits for its next boundary (default node-schedule; tests: `clockPlanner(clock)`). */
  schedulePlanner?: JobPlanner;
  /** Reads the machine's time zone (default Intl's); the Scheduler reads it every 30 s, the controller once a minute or after a zone, clock or sleep event. */
  systemZone?: () => string;
  /** Where the manual intent, status message and pause survive restarts (settings.saved); absent: memory only. */
  intentStore?: IntentStore | null;
  /** The app logger (app/log); each service logs under its own scope. Absent: silent. */
  log?: Logger | null;
  /** Seconds since the last input (Electron: `powerMonitor.getSystemIdleTime`); absent: no idle rule can apply. */
  idleSeconds?: () => number;
}

/** The running core. */
export interface Core {
  clock: Clock;
  tokens: TokenSource;
  /** The sign-in service when the core built it (`deps.auth`): sign in/out, device code, connection changes. */
  auth: AuthService | null;
  graph: GraphClient;
  controller: PresenceController;
  schedule: ScheduleSource | null;
  /** The Scheduler when built from `scheduleSettings`: call `scheduler.update(schedule)` when settings change. */
  scheduler: Scheduler | null;
  /** Outside events (power, lock, network, clock, zone) for the controller and the Scheduler alike. */
  notify(event: OutsideEvent): void;
  /** Settings changed the rules that follow the machine: the controller follows them, the idle sampler runs only for an idle rule. */
  setMachineRules(rules: MachineRules): void;
  /** Start the services (the controller loads the saved intent, applies what should hold, reads presence). */
  start(): Promise<void>;
  /**
   * Stop everything for quit: Graph retry waits are cancelled first, then the controller ends the app session
   * and logs any write it abandons, then the sign-in service saves its cache.
   */
  dispose(): Promise<void>;
}

/** Build the core. Does no I/O until `start()`. */
export function createCore(deps: CoreDeps): Core {
  const clock = deps.clock ?? systemClock;
  const log = deps.log ?? null;
  const auth =
    deps.tokens || !deps.auth
      ? null
      : createAuthService({
          ...deps.auth,
          connection: { cloud: deps.options.cloud ?? 'Global', tenant: deps.options.tenant ?? 'organizations', clientId: deps.options.clientId },
          clock,
          ...(deps.fetch ? { fetch: deps.fetch } : {}),
          ...(log ? { logger: log.child('auth') } : {}),
        });
  const tokens = deps.tokens ?? auth;
  if (!tokens) throw new Error('createCore needs a token source: pass `tokens` or the sign-in ports in `auth`.');
  const graph = createGraphClient({
    tokens,
    clock,
    ...(deps.options.cloud ? { cloud: deps.options.cloud } : {}),
    ...(deps.options.graphBaseUrl ? { baseUrl: deps.options.graphBaseUrl } : {}),
    ...(deps.fetch ? { fetch: deps.fetch } : {}),
    ...(deps.options.graphTimeoutMs !== undefined ? { timeoutMs: deps.options.graphTimeoutMs } : {}),
    ...(deps.options.retry ? { retry: deps.options.retry } : {}),
    ...(log ? { log: log.child('graph') } : {}),
  });
  const scheduler =
    deps.schedule || !deps.scheduleSettings
      ? null
      : new Scheduler({
          schedule: deps.scheduleSettings,
          clock,
          ...(deps.schedulePlanner ? { planner: deps.schedulePlanner } : {}),
          ...(deps.systemZone ? { systemZone: deps.systemZone } : {}),
          ...(log ? { log: log.child('schedule') } : {}),
        });
  const schedule = deps.schedule ?? scheduler;
  const controller = new PresenceController({
    graph,
    clock,
    tokens,
    schedule,
    store: deps.intentStore ?? null,
    log: log ? (log.child('control') satisfies ControlLog) : null,
    // Without a schedule the controller reads the zone itself; cached, since every state it publishes needs it.
    systemZone: cachedSystemZone(clock, deps.systemZone),
    options: {
      clientId: deps.options.clientId,
      appSession: deps.options.appSession ?? false,
      readIntervalSeconds: deps.options.readIntervalSeconds ?? DEFAULT_READ_INTERVAL_SECONDS,
      ...(deps.options.installId ? { installId: deps.options.installId } : {}),
      ...(deps.options.scheduleSpreadSeconds ? { scheduleSpreadSeconds: deps.options.scheduleSpreadSeconds } : {}),
      ...(deps.options.timeZone ? { timeZone: deps.options.timeZone } : {}),
      demo: deps.options.demo ?? false,
      ...(deps.options.machineRules ? { machineRules: deps.options.machineRules } : {}),
    },
  });
  const notify = (event: OutsideEvent): void => {
    controller.notify(event);
    scheduler?.notify(event);
  };
  const idleWatch = deps.idleSeconds ? new IdleWatch({ clock, idleSeconds: deps.idleSeconds, notify }) : null;
  let controllerStarted = false;
  const idleRule = (rules: MachineRules | undefined): number | null => (rules?.idle.enabled ? rules.idle.minutes : null);
  // A 429 for any request, even one the client then retried through, widens the background reads.
  graph.onRetry((event) => {
    if (event.error.status === 429) controller.noteThrottled();
  });
  return {
    clock,
    tokens,
    auth,
    graph,
    controller,
    schedule,
    scheduler,
    notify,
    setMachineRules(rules) {
      controller.configure({ machineRules: rules });
      if (controllerStarted) idleWatch?.configure(idleRule(rules));
    },
    // The Scheduler starts first so its one job is planned before the controller's first pass asks it.
    async start() {
      // The saved sign-in is read first, so the controller's first pass already has an account.
      await auth?.start();
      scheduler?.start();
      await controller.start();
      controllerStarted = true;
      idleWatch?.configure(idleRule(controller.options().machineRules));
    },
    // Quit cancels waits, then flushes: a Graph retry wait (Retry-After can be a minute) must not hold up the
    // controller's last steps or the sign-in service's cache write; the intent is saved and applied next start.
    async dispose() {
      idleWatch?.stop();
      scheduler?.stop();
      graph.cancelWaits();
      await controller.dispose();
      await auth?.dispose();
    },
  };
}
