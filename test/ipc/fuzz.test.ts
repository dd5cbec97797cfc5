// Random payloads at every channel: no throw escapes a handler, every reply is well-formed, and every
// payload that is certainly bad (junk, an unknown extra field, a required field of the wrong type) gets a
// typed error. Seeded, so a failure can be replayed: the seed is printed.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHANNELS, type Channel, type IpcReply } from '../../app/ipc/contract.ts';
import { DEFAULT_HOTKEYS } from '../../app/hotkeys/defaults.ts';
import { DEFAULT_PRESETS } from '../../app/control/presets.ts';
import { DEFAULT_MACHINE_RULES } from '../../app/control/machine.ts';
import { dispatch } from '../../app/ipc/handlers.ts';
import { startHarness, type Harness } from './harness.ts';

// A fixed seed by default so CI is repeatable; explore others with
// `for s in $(seq 1 50); do FUZZ_SEED=$s npx vitest run test/ipc/fuzz.test.ts || break; done`.
const SEED = Number(process.env.FUZZ_SEED ?? 20261201);
const ROUNDS = 150;

function rng(seed: number): () => number {
  let s = seed >>> 0 || 1;
  return () => {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    return (s >>> 0) / 0x1_0000_0000;
  };
}
const random = rng(SEED);
const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;

const STRINGS = ['', ' ', 'Busy', 'PT1H', '__proto__', 'constructor', '\u0000', '𝔘𝔫𝔦𝔠𝔬𝔡𝔢', '<script>alert(1)</script>', 'x'.repeat(5000), 'javascript:alert(1)', 'https://evil.example/'];

/** A random JSON-ish value, including the shapes that break naive code (deep nesting, huge arrays, prototype keys). */
function junk(depth = 0): unknown {
  const kind = Math.floor(random() * (depth > 3 ? 7 : 10));
  switch (kind) {
    case 0: return null;
    case 1: return undefined;
    case 2: return pick([0, -1, 1.5, Number.NaN, Number.POSITIVE_INFINITY, 2 ** 53, -0]);
    case 3: return pick([true, false]);
    case 4: return pick(STRINGS);
    case 5: return Math.floor(random() * 1e9).toString(36);
    case 6: return pick([[], {}, new Array(1000).fill(0)]);
    case 7: return Array.from({ length: Math.floor(random() * 4) }, () => junk(depth + 1));
    default: {
      const out: Record<string, unknown> = {};
      for (let i = Math.floor(random() * 4); i > 0; i--) out[pick(['presence', 'until', 'text', 'kind', 'iso', 'schedule', 'hotkeys', 'url', 'options', 'connection', 'presets', '__proto__', pick(STRINGS)])] = junk(depth + 1);
      return out;
    }
  }
}

/** A valid payload per channel that takes one (mutations of it are certainly bad). */
const VALID: Partial<Record<Channel, Record<string, unknown>>> = {
  setPresence: { presence: 'Busy', until: { kind: 'duration', iso: 'PT30M' } },
  setStatusMessage: { text: 'Lunch' },
  pauseSchedule: { until: { kind: 'end-of-day' } },
  previewSchedule: { schedule: { enabled: false, timeZone: 'system', rules: [], outside: 'clear' } },
  saveConnection: { connection: { cloud: 'Global', tenant: 'organizations', clientId: '' } },
  saveOptions: { options: { appSession: false, readIntervalSeconds: 60, notifications: true, launchAtLogin: false, storeTokensWithoutKeyring: false } },
  saveStatusPresets: { presets: ['Lunch'] },
  openLink: { url: 'https://learn.microsoft.com/' },
  copyText: { text: 'ABCD-EFGH' },
  saveMachineRules: { rules: structuredClone(DEFAULT_MACHINE_RULES) },
  applyPreset: { name: 'Lunch' },
  extendPreset: { minutes: 15 },
  savePresets: { presets: structuredClone([...DEFAULT_PRESETS]) },
};

/** Channels that take data but have no entry in VALID: junk can happen to be a valid table (an empty list). */
const TABLES: readonly Channel[] = ['saveSchedule', 'saveHotkeys'];

/** Replace a required field with a value of the wrong type. */
function wrongType(value: unknown): unknown {
  if (typeof value === 'string') return pick([42, null, true, [], {}]);
  if (typeof value === 'object' && value !== null) return pick([42, 'text', true, null]);
  return pick(['text', null, [], {}]);
}

function isWellFormed(reply: IpcReply<unknown>): boolean {
  if (reply.ok === true) return 'value' in reply;
  return reply.ok === false && typeof reply.error?.code === 'string' && typeof reply.error.message === 'string' && reply.error.message.length > 0;
}

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
  console.log(`IPC fuzz seed ${SEED} (replay with FUZZ_SEED=${SEED})`);
});
afterAll(async () => {
  await h.close();
});

