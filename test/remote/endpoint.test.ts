/**
 * The endpoint on disk: a 0700 folder and a 0600 socket, a stale socket replaced, a live one never taken
 * over, an unsafe folder refused; the per-user path; the protocol's answers to hand-written lines.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { chmodSync, mkdirSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { dirname, join } from 'node:path';
import { spawn } from 'node:child_process';
import { endpointPath } from '../../app/remote/endpoint-path.ts';
import { connectRemote } from '../../app/remote/client.ts';
import { startRemoteEndpoint, type RemoteEndpoint } from '../../app/remote/server.ts';
import { startRunningHarness, type ControlHarness } from '../support/control-harness.ts';
import { tempSocketPath } from './support.ts';

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function harness(): Promise<ControlHarness> {
  const h = await startRunningHarness();
  cleanups.push(() => h.close());
  return h;
}

async function serve(h: ControlHarness, path: string): Promise<RemoteEndpoint> {
  const endpoint = await startRemoteEndpoint({ controller: h.core.controller, path, clock: h.clock, timeZone: () => 'UTC' });
  cleanups.push(() => endpoint.close());
  return endpoint;
}

function temp(): string {
  const socket = tempSocketPath();
  cleanups.push(() => socket.cleanup());
  return socket.path;
}

describe('the endpoint on disk', () => {
  it('makes its folder 0700 and its socket 0600, and removes the socket on close', async () => {
    const h = await harness();
    const path = temp();
    const endpoint = await serve(h, path);
    expect(statSync(dirname(path)).mode & 0o777).toBe(0o700);
    expect(statSync(path).isSocket()).toBe(true);
    expect(statSync(path).mode & 0o777).toBe(0o600);
    await endpoint.close();
    expect(() => statSync(path)).toThrow(/ENOENT/);
  });

  it('tightens a folder of ours that is too open', async () => {
    const h = await harness();
    const path = temp();
    mkdirSync(dirname(path), { recursive: true, mode: 0o755 });
    chmodSync(dirname(path), 0o755);
    await serve(h, path);
    expect(statSync(dirname(path)).mode & 0o777).toBe(0o700);
  });

  it('refuses a folder that is a symlink', async () => {
    const h = await harness();
    const path = temp();
    const real = join(dirname(dirname(path)), 'elsewhere');
    mkdirSync(real, { mode: 0o700 });
    symlinkSync(real, dirname(path));
    await expect(startRemoteEndpoint({ controller: h.core.controller, path, clock: h.clock })).rejects.toMatchObject({ code: 'endpoint-unsafe' });
  });

  it('replaces a stale socket left by a crash', async () => {
    const h = await harness();
    const path = temp();
    // A process that serves the path and dies without cleaning up leaves a socket file nobody answers on.
    mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
    const child = spawn(process.execPath, ['-e', `require('node:net').createServer().listen(${JSON.stringify(path)}, () => process.kill(process.pid, 'SIGKILL'))`]);
    await new Promise((resolve) => child.on('exit', resolve));
    expect(statSync(path).isSocket()).toBe(true);
    await serve(h, path);
    const connection = await connectRemote(path);
    const answer = await connection.request({ cmd: 'hello' });
    connection.close();
    expect(answer).toMatchObject({ ok: true, result: { app: 'presence-tray', protocol: 1 } });
  });

  it('never takes over a live endpoint: the second refuses and the first keeps serving', async () => {
    const h = await harness();
    const path = temp();
    await serve(h, path);
    const second = await harness();
    await expect(startRemoteEndpoint({ controller: second.core.controller, path, clock: second.clock })).rejects.toMatchObject({ code: 'endpoint-in-use' });
    const connection = await connectRemote(path);
    const answer = await connection.request({ cmd: 'set', presence: 'busy', until: '1h' });
    connection.close();
    expect(answer.ok).toBe(true);
    expect(h.core.controller.state().intent).toMatchObject({ presence: 'Busy', source: 'cli' });
    expect(second.core.controller.state().intent).toBeNull();
  });

  it('refuses a path that is a plain file rather than deleting it', async () => {
    const h = await harness();
    const path = temp();
    mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
    writeFileSync(path, 'my notes');
    await expect(startRemoteEndpoint({ controller: h.core.controller, path, clock: h.clock })).rejects.toMatchObject({ code: 'endpoint-unsafe' });
    expect(statSync(path).isFile()).toBe(true);
  });

  it('is per user: XDG_RUNTIME_DIR, else a uid folder in tmp, a hashed pipe on Windows, or the override', () => {
    const base = { platform: 'linux' as const, uid: 1000, username: 'adele', tmpdir: '/tmp' };
    expect(endpointPath({ ...base, env: { XDG_RUNTIME_DIR: '/run/user/1000' } })).toBe('/run/user/1000/presence-tray/control.sock');
    expect(endpointPath({ ...base, env: {} })).toBe('/tmp/presence-tray-1000/control.sock');
    const pipe = endpointPath({ ...base, platform: 'win32', env: { USERDOMAIN: 'CONTOSO' } });
    expect(pipe).toMatch(/^\\\\\.\\pipe\\presence-tray-[0-9a-f]{16}$/);
    expect(endpointPath({ ...base, platform: 'win32', env: { USERDOMAIN: 'CONTOSO' }, username: 'megan' })).not.toBe(pipe);
    expect(endpointPath({ ...base, env: { PRESENCE_TRAY_SOCKET: '/x/y.sock' } })).toBe('/x/y.sock');
  });
});

describe('the protocol, line by line', () => {
  it('answers hand-written lines: ids echoed, stable codes for every refusal', async () => {
    const h = await harness();
    const path = temp();
    await serve(h, path);
    const socket = connect(path);
    const lines: string[] = [];
    socket.setEncoding('utf8').on('data', (t: string) => lines.push(...t.split('\n').filter(Boolean)));
    await new Promise((resolve) => socket.once('connect', resolve));
    socket.write('{"v":1,"id":"a","cmd":"status"}\n');
    socket.write('not json\n');
    socket.write('{"v":2,"id":"b","cmd":"status"}\n');
    socket.write('{"v":1,"id":"c","cmd":"signout"}\n');
    socket.write('{"v":1,"id":"d","cmd":"set","presence":"bussy"}\n');
    socket.write('{"v":1,"id":"e","cmd":"set","presence":"busy","until":"soon"}\n');
    socket.write('{"v":1,"id":"f","cmd":"status","token":"x"}\n');
    socket.write('[1,2]\r\n');
    socket.write('{"v":1,"id":7,"cmd":"hello"}\n');
    // A message made only of zero-width characters shows nothing: refused as the window and the settings file do.
    socket.write('{"v":1,"id":"g","cmd":"message","text":"\\u200b\\u200d"}\n');
    const deadline = Date.now() + 5000;
    while (lines.length < 10 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    socket.destroy();
    const answers = lines.map((l) => JSON.parse(l) as { v: number; id: unknown; ok: boolean; error?: { code: string; message: string } });
    expect(answers.every((a) => a.v === 1)).toBe(true);
    const byId = Object.fromEntries(answers.filter((a) => a.id !== null).map((a) => [String(a.id), a.ok ? 'ok' : a.error?.code]));
    expect(byId).toEqual({ a: 'ok', b: 'unsupported-version', c: 'unknown-command', d: 'invalid-presence', e: 'invalid-duration', f: 'bad-request', g: 'invalid-status-message', 7: 'ok' });
    // Lines that could not be read carry id null, in the order sent.
    expect(answers.filter((a) => a.id === null).map((a) => a.error?.code)).toEqual(['bad-json', 'bad-request']);
    expect(answers.every((a) => a.ok || (a.error?.message.length ?? 0) > 10)).toBe(true);
    expect(h.core.controller.state().intent).toBeNull();
  });

  it('answers a client that sends its request and half-closes at once (echo … | nc -U), then closes', async () => {
    const h = await harness();
    const path = temp();
    await serve(h, path);
    const socket = connect(path);
    let text = '';
    socket.setEncoding('utf8').on('data', (t: string) => (text += t));
    const closed = new Promise((resolve) => socket.on('close', resolve));
    socket.end('{"v":1,"id":1,"cmd":"set","presence":"busy","until":"1h"}\n{"v":1,"id":2,"cmd":"status"}\n');
    await closed;
    const answers = text.split('\n').filter(Boolean).map((l) => JSON.parse(l) as { id: number; ok: boolean });
    expect(answers.map((a) => [a.id, a.ok])).toEqual([
      [1, true],
      [2, true],
    ]);
    expect(h.core.controller.state().intent).toMatchObject({ presence: 'Busy', source: 'cli' });
  });
});
