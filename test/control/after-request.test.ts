// A command's request leaves before the file writes it causes (the saved intent, the log lines), and quitting
// writes what still waits. The request is seen leaving on undici's own diagnostics channel: the moment its
// headers are written to the socket.
import { subscribe, unsubscribe } from 'node:diagnostics_channel';
import { afterEach, describe, expect, it } from 'vitest';
import { memoryIntentStore } from '../../app/control/intent-store.ts';
import type { IntentStore } from '../../app/control/types.ts';
import { createLogger } from '../../app/log/index.ts';
import { startRunningHarness } from '../support/control-harness.ts';
import type { ControlHarness } from '../support/control-harness.ts';

const SEND_HEADERS = 'undici:client:sendHeaders';
let h: ControlHarness | undefined;
let listener: ((message: unknown) => void) | undefined;
afterEach(async () => {
  if (listener) unsubscribe(SEND_HEADERS, listener);
  listener = undefined;
  await h?.close();
  h = undefined;
});

/** A harness whose store, log and Graph requests all write into one timeline. */
async function timeline(): Promise<{ events: string[]; store: ReturnType<typeof memoryIntentStore> }> {
  const events: string[] = [];
  const store = memoryIntentStore();
  const recording: IntentStore = {
    load: () => store.load(),
    save(saved) {
      events.push('intent saved');
      store.save(saved);
    },
  };
  const log = createLogger({ sinks: [{ write: (record) => void events.push(`log: ${record.message}`) }], level: 'debug' });
  listener = (message) => {
    const path = (message as { request: { path: string } }).request.path;
    events.push(`request sent: ${path.split('/').pop()}`);
  };
  subscribe(SEND_HEADERS, listener);
  h = await startRunningHarness({ store: recording, log });
  events.length = 0;
  return { events, store };
}

describe('work a command must not wait for', () => {
  it('the request is on the wire before the intent is saved and the command is logged', async () => {
    const { events } = await timeline();
    const outcome = await h!.core.controller.set('Busy', { until: { kind: 'duration', iso: 'PT1H' }, source: 'hotkey' });
    expect(outcome).toEqual({ outcome: 'applied' });
    expect(events.slice(0, 4)).toEqual(['request sent: setUserPreferredPresence', 'log: sent to Graph', 'intent saved', 'log: presence command']);
  });

  it('a burst of commands in one turn saves the intent once, the newest', async () => {
    const { events, store } = await timeline();
    const c = h!.core.controller;
    const until = { kind: 'duration', iso: 'PT1H' } as const;
    const outcomes = Promise.all([c.set('Busy', { until, source: 'hotkey' }), c.set('DoNotDisturb', { until, source: 'hotkey' }), c.set('Away', { until, source: 'hotkey' })]);
    await outcomes;
    expect(events.filter((e) => e === 'intent saved')).toHaveLength(1);
    expect(store.saved.intent?.presence).toBe('Away');
  });

  it('quitting writes the saved intent and the log lines that still wait for their turn', async () => {
    const { events, store } = await timeline();
    const c = h!.core.controller;
    c.notify({ type: 'offline' }); // nothing is sent: only the save and the log lines follow the command
    void c.set('Busy', { until: { kind: 'duration', iso: 'PT1H' }, source: 'hotkey' });
    await c.dispose(); // resolves before the next turn of the event loop
    expect(store.saved.intent?.presence).toBe('Busy');
    expect(events).toContain('log: presence command');
    expect(events).toContain('log: quitting with a write not yet sent; the intent is saved and applied at the next start');
  });
});