describe(`IPC fuzz, seed ${SEED} (replay with FUZZ_SEED=${SEED})`, () => {
  it(`${ROUNDS} random payloads per channel: no throw escapes, replies are well-formed`, async () => {
    for (const channel of CHANNELS) {
      for (let i = 0; i < ROUNDS; i++) {
        const payload = junk();
        // Channels that sign in or open links are exercised through their checks only with junk, which they refuse.
        const reply = await dispatch(h.handlers, channel, payload);
        expect(isWellFormed(reply), `${channel} ${String(JSON.stringify(payload)).slice(0, 200)}`).toBe(true);
        if (VALID[channel] !== undefined && (typeof payload !== 'object' || payload === null || Array.isArray(payload))) {
          expect(reply.ok, `${channel} accepted ${String(JSON.stringify(payload)).slice(0, 100)}`).toBe(false);
        }
        if (VALID[channel] === undefined && payload !== undefined && !TABLES.includes(channel)) {
          expect(reply.ok, `${channel} accepted data it does not take`).toBe(false);
        }
      }
    }
  });

  it('every certainly-bad mutation of a valid payload gets a typed error', async () => {
    for (const [channel, valid] of Object.entries(VALID) as Array<[Channel, Record<string, unknown>]>) {
      for (let i = 0; i < ROUNDS; i++) {
        const mutated: Record<string, unknown> = structuredClone(valid);
        const keys = Object.keys(valid);
        if (random() < 0.5 || keys.length === 0) mutated[`extra${Math.floor(random() * 100)}`] = junk();
        else {
          const key = pick(keys);
          mutated[key] = wrongType(valid[key]);
        }
        const reply = await dispatch(h.handlers, channel, mutated);
        // A schedule draft's problems are the reply's value (the window shows them inline); still typed errors.
        const refused = !reply.ok || (channel === 'previewSchedule' && (reply.value as { problems: unknown[] }).problems.length > 0);
        expect(refused, `${channel} accepted ${JSON.stringify(mutated).slice(0, 200)}`).toBe(true);
        expect(isWellFormed(reply)).toBe(true);
      }
    }
    expect(h.opened).toEqual([]);
  });

  it('schedules and hotkey tables of junk are refused or reported, never stored', async () => {
    const before = h.settings.get();
    for (let i = 0; i < ROUNDS; i++) {
      const schedule = await dispatch(h.handlers, 'saveSchedule', { schedule: junk() });
      // Refused outright (no schedule at all) or answered with the problems; never saved.
      expect(!schedule.ok || (schedule.value as { problems: unknown[] }).problems.length > 0).toBe(true);
      const hotkeys = await dispatch(h.handlers, 'saveHotkeys', { hotkeys: junk() });
      // Junk can be an empty list (a valid, empty table); anything else is refused.
      if (hotkeys.ok) expect(h.settings.get().hotkeys).toEqual([]);
      else {
        expect(['invalid-hotkey', 'invalid-payload']).toContain(hotkeys.error.code);
        expect(h.settings.get().hotkeys).toEqual(before.hotkeys);
      }
      await dispatch(h.handlers, 'saveHotkeys', { hotkeys: before.hotkeys });
    }
    expect(h.settings.get().schedule).toEqual(before.schedule);
  });
  it('sparse arrays, zero-width text, huge fields and far instants are refused at the door with short messages', async () => {
    const DAY = 86_400_000;
    const sparse = <T>(items: T[]): T[] => {
      const out = [...items];
      delete out[Math.floor(random() * out.length)];
      return out;
    };
    const zeroWidth = () => Array.from({ length: 1 + Math.floor(random() * 8) }, () => pick(['\u200B', '\u200C', '\u200D', '\u2060', '\uFEFF', ' '])).join('');
    const huge = () => pick(['x', '\u200B', '"', '\u0000']).repeat(300_000 + Math.floor(random() * 1_000_000));
    const farInstant = () => new Date(Date.now() + pick([32, 40, 365, 3000]) * DAY).toISOString();
    const before = h.settings.get();
    const rule = { id: 'r', name: 'R', days: ['mon', 'tue'], start: '09:00', end: '10:00', presence: 'Busy' };
    for (let i = 0; i < 40; i++) {
      const cases: Array<[Channel, unknown]> = [
        ['saveStatusPresets', { presets: sparse(['Lunch', 'Gym', 'Focus']) }],
        ['saveSchedule', { schedule: { enabled: true, timeZone: 'UTC', rules: [{ ...rule, days: sparse(['mon', 'tue', 'wed']) }], outside: 'clear' } }],
        ['saveSchedule', { schedule: { enabled: true, timeZone: 'UTC', rules: sparse([rule, { ...rule, id: 's' }]), outside: 'clear' } }],
        // The default table, not the current one: an earlier round may have saved an empty table, which has no hole to make.
        ['saveHotkeys', { hotkeys: sparse(structuredClone([...DEFAULT_HOTKEYS])) }],
        ['setStatusMessage', { text: zeroWidth() }],
        ['saveStatusPresets', { presets: ['Lunch', zeroWidth()] }],
        ['setStatusMessage', { text: huge() }],
        ['setPresence', { presence: 'Busy', until: { kind: 'duration', iso: huge() } }],
        ['saveConnection', { connection: { cloud: 'Global', tenant: huge(), clientId: '' } }],
        ['openLink', { url: `https://microsoft.com/devicelogin${huge()}` }],
        ['setPresence', { presence: 'Busy', until: { kind: 'at', instant: farInstant() } }],
        ['pauseSchedule', { until: { kind: 'at', instant: farInstant() } }],
        ['setStatusMessage', { text: 'Lunch', until: { kind: 'at', instant: farInstant() } }],
      ];
      for (const [channel, payload] of cases) {
        const reply = await dispatch(h.handlers, channel, payload);
        const refused = !reply.ok || ((channel === 'saveSchedule' || channel === 'previewSchedule') && (reply.value as { problems: unknown[] }).problems.length > 0);
        expect(refused, `${channel} accepted ${String(JSON.stringify(payload)).slice(0, 120)}`).toBe(true);
        expect(isWellFormed(reply)).toBe(true);
        if (!reply.ok) {
          expect(reply.error.code).not.toBe('internal');
          expect(reply.error.message.length, `${channel} echoed ${reply.error.message.length} characters`).toBeLessThan(400);
        }
      }
    }
    expect(h.settings.get()).toEqual(before);
    expect(h.opened).toEqual([]);
  });
});
