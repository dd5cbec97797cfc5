/**
 * `command.controller`: the same warm command → request benchmark as `command` (bench/command.bench.ts), but
 * through the whole app path — `createCore()` and `controller.set(…, { until: PT1H })` — so precedence,
 * dedupe, persistence and state publishing are all in the measured time, beside a bare fetch in the same run.
 */
import type { TokenSource } from '../app/control/types.ts';
import { createCore } from '../app/core.ts';
import { commandBenchmark } from './command.bench.ts';
import type { CommandBenchEnv, CommandTarget } from './command.bench.ts';

const UNTIL_ONE_HOUR = { kind: 'duration', iso: 'PT1H' } as const;

/** The controller target: alternating Busy/Available for one hour, so every command is a real change. */
export async function controllerTarget(env: CommandBenchEnv): Promise<CommandTarget> {
  const tokens: TokenSource = {
    getAccessToken: async () => env.token,
    view: () => ({ status: 'signed-in', account: { name: 'Bench User', username: 'bench@contoso.example' }, deviceCode: null, persistent: false }),
    onChange: () => () => {},
  };
  const core = createCore({ tokens, clock: env.clock, options: { clientId: '00000000-0000-4000-8000-0000000a0001', graphBaseUrl: env.baseUrl } });
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
    },
  };
}

/** Registered in bench/run.ts. */
export const controllerCommandBench = commandBenchmark({
  name: 'command.controller',
  description: 'warm controller.set → request at the emulator, through createCore, vs bare fetch (p50/p99 over 1,000)',
  target: controllerTarget,
});
