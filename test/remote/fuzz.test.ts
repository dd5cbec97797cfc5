/**
 * The endpoint under hostile and clumsy clients, from a seeded generator (so a failure replays): malformed
 * JSON, random bytes, truncated and mistyped requests, unknown versions and commands, a 10 MB line, a client
 * that connects and says nothing, half a line then a hang-up, 200 clients at once. Each bad line gets a clear
 * error, nothing bad reaches the controller or Graph, every valid request interleaved with the garbage is
 * answered, and the endpoint keeps serving afterwards.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { connect, type Socket } from 'node:net';
import { startRemoteEndpoint, type RemoteEndpoint } from '../../app/remote/server.ts';
import { startRunningHarness, type ControlHarness } from '../support/control-harness.ts';
import { tempSocketPath } from './support.ts';
import { seededRandom } from '../support/seeded-random.ts';


const SEED = 20261123;

/** One bad line (no newline inside, not blank) and the error code it must get. */
function badLine(rand: () => number, n: number): { bytes: Buffer; code: string | string[] } {
  const pick = <T,>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)] as T;
  const valid = JSON.stringify({ v: 1, id: `g${n}`, cmd: 'set', presence: 'busy', until: '1h' });
  switch (Math.floor(rand() * 8)) {
    case 0: {
      // Random bytes, never a newline, never only whitespace.
      const bytes = Buffer.from(Array.from({ length: 1 + Math.floor(rand() * 200) }, () => Math.floor(rand() * 256))).map((b) => (b === 0x0a || b === 0x0d || b === 0x20 || b === 0x09 ? 0x41 : b));
      return { bytes: Buffer.from(bytes), code: ['bad-json', 'bad-request'] };
    }
    case 1: // a valid request cut short
      return { bytes: Buffer.from(valid.slice(0, 1 + Math.floor(rand() * (valid.length - 2)))), code: 'bad-json' };
    case 2: // JSON that is not an object
      return { bytes: Buffer.from(pick(['1', '"set"', 'null', 'true', '[{"v":1,"cmd":"set"}]', '[]'])), code: 'bad-request' };
    case 3: // an unknown or missing version
      return { bytes: Buffer.from(JSON.stringify({ v: pick([0, 2, '1', null, 1.5, -1]), id: `g${n}`, cmd: 'set', presence: 'busy' })), code: 'unsupported-version' };
    case 4: // an unknown command, including the ones the endpoint must never offer
      return { bytes: Buffer.from(JSON.stringify({ v: 1, id: `g${n}`, cmd: pick(['signout', 'token', 'sign-in', 'connection', 'SET', '', 'eval']) })), code: 'unknown-command' };
    case 5: // wrong types and unknown fields
      return {
        bytes: Buffer.from(pick([`{"v":1,"id":"g${n}","cmd":"set","presence":5}`, `{"v":1,"id":{},"cmd":"status"}`, `{"v":1,"id":"g${n}","cmd":"set","presence":"busy","token":"x"}`, `{"v":1,"id":"g${n}","cmd":"message","text":["a"]}`])),
        code: 'bad-request',
      };
    case 6: // values the commands refuse
      return {
        bytes: Buffer.from(pick([
          `{"v":1,"id":"g${n}","cmd":"set","presence":"bussy"}`,
          `{"v":1,"id":"g${n}","cmd":"set"}`,
          `{"v":1,"id":"g${n}","cmd":"set","presence":"busy","until":"P1M"}`,
          `{"v":1,"id":"g${n}","cmd":"pause","until":"yesterday"}`,
          `{"v":1,"id":"g${n}","cmd":"message","text":"   "}`,
          `{"v":1,"id":"g${n}","cmd":"message","text":"${'x'.repeat(400)}"}`,
        ])),
        code: ['invalid-presence', 'invalid-duration', 'invalid-status-message'],
      };
    default: // JSON with junk after it, or unbalanced braces
      return { bytes: Buffer.from(pick([`${valid}}`, `{${valid}`, `${valid} x`, '{"v":1,', '}{'])), code: 'bad-json' };
  }
}

/** A raw client: its answer lines, parsed. */
function rawClient(path: string): Promise<{ socket: Socket; answers: Array<{ id: unknown; ok: boolean; error?: { code: string; message: string } }>; closed: Promise<void> }> {
  return new Promise((resolve, reject) => {
    const socket = connect(path);
    const answers: Array<{ id: unknown; ok: boolean; error?: { code: string; message: string } }> = [];
    let rest = '';
    socket.setEncoding('utf8').on('data', (t: string) => {
      const parts = (rest + t).split('\n');
      rest = parts.pop() ?? '';
      for (const p of parts) if (p) answers.push(JSON.parse(p) as (typeof answers)[number]);
    });
    socket.on('error', () => {});
    const closed = new Promise<void>((r) => socket.on('close', () => r()));
    socket.once('connect', () => resolve({ socket, answers, closed }));
    socket.once('error', reject);
  });
}

