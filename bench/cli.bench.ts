/**
 * The command line (issue 12), two figures:
 *
 * - `cli.process`: what a Stream Deck user feels — a real `presencectl busy --for 1h` process, from spawn to
 *   the write arriving at the emulator, and to the process's exit; p50/p99 over repeated runs, for the
 *   esbuild bundle (what the bin and the packaged app run) and for the TypeScript source (`npm run cli`).
 *   Goal: the whole process under 150 ms at p50.
 * - `cli.endpoint`: the endpoint's own cost — command → request at the emulator through a connected socket
 *   vs `controller.set` called directly as the tray does, interleaved on the same core. Goal: under 0.2 ms.
 *
 * "Arrived" is the emulator's `http.server.request.start` in this process, as in bench/command.bench.ts.
 */
import { spawn } from 'node:child_process';
import { channel } from 'node:diagnostics_channel';
import { mkdtempSync, rmSync } from 'node:fs';
import type { IncomingMessage } from 'node:http';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { systemClock } from '../app/clock.ts';
import type { TokenSource } from '../app/control/types.ts';
import { createCore, type Core } from '../app/core.ts';
import { connectRemote } from '../app/remote/client.ts';
import { SOCKET_ENV } from '../app/remote/endpoint-path.ts';
import { startRemoteEndpoint, type RemoteEndpoint } from '../app/remote/server.ts';
import { EmulatorControl } from '../test/emulator/client.ts';
import { startEmulator, type RunningEmulator } from '../test/emulator/server.ts';
import type { Benchmark } from './harness.ts';
import { percentile, round } from './harness.ts';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const WRITE_PATH = '/v1.0/me/presence/setUserPreferredPresence';

interface Rig {
  emulator: RunningEmulator;
  core: Core;
  endpoint: RemoteEndpoint;
  path: string;
  /** performance.now() of the first write request since the last reset, or NaN. */
  arrived(): number;
  reset(): void;
  close(): Promise<void>;
}

async function startRig(): Promise<Rig> {
  const emulator = await startEmulator({ port: 0 });
  const control = new EmulatorControl(emulator.url);
  const { id: userId } = await control.createUser({ displayName: 'Bench User', userPrincipalName: 'bench@contoso.example' });
  const { access_token: token } = await control.mintToken({ userId, scopes: ['Presence.ReadWrite'] });
  const tokens: TokenSource = {
    getAccessToken: async () => token,
    view: () => ({ status: 'signed-in', account: { name: 'Bench User', username: 'bench@contoso.example' }, deviceCode: null, persistent: false }),
    onChange: () => () => {},
  };
  const core = createCore({ tokens, clock: systemClock, options: { clientId: '00000000-0000-4000-8000-0000000a0002', graphBaseUrl: emulator.url } });
  core.controller.onState(() => {}); // the tray always listens; pay what the app pays
  await core.start();
  const folder = mkdtempSync(join(tmpdir(), 'ptr-bench-'));
  const path = join(folder, 'run', 'control.sock');
  const endpoint = await startRemoteEndpoint({ controller: core.controller, path, clock: systemClock });
  let arrived = Number.NaN;
  const onRequest = (message: unknown): void => {
    const req = (message as { request: IncomingMessage }).request;
    if (Number.isNaN(arrived) && req.url === WRITE_PATH) arrived = performance.now();
  };
  // Hold the channel itself: a subscription made by name alone can vanish when the channel is collected.
  const requests = channel('http.server.request.start');
  requests.subscribe(onRequest);
  return {
    emulator,
    core,
    endpoint,
    path,
    arrived: () => arrived,
    reset: () => void (arrived = Number.NaN),
    async close() {
      requests.unsubscribe(onRequest);
      await endpoint.close();
      await core.dispose();
      await emulator.close();
      rmSync(folder, { recursive: true, force: true });
    },
  };
}

/** One real presencectl process: ms from spawn to the write at the emulator, and to exit. */
function runOnce(rig: Rig, entry: string, args: string[]): Promise<{ arrive: number; exit: number }> {
  rig.reset();
  const start = performance.now();
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [entry, ...args], { env: { ...process.env, [SOCKET_ENV]: rig.path }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (t: string) => (stderr += t));
    child.stderr.setEncoding('utf8').on('data', (t: string) => (stderr += t));
    child.on('error', reject);
    child.on('exit', (code) => {
      const exit = performance.now() - start;
      if (code !== 0 || Number.isNaN(rig.arrived())) reject(new Error(`presencectl ${args.join(' ')} exited ${code} without a write: ${stderr}`));
      else resolve({ arrive: rig.arrived() - start, exit });
    });
  });
}

// Every run flips the presence (across both entries), so the app never skips a write as already held.
let flips = 0;

async function measureProcess(rig: Rig, entry: string, runs: number, warmup: number): Promise<{ arrive: number[]; exit: number[] }> {
  const arrive: number[] = [];
  const exit: number[] = [];
  for (let i = 0; i < warmup + runs; i++) {
    const r = await runOnce(rig, entry, [flips++ % 2 === 0 ? 'busy' : 'available', '--for', '1h']);
    if (i >= warmup) {
      arrive.push(r.arrive);
      exit.push(r.exit);
    }
  }
  return { arrive, exit };
}

