/**
 * `command.controller`: the same warm command → request benchmark as `command` (bench/command.bench.ts), but
 * through `createCore()` and `controller.set(…, { until: PT1H })`, so precedence, dedupe and state publishing
 * are in the measured time, beside a bare fetch in the same run. `command.app` is the same with what the app
 * adds to every command: its intent file and its log file (in a temporary folder).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TokenSource } from '../app/control/types.ts';
import { createCore } from '../app/core.ts';
import { createLogger, fileSink } from '../app/log/index.ts';
import { savedIntentFileStore } from '../app/settings/saved-intent-file.ts';
import { commandBenchmark } from './command.bench.ts';
import type { CommandBenchEnv, CommandTarget } from './command.bench.ts';

const UNTIL_ONE_HOUR = { kind: 'duration', iso: 'PT1H' } as const;

/** What a benchmark core is built with: the app's `createCore`, or another checkout's (bench/side-by-side.ts). */
export type CreateCore = typeof createCore;

/**
 * A controller target over `create`: alternating Busy/Available for one hour, so every command is a real
 * change. With `files` the core has the app's intent file and log file, as the app does.
 */
export async function controllerTarget(env: CommandBenchEnv, create: CreateCore, files: boolean): Promise<CommandTarget> {
  const tokens: TokenSource = {
    getAccessToken: async () => env.token,
    view: () => ({ status: 'signed-in', account: { name: 'Bench User', username: 'bench@contoso.example' }, deviceCode: null, persistent: false }),
    onChange: () => () => {},
  };
  const folder = files ? mkdtempSync(join(tmpdir(), 'presence-tray-bench-')) : null;
  const sink = folder ? fileSink({ dir: folder, fileName: 'main.log', maxBytes: 1_000_000, maxFiles: 3 }) : null;
  const log = sink ? createLogger({ sinks: [sink], level: 'info' }) : null;
  const core = create({
    tokens,
    clock: env.clock,
    ...(folder && log ? { intentStore: savedIntentFileStore(join(folder, 'saved-intent.json'), env.clock), log } : {}),
    options: { clientId: '00000000-0000-4000-8000-0000000a0001', graphBaseUrl: env.baseUrl },
  });
  // The tray and the window always listen to the state; so does the benchmark, to pay what the app pays.
  let states = 0;
  core.controller.onState(() => void states++);
  await core.start();
  return {
    async send(i) {
      const out = await core.controller.set(i % 2 === 0 ? 'Busy' : 'Available', { until: UNTIL_ONE_HOUR, source: 'hotkey' });
      if (out.outcome !== 'applied') throw new Error(`command ${i}: ${out.outcome} ${out.error?.code ?? ''}`);
    },
    async close() {
      if (states === 0) throw new Error('the controller published no state');
      await core.dispose();
      sink?.close();
      if (folder) rmSync(folder, { recursive: true, force: true });
    },
  };
}

/** Registered in bench/run.ts: the controller's own cost (no files). */
export const controllerCommandBench = commandBenchmark({
  name: 'command.controller',
  description: 'warm controller.set → request at the emulator, through createCore, vs bare fetch (p50/p99 over 1,000)',
  target: (env) => controllerTarget(env, createCore, false),
});

/** Registered in bench/run.ts: the same with the app's intent file and log file. */
export const appCommandBench = commandBenchmark({
  name: 'command.app',
  description: 'the same with the app\'s intent file and log file, vs bare fetch (p50/p99 over 1,000)',
  target: (env) => controllerTarget(env, createCore, true),
});
