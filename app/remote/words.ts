/**
 * The words of the command line and the links, shared with the tray: a presence is named by its tray label
 * in kebab case (`do-not-disturb`, `appear-offline`) or a short alias (`dnd`, `brb`, `offline`), and a
 * "for…" is one of the tray's {@link UNTIL_CHOICES} (by id or label), a duration (`90m`, `1h30m`, `PT1H`),
 * a clock time (`until 15:00`) or an instant. Pure functions: the endpoint resolves clock times itself.
 */
import type { AppError } from '../errors.ts';
import type { Until } from '../control/types.ts';
import { DurationError, parseDuration, PRESENCE_KEYS, PRESENCES, UNTIL_CHOICES, type PresenceKey } from '../presence/index.ts';

/** A kebab-case word of a label: `Do not disturb` → `do-not-disturb`. */
function slug(label: string): string {
  return label.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
}

/** The command word of each presence: its tray label in kebab case. */
export const PRESENCE_WORDS: Readonly<Record<PresenceKey, string>> = Object.fromEntries(
  PRESENCE_KEYS.map((key) => [key, slug(PRESENCES[key].label)]),
) as Record<PresenceKey, string>;

/** Short aliases people type (and Graph's own spelling of each key, matched case-insensitively). */
const ALIASES: Readonly<Record<string, PresenceKey>> = { dnd: 'DoNotDisturb', brb: 'BeRightBack', offline: 'Offline' };

/** The presence a word names, or null. Accepts the command word, an alias or the key (`DoNotDisturb`), any case. */
export function presenceFromWord(word: string): PresenceKey | null {
  const w = word.trim().toLowerCase();
  for (const key of PRESENCE_KEYS) if (PRESENCE_WORDS[key] === w || key.toLowerCase() === w) return key;
  return ALIASES[w] ?? null;
}

/** Every accepted presence word, for usage text and error messages. */
export function presenceWordList(): string {
  return PRESENCE_KEYS.map((key) => PRESENCE_WORDS[key]).join(', ');
}

/** An end as written, before the endpoint resolves a clock time against its own clock and zone. */
export type UntilSpec = { kind: 'until'; until: Until } | { kind: 'clock'; hour: number; minute: number };

/** Extra spellings of the tray's choices, as the issue and people write them. */
const CHOICE_WORDS: Readonly<Record<string, Until>> = {
  'end of day': { kind: 'end-of-day' },
  'end-of-day': { kind: 'end-of-day' },
  'next rule': { kind: 'next-rule' },
  'next-rule': { kind: 'next-rule' },
  'the next rule': { kind: 'next-rule' },
  'i change it': { kind: 'forever' },
  'until i change it': { kind: 'forever' },
};

const SHORT = /^(?:(\d+)d)?(?:(\d+)h)?(?:(\d+)m)?$/;
const CLOCK = /^(?:until\s+)?([01]?\d|2[0-3]):([0-5]\d)$/;
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:\d{2})$/;

function invalid(text: string, why: string): AppError {
  return { code: 'invalid-duration', message: `"${text}" is not a time to hold it: ${why}`, field: 'until' };
}

/**
 * Parse how long something holds. Returns the spec, or an AppError `invalid-duration` saying what was wrong.
 * Accepted: the tray's choices by id (`30m`, `1h`, `eod`, `next`, `forever`) or label (`1 hour`,
 * `until end of day`), `end of day`, `next rule`, `until I change it`, short durations (`90m`, `1h30m`, `2d`),
 * ISO 8601 durations (`PT1H`), clock times (`15:00`, `until 15:00`) and ISO instants with a zone.
 */
export function parseUntilWords(text: string): UntilSpec | AppError {
  if (typeof text !== 'string') return invalid(String(text), 'it must be text.');
  const raw = text.trim();
  const w = raw.toLowerCase().replace(/\s+/g, ' ');
  if (w === '') return invalid(raw, 'it is empty. Try 30m, 1h, "end of day", "next rule" or "until 15:00".');
  if (w.length > 64) return invalid(raw.slice(0, 64) + '…', 'it is too long.');
  for (const choice of UNTIL_CHOICES) {
    if (choice.id === w || choice.label.toLowerCase() === w) return { kind: 'until', until: choice.until };
  }
  const word = CHOICE_WORDS[w] ?? CHOICE_WORDS[w.replace(/^until /, '')];
  if (word) return { kind: 'until', until: word };
  const clock = CLOCK.exec(w);
  if (clock) return { kind: 'clock', hour: Number(clock[1]), minute: Number(clock[2]) };
  if (INSTANT.test(raw.toUpperCase())) {
    return Number.isNaN(Date.parse(raw)) ? invalid(raw, 'that date does not exist.') : { kind: 'until', until: { kind: 'at', instant: new Date(Date.parse(raw)).toISOString() } };
  }
  const short = SHORT.exec(w);
  if (short && w !== '' && (short[1] ?? short[2] ?? short[3]) !== undefined) {
    const iso = `P${short[1] ? `${Number(short[1])}D` : ''}${short[2] || short[3] ? 'T' : ''}${short[2] ? `${Number(short[2])}H` : ''}${short[3] ? `${Number(short[3])}M` : ''}`;
    return isoDuration(iso);
  }
  if (/^p/i.test(raw)) return isoDuration(raw.toUpperCase());
  return invalid(raw, 'use 30m, 1h, 1h30m, PT1H, "end of day", "next rule", "until I change it" or a time like 15:00.');
}

function isoDuration(iso: string): UntilSpec | AppError {
  try {
    parseDuration(iso);
  } catch (error) {
    return { code: 'invalid-duration', message: error instanceof DurationError ? error.message : String(error), field: 'until' };
  }
  return { kind: 'until', until: { kind: 'duration', iso } };
}

/** True when a parse result is an error rather than a spec. */
export function isAppError(value: unknown): value is AppError {
  return typeof value === 'object' && value !== null && 'code' in value && 'message' in value && !('kind' in value);
}
