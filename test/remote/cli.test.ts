/**
 * presencectl as a real child process against a real core over the emulator: every command reaches Graph as
 * the tray's would (the emulator's request log, and `source: 'cli'` in the state), and every error has its
 * exit code and a message.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { formPostOpener, signInDemoUser } from '../../app/auth/demo-sign-in.ts';
import { createCore } from '../../app/core.ts';
import { prepareDemoWorld } from '../../app/shell/demo.ts';
import { memoryIntentStore } from '../../app/control/intent-store.ts';
import { startRemoteEndpoint } from '../../app/remote/server.ts';
import { startEmulator } from '../emulator/server.ts';
import { aesEncryptor } from '../auth/support/aes-encryptor.ts';
import { TEST_CLIENT_ID } from '../support/control-harness.ts';
import { runCliProcess, startRemoteRig, tempSocketPath, type RemoteRig } from './support.ts';

describe('presencectl against the running app', () => {
  let rig: RemoteRig;
  beforeAll(async () => {
    rig = await startRemoteRig();
  });
  afterAll(async () => rig.close());
  beforeEach(async () => {
    await rig.harness.control.clearRequests();
  });

  it('busy --for 1h sends the same write the tray sends, from the cli', async () => {
    const run = await runCliProcess(['busy', '--for', '1h'], rig.path);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^Done\. Now: Busy — set from the command line, until /);
    const writes = await rig.harness.writes();
    expect(writes.map((w) => [w.action, w.body.availability, w.body.activity, w.body.expirationDuration])).toEqual([
      ['setUserPreferredPresence', 'Busy', 'Busy', 'PT1H'],
    ]);
    const state = rig.harness.core.controller.state();
    expect(state.intent).toMatchObject({ presence: 'Busy', source: 'cli', until: { kind: 'duration', iso: 'PT1H' } });
  });

  it('dnd --until 15:00 holds until 15:00 in the app zone, sent with the expiry that ends it', async () => {
    // The harness clock stands at 08:00Z, the endpoint reads clock times in UTC: 7 hours.
    const run = await runCliProcess(['dnd', '--until', '15:00', '--json'], rig.path);
    expect(run.code).toBe(0);
    const out = JSON.parse(run.stdout) as { ok: boolean; result: { outcome: string; status: { holds: string; setBy: string; until: string } } };
    expect(out.ok).toBe(true);
    expect(out.result.outcome).toBe('applied');
    expect(out.result.status).toMatchObject({ holds: 'do-not-disturb', setBy: 'cli', until: '2026-11-23T15:00:00.000Z' });
    const writes = await rig.harness.writes();
    expect(writes.map((w) => [w.body.availability, w.body.expirationDuration])).toEqual([['DoNotDisturb', 'PT7H']]);
  });

  it('appear-offline --for "end of day", then reset clears the preference', async () => {
    expect((await runCliProcess(['appear-offline', '--for', 'end of day'], rig.path)).code).toBe(0);
    expect((await rig.harness.writes()).map((w) => [w.body.availability, w.body.activity, w.body.expirationDuration])).toEqual([['Offline', 'OffWork', 'PT16H']]);
    await rig.harness.control.clearRequests();
    const reset = await runCliProcess(['reset'], rig.path);
    expect(reset.code).toBe(0);
    expect((await rig.harness.writes()).map((w) => w.action)).toEqual(['clearUserPreferredPresence']);
    expect(rig.harness.core.controller.state().intent).toMatchObject({ presence: null, source: 'cli' });
  });

  it('message "At lunch" --for 1h, then clear-message', async () => {
    const set = await runCliProcess(['message', 'At lunch', '--for', '1h'], rig.path);
    expect(set.code).toBe(0);
    const writes = await rig.harness.writes();
    expect(writes.map((w) => w.action)).toEqual(['setStatusMessage']);
    expect(JSON.stringify(writes[0]?.body)).toContain('At lunch');
    expect(rig.harness.core.controller.state().statusMessage).toMatchObject({ text: 'At lunch', source: 'cli', until: '2026-11-23T09:00:00.000Z' });
    await rig.harness.control.clearRequests();
    expect((await runCliProcess(['clear-message'], rig.path)).code).toBe(0);
    expect((await rig.harness.writes()).map((w) => w.action)).toEqual(['setStatusMessage']);
    expect(rig.harness.core.controller.state().statusMessage).toBeNull();
  });

  it('pause --for 1h and resume change the pause the app shows', async () => {
    expect((await runCliProcess(['pause', '--for', '1h'], rig.path)).code).toBe(0);
    expect(rig.harness.core.controller.state().pause).toEqual({ until: '2026-11-23T09:00:00.000Z' });
    expect((await runCliProcess(['resume'], rig.path)).code).toBe(0);
    expect(rig.harness.core.controller.state().pause).toBeNull();
  });

  it('status prints what holds for a person, and --json the same as data', async () => {
    await runCliProcess(['away', '--for', '30m'], rig.path);
    await rig.harness.advance(2000); // the app reads presence back 2 s after a write
    const human = await runCliProcess(['status'], rig.path);
    expect(human.code).toBe(0);
    expect(human.stdout).toContain('Teams shows:  Away');
    expect(human.stdout).toContain('Holding:      Away — set from the command line, until');
    expect(human.stdout).toContain('Sign-in:      signed in as Test User (test@contoso.example)');
    expect(human.stdout).toContain('Schedule:     off');
    const json = await runCliProcess(['status', '--json'], rig.path);
    const status = (JSON.parse(json.stdout) as { result: Record<string, unknown> }).result;
    expect(status).toMatchObject({
      presence: { availability: 'Away', activity: 'Away', word: 'away' },
      inCharge: 'manual',
      setBy: 'cli',
      holds: 'away',
      until: '2026-11-23T08:30:00.000Z',
      signIn: { status: 'signed-in', account: { username: 'test@contoso.example' } },
      schedule: { enabled: false, paused: false },
      pending: null,
    });
    expect(JSON.stringify(status)).not.toMatch(/eyJ/); // no token-like text
  });

  it('an invalid duration is a usage error (exit 2) that says what was wrong, and nothing is sent', async () => {
    const run = await runCliProcess(['busy', '--for', '1 fortnight'], rig.path);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('"1 fortnight" is not a time to hold it');
    const months = await runCliProcess(['busy', '--for', 'P1M', '--json'], rig.path);
    expect(months.code).toBe(2);
    expect(JSON.parse(months.stdout)).toMatchObject({ ok: false, error: { code: 'usage', message: expect.stringContaining('months') } });
    expect(await rig.harness.writes()).toEqual([]);
  });

  it('an unknown presence is a usage error (exit 2) listing the presences', async () => {
    const run = await runCliProcess(['bussy'], rig.path);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('"bussy" is neither a command nor a presence');
    expect(run.stderr).toContain('available, busy, do-not-disturb, be-right-back, away, appear-offline');
    expect(await rig.harness.writes()).toEqual([]);
  });

  it('usage, per-command help and misuse', async () => {
    const help = await runCliProcess(['--help'], rig.path);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('Exit codes: 0 done, 1 refused');
    const one = await runCliProcess(['message', '--help'], rig.path);
    expect(one.code).toBe(0);
    expect(one.stdout).toContain('presencectl message <text>');
    expect((await runCliProcess([], rig.path)).code).toBe(2);
    expect((await runCliProcess(['status', '--for', '1h'], rig.path)).code).toBe(2);
    expect((await runCliProcess(['busy', '--frobnicate'], rig.path)).code).toBe(2);
  });
});

describe('presencectl when the app cannot do it', () => {
  it('app not running: exit 3 and how to start it', async () => {
    const socket = tempSocketPath();
    try {
      const run = await runCliProcess(['busy'], socket.path);
      expect(run.code).toBe(3);
      expect(run.stderr).toContain('Presence Tray is not running');
      expect(run.stderr).toContain('Start Presence Tray');
      const json = await runCliProcess(['status', '--json'], socket.path);
      expect(json.code).toBe(3);
      expect(JSON.parse(json.stdout)).toMatchObject({ ok: false, error: { code: 'not-running' } });
    } finally {
      socket.cleanup();
    }
  });

  it('signed out: exit 1, the reason, and nothing reaches Graph', async () => {
    const emulator = await startEmulator();
    const folder = mkdtempSync(join(tmpdir(), 'ptr-auth-'));
    const socket = tempSocketPath();
    // The real sign-in service (MSAL) with no saved sign-in: the app starts signed out.
    const core = createCore({
      auth: { cacheFile: join(folder, 'cache.bin'), encryptor: aesEncryptor(), openBrowser: formPostOpener(), endpointOverride: emulator.url },
      intentStore: memoryIntentStore(),
      options: { clientId: TEST_CLIENT_ID, graphBaseUrl: emulator.url },
    });
    await core.start();
    const endpoint = await startRemoteEndpoint({ controller: core.controller, path: socket.path, clock: core.clock });
    try {
      expect(core.controller.state().auth.status).toBe('signed-out');
      const run = await runCliProcess(['busy', '--for', '1h'], socket.path);
      expect(run.code).toBe(1);
      expect(run.stderr).toContain('Presence Tray is not signed in, so nothing was changed');
      const json = await runCliProcess(['message', 'hi', '--json'], socket.path);
      expect(json.code).toBe(1);
      expect(JSON.parse(json.stdout)).toMatchObject({ ok: false, error: { code: 'signed-out' } });
      expect(core.controller.state().intent).toBeNull();
      const status = await runCliProcess(['status'], socket.path);
      expect(status.code).toBe(0);
      expect(status.stdout).toContain('Sign-in:      signed out');
      const graph = (await (await fetch(`${emulator.url}/_emulator/requests?kind=graph`)).json()) as unknown[];
      expect(graph).toEqual([]);
      // Once the user signs in (the real MSAL flow against the emulator), the same command goes through.
      const { userId } = await prepareDemoWorld(emulator.url);
      await signInDemoUser(core.auth!, emulator.url, userId);
      const after = await runCliProcess(['busy', '--for', '1h'], socket.path);
      expect(after.stderr).toBe('');
      expect(after.code).toBe(0);
      expect(core.controller.state().intent).toMatchObject({ presence: 'Busy', source: 'cli' });
    } finally {
      await endpoint.close();
      await core.dispose();
      await emulator.close();
      socket.cleanup();
      rmSync(folder, { recursive: true, force: true });
    }
  });
});
