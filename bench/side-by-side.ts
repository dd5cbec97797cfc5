/**
 * `node bench/side-by-side.ts <other checkout> [runs] [--bare]`: the `command.app` measurement (with `--bare`,
 * `command.controller`) for this checkout's controller and another checkout's (an older commit, say) in one
 * process, against one emulator, interleaved with a bare fetch of the same request in a rotating order. Both
 * cores are built the same way, each through its own checkout's `createCore`, with this checkout's intent file
 * and log file (as the app has them), or with neither. Each run is a fresh process; the summary gives medians.
 *
 * Why it exists: `npm run bench` compares each path with a bare fetch measured in its own process. That floor
 * is slower when the app does more between commands (each command's state publish runs on a later turn, inside
 * the next sample), so a lighter app shows a higher ratio for the same cost. Here both controllers share the
 * process and the floor, and every sample starts from an idle event loop, so the difference in microseconds
 * is the difference in cost.
 *
 * The other checkout needs its dependencies (`npm ci` there, or a symlink to this `node_modules` when the
 * lockfiles match) and a `createCore` in `app/core.ts` that takes `tokens`, `clock`, `intentStore`, `log` and
 * `options` (the core's public API, unchanged since the first round).
 */
import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { subscribe } from 'node:diagnostics_channel';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { controllerTarget } from './command-controller.bench.ts';
import type { CreateCore } from './command-controller.bench.ts';

const SAMPLES = 1500;
const WARMUP = 300;

interface RunResult {
  fetchUs: number;
  thisUs: number;
  otherUs: number;
}

const p50 = (values: number[]): number => [...values].sort((a, b) => a - b)[values.length >> 1] ?? Number.NaN;
const idleTurn = (): Promise<void> => new Promise((done) => setImmediate(done));

/** One run in this process: prints its result as JSON. */
async function oneRun(other: string, files: boolean): Promise<RunResult> {
  const here = resolve(fileURLToPath(new URL('..', import.meta.url)));
  const { startEmulator } = await import(`${here}/test/emulator/server.ts`);
  const { EmulatorControl } = await import(`${here}/test/emulator/client.ts`);
  const { systemClock } = await import(`${here}/app/clock.ts`);
  const ours = (await import(`${here}/app/core.ts`)) as { createCore: CreateCore };
  const theirs = (await import(`${other}/app/core.ts`)) as { createCore: CreateCore };
  const emulator = await startEmulator({ port: 0 });
  const control = new EmulatorControl(emulator.url);
  const user = async (): Promise<{ userId: string; token: string }> => {
    const { id } = await control.createUser({ displayName: 'Bench User', userPrincipalName: `bench-${randomUUID()}@contoso.example` });
    const { access_token: token } = await control.mintToken({ userId: id, scopes: ['Presence.ReadWrite'] });
    return { userId: id, token };
  };
  const env = async () => ({ baseUrl: emulator.url, control, clock: systemClock, ...(await user()) });
  const floorUser = await user();
  const url = `${emulator.url}/v1.0/me/presence/setUserPreferredPresence`;
  const targets: Record<'this' | 'other' | 'fetch', { send(i: number): Promise<unknown>; close?(): Promise<void> | void }> = {
    this: await controllerTarget(await env(), ours.createCore, files),
    other: await controllerTarget(await env(), theirs.createCore, files),
    fetch: {
      async send(i) {
        const pair = i % 2 === 0 ? 'Busy' : 'Available';
        const res = await fetch(url, {
          method: 'POST',
          headers: { authorization: `Bearer ${floorUser.token}`, 'client-request-id': randomUUID(), accept: 'application/json', 'content-type': 'application/json' },
          body: JSON.stringify({ availability: pair, activity: pair, expirationDuration: 'PT1H' }),
        });
        await res.text();
      },
    },
  };
  let received = Number.NaN;
  subscribe('http.server.request.start', (message) => {
    const req = (message as { request: { url?: string } }).request;
    if (Number.isNaN(received) && req.url?.endsWith('/setUserPreferredPresence')) received = performance.now();
  });
  const names = ['this', 'other', 'fetch'] as const;
  const orders = [[0, 1, 2], [0, 2, 1], [1, 0, 2], [1, 2, 0], [2, 0, 1], [2, 1, 0]] as const;
  const samples: Record<(typeof names)[number], number[]> = { this: [], other: [], fetch: [] };
  for (let i = 0; i < WARMUP + SAMPLES; i++) {
    for (const k of orders[i % orders.length] ?? orders[0]) {
      const name = names[k];
      // Start from an idle loop: the previous command's deferred work runs here, not inside this sample.
      await idleTurn();
      await idleTurn();
      received = Number.NaN;
      const start = performance.now();
      await targets[name].send(i);
      if (i >= WARMUP) samples[name].push((received - start) * 1000);
    }
  }
  for (const t of Object.values(targets)) await t.close?.();
  await emulator.close();
  return { fetchUs: p50(samples.fetch), thisUs: p50(samples.this), otherUs: p50(samples.other) };
}

const args = process.argv.slice(2);
const files = !args.includes('--bare');
const [other, runsArg] = args.filter((a) => !a.startsWith('--'));
if (!other) {
  console.error('usage: node bench/side-by-side.ts <other checkout> [runs] [--bare]');
  process.exit(2);
}
if (args.includes('--one')) {
  console.log(JSON.stringify(await oneRun(resolve(other), files)));
  process.exit(0);
}
const runs = Number(runsArg ?? 5);
const results: RunResult[] = [];
for (let r = 0; r < runs; r++) {
  const out = execFileSync(process.execPath, [fileURLToPath(import.meta.url), other, '1', '--one', ...(files ? [] : ['--bare'])], { encoding: 'utf8' });
  const result = JSON.parse(out.trim().split('\n').at(-1) ?? '{}') as RunResult;
  results.push(result);
  console.log(`run ${r + 1}: fetch ${result.fetchUs.toFixed(1)} µs, this ${result.thisUs.toFixed(1)} µs, other ${result.otherUs.toFixed(1)} µs`);
}
const med = (pick: (r: RunResult) => number): number => p50(results.map(pick));
console.log(
  `${files ? 'with the intent and log files' : 'bare (no files)'}, median of ${runs}: this − other ${med((r) => r.thisUs - r.otherUs).toFixed(1)} µs; ` +
    `ratio to fetch: this ${med((r) => r.thisUs / r.fetchUs).toFixed(3)}, other ${med((r) => r.otherUs / r.fetchUs).toFixed(3)}`,
);
