/**
 * `presencectl watch` as a real child process: the current status at once, then one JSON line per change —
 * a schedule boundary (the real Scheduler on the test clock) and a choice made in the tray — and exit 3 when
 * the app goes away.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../support/manual-clock.ts';
import { testScheduler } from '../support/test-schedule.ts';
import { startRemoteRig, streamCliProcess, type RemoteRig } from './support.ts';

type View = { holds: string | null; setBy: string | null; inCharge: string; schedule: { rule: string | null } };

describe('presencectl watch', () => {
  let rig: RemoteRig;
  beforeAll(async () => {
    // Monday 08:00 UTC: the default schedule's "After hours" holds until "Work hours" at 09:00.
    const clock = new ManualClock('2026-11-23T08:00:00Z');
    rig = await startRemoteRig({ clock, schedule: testScheduler(clock) });
  });
  afterAll(async () => rig.close());

  it('prints the status, then a line at the schedule boundary and a line for the tray, and ends with the app', async () => {
    const watch = streamCliProcess(['watch'], rig.path);
    const [first] = await watch.waitForLines(1);
    const start = JSON.parse(first as string) as View;
    expect(start).toMatchObject({ inCharge: 'schedule', setBy: 'schedule', holds: 'appear-offline', schedule: { rule: 'After hours' } });

    // The endpoint subscribed before it answered, so the first line means it already listens.
    await rig.harness.advance(60 * 60_000);
    const afterBoundary = await watch.waitForLines(2);
    const views = afterBoundary.slice(1).map((l) => JSON.parse(l) as View);
    expect(views.some((v) => v.holds === 'available' && v.schedule.rule === 'Work hours' && v.setBy === 'schedule')).toBe(true);

    const seen = watch.lines.length;
    await rig.harness.core.controller.set('Busy', { source: 'tray', until: { kind: 'duration', iso: 'PT1H' } });
    await rig.harness.quiet();
    const afterTray = await watch.waitForLines(seen + 1);
    const trayViews = afterTray.slice(seen).map((l) => JSON.parse(l) as View);
    expect(trayViews.some((v) => v.holds === 'busy' && v.setBy === 'tray' && v.inCharge === 'manual')).toBe(true);
    // One line per change: no two consecutive lines are the same.
    for (let i = 1; i < watch.lines.length; i++) expect(watch.lines[i]).not.toBe(watch.lines[i - 1]);

    await rig.endpoint.close();
    const exit = await watch.exited;
    expect(exit.code).toBe(3);
    expect(exit.stderr).toContain('Presence Tray stopped');
  });
});
