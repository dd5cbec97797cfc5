/**
 * `emulator.requestRate`: how fast the emulator itself answers Graph presence requests, so other benchmarks
 * (command → request) know the floor the emulator puts under them. Client and emulator share this process,
 * as in the tests; the client is plain `node:http` with a keep-alive agent to keep its own cost small.
 */
import { Agent, request } from 'node:http';
import { EmulatorControl } from '../test/emulator/client.ts';
import { startEmulator } from '../test/emulator/server.ts';
import type { Benchmark } from './harness.ts';
import { percentile, round } from './harness.ts';

const WARMUP = 1_000;
const SEQUENTIAL = 3_000;
const CONCURRENT = 6_000;
const CONCURRENCY = 8;

function send(agent: Agent, url: URL, token: string, method: string, body?: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      {
        method,
        agent,
        headers: { authorization: `Bearer ${token}`, ...(body ? { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } : {}) },
      },
      (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

/** Run `total` requests with `concurrency` workers; returns per-request latencies (ms) and the wall time. */
async function drive(total: number, concurrency: number, one: () => Promise<number>): Promise<{ latencies: number[]; wallMs: number; cpuMs: number }> {
  const latencies: number[] = [];
  let issued = 0;
  const cpu = process.cpuUsage();
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (issued < total) {
        issued++;
        const t0 = performance.now();
        const status = await one();
        latencies.push(performance.now() - t0);
        if (status !== 200) throw new Error(`emulator answered ${status}`);
      }
    }),
  );
  const used = process.cpuUsage(cpu);
  return { latencies, wallMs: performance.now() - started, cpuMs: (used.user + used.system) / 1000 };
}

function summary(prefix: string, run: { latencies: number[]; wallMs: number; cpuMs: number }): Record<string, number> {
  return {
    // CPU per request (client and emulator together) is the figure least disturbed by other load on the machine.
    [`${prefix}.cpuUsPerRequest`]: round((run.cpuMs * 1000) / run.latencies.length, 0),
    [`${prefix}.requestsPerSecond`]: round((run.latencies.length / run.wallMs) * 1000, 0),
    [`${prefix}.p50Ms`]: round(percentile(run.latencies, 50)),
    [`${prefix}.p99Ms`]: round(percentile(run.latencies, 99)),
    [`${prefix}.requests`]: run.latencies.length,
  };
}

/** The emulator's own request rate: sequential GET, GET at concurrency 8, sequential setUserPreferredPresence. */
export const emulatorBenchmark: Benchmark = {
  name: 'emulator.requestRate',
  description: `emulator GET /me/presence sequential (${SEQUENTIAL}) and at concurrency ${CONCURRENCY} (${CONCURRENT}), and sequential setUserPreferredPresence; keep-alive`,
  async run() {
    const emulator = await startEmulator();
    const agent = new Agent({ keepAlive: true, maxSockets: CONCURRENCY });
    try {
      const control = new EmulatorControl(emulator.url);
      const user = await control.createUser({ displayName: 'Bench', userPrincipalName: 'bench@contoso.com' });
      await control.addSession({ userId: user.id, sessionId: 'teams', availability: 'Available', activity: 'Available' });
      const { access_token: token } = await control.mintToken({ userId: user.id, scopes: ['Presence.ReadWrite'] });
      const get = new URL(`${emulator.url}/v1.0/me/presence`);
      const set = new URL(`${emulator.url}/v1.0/me/presence/setUserPreferredPresence`);
      const pairs = ['{"availability":"Busy","activity":"Busy"}', '{"availability":"Available","activity":"Available"}'];

      await drive(WARMUP, 1, () => send(agent, get, token, 'GET'));
      const sequential = await drive(SEQUENTIAL, 1, () => send(agent, get, token, 'GET'));
      const concurrent = await drive(CONCURRENT, CONCURRENCY, () => send(agent, get, token, 'GET'));
      let n = 0;
      const writes = await drive(SEQUENTIAL, 1, () => send(agent, set, token, 'POST', pairs[n++ % 2]));
      return {
        ...summary('get.sequential', sequential),
        ...summary(`get.concurrency${CONCURRENCY}`, concurrent),
        ...summary('setPreferred.sequential', writes),
      };
    } finally {
      agent.destroy();
      await emulator.close();
    }
  },
};
