/**
 * `npm run demo -- --headless`: the core in plain Node against the embedded emulator, the demo user signed in
 * through MSAL, serving the endpoint; presencectl (a real child process) drives it as the README says.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHeadlessDemo, type HeadlessDemo } from '../../scripts/demo-headless.ts';
import { runCliProcess, tempSocketPath } from './support.ts';

describe('the headless demo', () => {
  let demo: HeadlessDemo;
  const printed: string[] = [];
  const socket = tempSocketPath();
  beforeAll(async () => {
    demo = await startHeadlessDemo({ path: socket.path, say: (line) => printed.push(line) });
  });
  afterAll(async () => {
    await demo.stop();
    socket.cleanup();
  });

  it('prints how to drive it, and presencectl busy --for 1h reaches its emulator', async () => {
    expect(printed.join('\n')).toContain('npm run -s cli -- busy --for 1h');
    expect(printed.join('\n')).toContain(`Control endpoint: ${socket.path}`);
    const run = await runCliProcess(['busy', '--for', '1h'], socket.path);
    expect(run.code).toBe(0);
    const requests = (await (await fetch(`${demo.emulatorUrl}/_emulator/requests?kind=graph`)).json()) as Array<{ method: string; path: string; body: { availability?: string; expirationDuration?: string } }>;
    const writes = requests.filter((r) => r.method === 'POST' && r.path.endsWith('setUserPreferredPresence'));
    expect(writes.at(-1)?.body).toMatchObject({ availability: 'Busy', expirationDuration: 'PT1H' });
    const status = await runCliProcess(['status', '--json'], socket.path);
    expect(JSON.parse(status.stdout)).toMatchObject({ ok: true, result: { demo: true, holds: 'busy', setBy: 'cli', signIn: { status: 'signed-in', account: { username: 'demo@contoso.example' } } } });
  });

  it('a second demo never takes over the running one', async () => {
    await expect(startHeadlessDemo({ path: socket.path, say: () => {} })).rejects.toThrow(/already serves/);
    expect((await runCliProcess(['status'], socket.path)).code).toBe(0);
  });
});