async function until(check: () => boolean, what: string, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

describe('fuzzing the endpoint', () => {
  let h: ControlHarness;
  let endpoint: RemoteEndpoint;
  let path: string;
  let cleanup: () => void;
  beforeAll(async () => {
    h = await startRunningHarness();
    const socket = tempSocketPath();
    path = socket.path;
    cleanup = socket.cleanup;
    endpoint = await startRemoteEndpoint({ controller: h.core.controller, path, clock: h.clock, timeZone: () => 'UTC' });
  });
  afterAll(async () => {
    await endpoint.close();
    await h.close();
    cleanup();
  });
  beforeEach(async () => h.control.clearRequests());

  it(`answers 600 seeded bad lines with their codes, loses none of the valid ones between them (seed ${SEED})`, async () => {
    const rand = seededRandom(SEED);
    const client = await rawClient(path);
    const expected: Array<{ id: string | null; code: string | string[] | 'ok' }> = [];
    const before = JSON.stringify(h.core.controller.state().intent);
    for (let n = 0; n < 600; n++) {
      if (n % 50 === 49) {
        client.socket.write(`${JSON.stringify({ v: 1, id: `ok${n}`, cmd: 'status' })}\n`);
        expected.push({ id: `ok${n}`, code: 'ok' });
        continue;
      }
      const { bytes, code } = badLine(rand, n);
      // Split the line at a random byte to exercise reassembly across packets.
      const cut = Math.floor(rand() * bytes.length);
      client.socket.write(bytes.subarray(0, cut));
      client.socket.write(Buffer.concat([bytes.subarray(cut), Buffer.from('\n')]));
      expected.push({ id: null, code });
    }
    await until(() => client.answers.length >= expected.length, `${expected.length} answers (have ${client.answers.length})`);
    client.socket.destroy();
    expect(client.answers).toHaveLength(expected.length);
    const oks = client.answers.filter((a) => a.ok).map((a) => a.id);
    expect(oks.sort()).toEqual(expected.filter((e) => e.code === 'ok').map((e) => e.id).sort());
    for (const answer of client.answers.filter((a) => !a.ok)) {
      expect(answer.error?.code).toMatch(/^(bad-json|bad-request|unsupported-version|unknown-command|invalid-presence|invalid-duration|invalid-status-message)$/);
      expect(answer.error?.message.length).toBeGreaterThan(15);
    }
    const codes = new Set(client.answers.filter((a) => !a.ok).map((a) => a.error?.code));
    expect([...codes].sort()).toEqual(['bad-json', 'bad-request', 'invalid-duration', 'invalid-presence', 'invalid-status-message', 'unknown-command', 'unsupported-version']);
    expect(JSON.stringify(h.core.controller.state().intent)).toBe(before);
    expect(await h.writes()).toEqual([]);
  });

  it('a 10 MB line is refused without being kept, and the same connection then works', async () => {
    const client = await rawClient(path);
    const chunk = Buffer.alloc(1024 * 1024, 0x61);
    for (let i = 0; i < 10; i++) client.socket.write(chunk);
    client.socket.write('\n{"v":1,"id":"after","cmd":"set","presence":"busy","until":"1h"}\n');
    await until(() => client.answers.length >= 2, 'the refusal and the answer');
    client.socket.destroy();
    expect(client.answers[0]).toMatchObject({ id: null, ok: false, error: { code: 'line-too-long' } });
    expect(client.answers[1]).toMatchObject({ id: 'after', ok: true });
    expect((await h.writes()).map((w) => w.body.availability)).toEqual(['Busy']);
  });

  it('a client that says nothing is closed after the idle time; half a line then a hang-up does nothing', async () => {
    // A second endpoint on the same controller with a short idle time, so the test need not wait 30 s.
    const socket = tempSocketPath();
    const quick = await startRemoteEndpoint({ controller: h.core.controller, path: socket.path, clock: h.clock, idleTimeoutMs: 300 });
    const silent = await rawClient(socket.path);
    const half = await rawClient(path);
    half.socket.end('{"v":1,"id":"half","cmd":"set","presence":"away"');
    await half.closed;
    await silent.closed; // closed by the endpoint after 300 ms of silence
    expect(silent.answers).toEqual([]);
    expect(half.answers).toEqual([]);
    await until(() => endpoint.connections() === 0 && quick.connections() === 0, 'no connections left');
    await quick.close();
    socket.cleanup();
    expect(await h.writes()).toEqual([]);
    expect(h.core.controller.state().intent?.presence).not.toBe('Away');
  });

  it('200 clients at once are all answered, and what they set is what holds', async () => {
    const clients = await Promise.all(Array.from({ length: 200 }, () => rawClient(path)));
    clients.forEach((client, i) => {
      const line = i % 10 === 0 ? { v: 1, id: i, cmd: 'set', presence: 'dnd', until: '2h' } : { v: 1, id: i, cmd: i % 2 ? 'status' : 'hello' };
      client.socket.write(`${JSON.stringify(line)}\n`);
    });
    await until(() => clients.every((c) => c.answers.length === 1), 'every client answered');
    for (const [i, client] of clients.entries()) expect(client.answers[0]).toMatchObject({ id: i, ok: true });
    for (const client of clients) client.socket.destroy();
    await h.quiet();
    expect(h.core.controller.state().intent).toMatchObject({ presence: 'DoNotDisturb', source: 'cli' });
    expect((await h.writes()).map((w) => w.body.availability)).toContain('DoNotDisturb');
    // And the endpoint still serves a newcomer.
    const late = await rawClient(path);
    late.socket.write('{"v":1,"id":"late","cmd":"reset"}\n');
    await until(() => late.answers.length === 1, 'the late answer');
    late.socket.destroy();
    expect(late.answers[0]).toMatchObject({ id: 'late', ok: true });
  });
});
