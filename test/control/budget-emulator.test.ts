// The fleet budget against the emulator over real HTTP (issue 14): a shared boundary's scheduled write waits
// for this install's turn while a person's own command goes at once, the same install keeps its turn after a
// restart, and looking at the app reads at once.
import { afterEach, describe, expect, it } from 'vitest';
import { memoryIntentStore } from '../../app/control/intent-store.ts';
import { scheduleOffsetMs } from '../../app/control/budget.ts';
import { startControlHarness } from '../support/control-harness.ts';
import type { ControlHarness, HarnessOptions } from '../support/control-harness.ts';
import { ManualClock } from '../support/manual-clock.ts';
import { testScheduler } from '../support/test-schedule.ts';

const SPREAD = 240;
const INSTALL = '3b2f6a90-5c1d-4e8f-9a7b-2d4c6e8f0a1b';
const open: ControlHarness[] = [];
afterEach(async () => {
  for (const h of open.splice(0)) await h.close();
});

async function started(options: HarnessOptions): Promise<ControlHarness> {
  const h = await startControlHarness(options);
  open.push(h);
  await h.core.start();
  await h.quiet();
  return h;
}
const writes = async (h: ControlHarness): Promise<Array<[string, unknown]>> =>
  (await h.graphRequests()).filter((r) => r.path.endsWith('/setUserPreferredPresence')).map((r) => [r.at.slice(11, 19), (r.body as { availability?: string }).availability]);

describe('the fleet budget against the emulator', () => {
  it("the 18:00 write goes at this install's turn, the same after a restart; a command at 18:00 goes at once", async () => {
    const offsetS = Math.floor(scheduleOffsetMs(INSTALL, SPREAD) / 1000);
    expect(offsetS).toBeGreaterThan(0); // this id's turn is not on the dot, so the test can tell them apart
    const turn = new Date(Date.parse('2026-11-23T18:00:00Z') + scheduleOffsetMs(INSTALL, SPREAD)).toISOString().slice(11, 19);
    const clock = new ManualClock('2026-11-23T17:50:00Z');
    const store = memoryIntentStore();
    const options = { installId: INSTALL, scheduleSpreadSeconds: SPREAD };
    const first = await started({ clock, store, schedule: testScheduler(clock), options });
    await first.control.clearRequests();
    await first.advance(20 * 60_000); // 18:10
    expect(await writes(first)).toEqual([[turn, 'Offline']]);
    await first.core.dispose();

    // The next day, after a restart with the same install id: the same turn.
    const second = await started({ store, schedule: testScheduler(clock), options, reuse: { emulator: first.emulator, clock, userId: first.userId } });
    await second.advance(Date.parse('2026-11-24T17:59:59Z') - clock.now());
    await second.control.clearRequests();
    await second.advance(11 * 60_000);
    expect(await writes(second)).toEqual([[turn, 'Offline']]);

    // A person's command at a boundary is not held: it leaves at the instant it is given.
    await second.advance(Date.parse('2026-11-25T18:00:00Z') - clock.now());
    await second.control.clearRequests();
    expect(await second.core.controller.set('Busy', { until: { kind: 'duration', iso: 'PT30M' }, source: 'hotkey' })).toEqual({ outcome: 'applied' });
    expect(await writes(second)).toEqual([['18:00:00', 'Busy']]);
  });

  it('opening the menu or the window reads at once, but not twice within a few seconds', async () => {
    const h = await started({ start: '2026-11-23T10:00:00Z', options: { installId: INSTALL } });
    await h.advance(30_000);
    await h.control.clearRequests();
    h.core.controller.lookingAt('menu');
    await h.quiet();
    h.core.controller.lookingAt('window');
    await h.quiet();
    const reads = (await h.graphRequests()).filter((r) => r.method === 'GET').map((r) => r.at.slice(11, 19));
    expect(reads).toEqual(['10:00:30']);
  });
});