/** The floor: a bare `node -e 0` process, spawn → exit, on the same machine at the same moment. */
function bareNode(): Promise<number> {
  const start = performance.now();
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['-e', '0'], { stdio: 'ignore' });
    child.on('error', reject);
    child.on('exit', () => resolve(performance.now() - start));
  });
}

/** `cli.process`: the real client process, bundled and from source. */
export const cliProcessBench: Benchmark = {
  name: 'cli.process',
  description: 'presencectl busy --for 1h as a real process: spawn → write at the emulator and → exit, bundle and source (p50/p99)',
  async run() {
    const rig = await startRig();
    const out = mkdtempSync(join(tmpdir(), 'ptr-cli-bundle-'));
    const bundle = join(out, 'presencectl.mjs');
    try {
      await build({ entryPoints: [join(root, 'app/remote/presencectl.ts')], outfile: bundle, bundle: true, platform: 'node', format: 'esm', target: 'node22', logLevel: 'warning' });
      const floor: number[] = [];
      const bundled = { arrive: [] as number[], exit: [] as number[] };
      // Interleave the bundle with a bare node process, so the floor is taken under the same load.
      for (let i = 0; i < 100; i++) {
        const one = await measureProcess(rig, bundle, 1, i === 0 ? 5 : 0);
        bundled.arrive.push(...one.arrive);
        bundled.exit.push(...one.exit);
        floor.push(await bareNode());
      }
      const source = await measureProcess(rig, join(root, 'app/remote/presencectl.ts'), 30, 3);
      return {
        bundleArriveP50Ms: round(percentile(bundled.arrive, 50), 1),
        bundleArriveP99Ms: round(percentile(bundled.arrive, 99), 1),
        bundleExitP50Ms: round(percentile(bundled.exit, 50), 1),
        bundleExitP99Ms: round(percentile(bundled.exit, 99), 1),
        bareNodeExitP50Ms: round(percentile(floor, 50), 1),
        bundleOverBareNodeP50Ms: round(percentile(bundled.exit, 50) - percentile(floor, 50), 1),
        sourceArriveP50Ms: round(percentile(source.arrive, 50), 1),
        sourceExitP50Ms: round(percentile(source.exit, 50), 1),
        sourceExitP99Ms: round(percentile(source.exit, 99), 1),
        bundleRuns: bundled.exit.length,
        sourceRuns: source.exit.length,
      };
    } finally {
      rmSync(out, { recursive: true, force: true });
      await rig.close();
    }
  },
};

/** `cli.endpoint`: the endpoint's own overhead over the tray's path, in one process, interleaved. */
export const cliEndpointBench: Benchmark = {
  name: 'cli.endpoint',
  description: 'command → request at the emulator: through the socket endpoint vs controller.set as the tray calls it (p50/p99 over 1,000)',
  async run() {
    const rig = await startRig();
    const connection = await connectRemote(rig.path);
    const until = { kind: 'duration', iso: 'PT1H' } as const;
    const viaTray = async (i: number): Promise<void> => {
      const out = await rig.core.controller.set(i % 2 === 0 ? 'Busy' : 'Available', { until, source: 'tray' });
      if (out.outcome !== 'applied') throw new Error(`tray ${i}: ${out.outcome}`);
    };
    const viaEndpoint = async (i: number): Promise<void> => {
      const answer = await connection.request({ cmd: 'set', presence: i % 2 === 0 ? 'busy' : 'available', until: 'PT1H' });
      if (!answer.ok) throw new Error(`endpoint ${i}: ${answer.error.code}`);
    };
    const time = async (send: (i: number) => Promise<void>, i: number, arrive: number[], trip: number[]): Promise<void> => {
      rig.reset();
      const start = performance.now();
      await send(i);
      const end = performance.now();
      if (Number.isNaN(rig.arrived())) throw new Error(`command ${i} sent no write`);
      arrive.push(rig.arrived() - start);
      trip.push(end - start);
    };
    const tray = { arrive: [] as number[], trip: [] as number[] };
    const remote = { arrive: [] as number[], trip: [] as number[] };
    try {
      // Each path alternates Busy/Available on its own, so the two paths go in pairs: tray i, endpoint i+1.
      let n = 0;
      for (let i = 0; i < 200; i++) {
        await time(viaTray, n++, [], []);
        await time(viaEndpoint, n++, [], []);
      }
      for (let i = 0; i < 1000; i++) {
        if (i % 2 === 0) {
          await time(viaTray, n++, tray.arrive, tray.trip);
          await time(viaEndpoint, n++, remote.arrive, remote.trip);
        } else {
          await time(viaEndpoint, n++, remote.arrive, remote.trip);
          await time(viaTray, n++, tray.arrive, tray.trip);
        }
      }
    } finally {
      connection.close();
      await rig.close();
    }
    const p50 = (xs: number[]): number => percentile(xs, 50);
    return {
      endpointArriveP50Ms: round(p50(remote.arrive)),
      endpointArriveP99Ms: round(percentile(remote.arrive, 99)),
      trayArriveP50Ms: round(p50(tray.arrive)),
      trayArriveP99Ms: round(percentile(tray.arrive, 99)),
      overheadArriveP50Ms: round(p50(remote.arrive) - p50(tray.arrive)),
      endpointRoundTripP50Ms: round(p50(remote.trip)),
      trayRoundTripP50Ms: round(p50(tray.trip)),
      overheadRoundTripP50Ms: round(p50(remote.trip) - p50(tray.trip)),
      commands: remote.arrive.length,
    };
  },
};
