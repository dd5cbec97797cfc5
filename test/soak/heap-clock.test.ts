// The fleet simulation's clock: timers fire in due order (ties in creation order), at their own time, and
// cancelled ones never fire.
import { describe, expect, it } from 'vitest';
import { HeapClock } from './fleet-world.ts';

describe('HeapClock', () => {
  it('fires due timers in order at their own time, skips cancelled ones, and leaves time at the target', () => {
    const clock = new HeapClock(Date.parse('2026-11-24T00:00:00Z'));
    const fired: Array<[string, number]> = [];
    const mark = (name: string) => () => void fired.push([name, clock.monotonic()]);
    for (const [name, delay] of [['c', 30], ['a', 10], ['b', 20], ['a2', 10], ['late', 500]] as const) clock.setTimer(mark(name), delay);
    const cancel = clock.setTimer(mark('cancelled'), 15);
    cancel();
    clock.setTimer(() => {
      fired.push(['nested', clock.monotonic()]);
      clock.setTimer(mark('from-nested'), 0);
    }, 25);
    expect(clock.nextDue()).toBe(10);
    expect(clock.fireUntil(100)).toBe(6);
    expect(fired).toEqual([['a', 10], ['a2', 10], ['b', 20], ['nested', 25], ['from-nested', 25], ['c', 30]]);
    expect(clock.monotonic()).toBe(100);
    expect(clock.now()).toBe(Date.parse('2026-11-24T00:00:00Z') + 100);
    expect(clock.nextDue()).toBe(500);
  });
});
