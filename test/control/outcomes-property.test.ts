// Property (issue 15, defect 5): under random interleavings of commands, emulator faults (throttling, outages,
// dropped connections, refusals, slow answers) and retries, every command's promise settles exactly once, and
// with its own outcome: `applied` only if Graph accepted its request, `failed` only with the error of its own
// refused request, `superseded` only when a newer command on the same slot came, `queued` with why it waits.
// Seeded: a failure prints its seed, and the same seed replays the same run.
import { afterEach, describe, expect, it } from 'vitest';
import type { Outcome } from '../../app/control/types.ts';
import type { PresenceKey } from '../../app/presence/index.ts';
import { parseDuration } from '../../app/presence/index.ts';
import { startControlHarness } from '../support/control-harness.ts';
import type { ControlHarness } from '../support/control-harness.ts';
import type { FaultSpec } from '../emulator/client.ts';
import { seededRandom } from '../support/seeded-random.ts';

const SEEDS = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
const STEPS = 9;
const KEYS: PresenceKey[] = ['Available', 'Busy', 'DoNotDisturb', 'BeRightBack', 'Away'];
const H = 3_600_000;


interface Issued {
  n: number;
  slot: 'presence' | 'status';
  /** Presence commands: the key and the instant it ends; status commands: the unique text. */
  key?: PresenceKey;
  endsAt?: number;
  text?: string;
  outcome: Outcome | null;
  settledTimes: number;
}

const FAULTS: Array<Omit<FaultSpec, 'pathContains'>> = [
  { status: 503 }, // the Graph client retries it
  { status: 503, count: 5 }, // the client gives up: the controller retries later
  { status: 429, retryAfterSeconds: 2 }, // the client waits it out
  { status: 429, retryAfterSeconds: 90 }, // longer than the client waits: the controller retries
  { status: 0 }, // dropped connection
  { status: 403 }, // refused: not repeated
  { status: 400 }, // refused: not repeated
  { delayMs: 120 }, // slow, then fine
  { delayMs: 120, status: 429, retryAfterSeconds: 90 },
  { delayMs: 120, status: 403 },
];

let h: ControlHarness | null = null;
afterEach(async () => {
  await h?.close();
  h = null;
});

async function runSeed(seed: number): Promise<void> {
  const random = seededRandom(seed);
  const pick = <T,>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)]!;
  h = await startControlHarness();
  const harness = h;
  await harness.core.start();
  await harness.quiet();
  await harness.control.clearRequests();
  const c = harness.core.controller;
  const issued: Issued[] = [];

  const command = (): void => {
    const n = issued.length;
    const now = harness.clock.now();
    const entry: Issued =
      random() < 0.7
        ? { n, slot: 'presence', key: pick(KEYS), endsAt: now + (n + 1) * H, outcome: null, settledTimes: 0 }
        : { n, slot: 'status', text: `message ${seed}-${n}`, outcome: null, settledTimes: 0 };
    const until = { kind: 'duration', iso: `PT${n + 1}H` } as const;
    const p = entry.slot === 'presence' ? c.set(entry.key!, { until, source: 'tray' }) : c.setStatusMessage(entry.text!, { until, source: 'window' });
    issued.push(entry);
    void p.then((o) => {
      entry.outcome = o;
      entry.settledTimes += 1;
    });
  };

  for (let step = 0; step < STEPS; step++) {
    const r = random();
    if (r < 0.3) {
      command();
    } else if (r < 0.55) {
      const path = random() < 0.7 ? 'setUserPreferredPresence' : 'setStatusMessage';
      await harness.control.fault({ ...pick(FAULTS), pathContains: path });
      command();
    } else if (r < 0.8) {
      // A newer command while the first one's request is on the wire.
      await harness.control.fault({ ...pick(FAULTS), delayMs: 150, pathContains: random() < 0.7 ? 'setUserPreferredPresence' : 'setStatusMessage' });
      command();
      const deadline = Date.now() + 100;
      while (harness.meter.graphInFlight === 0 && Date.now() < deadline) await new Promise((res) => setTimeout(res, 1));
      command();
      if (random() < 0.5) command();
    } else {
      await harness.advance(Math.floor(random() * 100_000));
    }
    await harness.quiet();
  }
  // Let every retry run its course.
  await harness.control.fault({ reset: true });
  await harness.advance(20 * 60_000);

  const requests = (await harness.graphRequests()).filter((r) => r.method === 'POST');
  const carries = (e: Issued, body: Record<string, unknown>, at: string): boolean => {
    if (e.slot === 'status') return (body.statusMessage as { message?: { content?: string } } | undefined)?.message?.content === e.text;
    if (body.availability !== e.key || typeof body.expirationDuration !== 'string') return false;
    // The Graph client resends the body it built for the first attempt, so allow for its waits; ends are an hour apart.
    return Math.abs(Date.parse(at) + parseDuration(body.expirationDuration) - e.endsAt!) <= 5 * 60_000;
  };
  const context = `seed ${seed}: ${JSON.stringify(issued.map((e) => [e.n, e.slot, e.key ?? e.text, e.outcome?.outcome, e.outcome?.error?.code]))}`;
  for (const e of issued) {
    expect(e.settledTimes, `${context}\ncommand ${e.n} never settled`).toBe(1);
    const own = requests.filter((r) => carries(e, (r.body ?? {}) as Record<string, unknown>, r.at));
    const outcome = e.outcome!;
    switch (outcome.outcome) {
      case 'applied':
        expect(own.some((r) => r.status === 200), `${context}\ncommand ${e.n} applied without its request accepted`).toBe(true);
        break;
      case 'failed':
        expect(own.some((r) => r.status === 400 || r.status === 403), `${context}\ncommand ${e.n} failed without its own request refused`).toBe(true);
        expect(['bad-request', 'forbidden'], context).toContain(outcome.error?.code);
        break;
      case 'superseded':
        expect(issued.some((later) => later.n > e.n && later.slot === e.slot), `${context}\ncommand ${e.n} superseded by nothing`).toBe(true);
        break;
      case 'queued':
        expect(outcome.error?.retryable ?? false, `${context}\ncommand ${e.n} queued without a retryable reason`).toBe(true);
        break;
    }
  }
}

describe('every command settles once with its own outcome (seeded interleavings against the emulator)', () => {
  for (const seed of SEEDS) {
    it(`seed ${seed}`, async () => {
      await runSeed(seed);
    }, 30_000);
  }
});
