/**
 * ISO 8601 durations as Graph uses them (`PT30M`, `PT1H30M`, `P1D`, `P1DT2H`).
 *
 * Supported: days, hours, minutes and whole seconds. Not supported, and rejected with a message that says
 * so: years and months (their length depends on the calendar), weeks, fractional parts, negative signs.
 */

/** A duration that could not be parsed or formatted; `message` says what was wrong, for a person. */
export class DurationError extends Error {
  override name = 'DurationError';
}

/** Options for {@link parseDuration}. */
export interface ParseDurationOptions {
  /** Accept `PT0S` and friends. Off by default: a zero-length presence or expiry makes no sense. */
  allowZero?: boolean;
}

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** Longest duration text accepted (the settings file stores at most this many characters). */
const MAX_LENGTH = 40;

const SHAPE = /^P(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+)S)?)?$/;

/**
 * Parse an ISO 8601 duration into milliseconds: capital letters, no surrounding spaces, at most 40 characters
 * (what the settings file can store; app/settings/fields.ts declares the same).
 * @throws DurationError naming what is wrong (empty, padded, lower-case, too long, negative, fractional,
 *   years/months/weeks, garbage, zero).
 */
export function parseDuration(raw: string, options: ParseDurationOptions = {}): number {
  if (typeof raw !== 'string' || raw.trim() === '') throw new DurationError('A duration is required, for example PT30M.');
  // Quoted in messages as a short excerpt only: a 10 MB "duration" must not come back inside a 10 MB error.
  const text = raw.length > 40 ? `${raw.slice(0, 40)}…` : raw;
  if (raw.length > MAX_LENGTH) throw new DurationError(`"${text}" is too long for a duration; write for example PT30M or P1D.`);
  const value = raw.trim().toUpperCase();
  // Diagnose the common mistakes first, so the message says what was wrong rather than only "not a duration".
  if (value.startsWith('-') || (value.startsWith('P') && value.includes('-'))) {
    throw new DurationError(`"${text}" is negative; a duration must be positive.`);
  }
  if (value.startsWith('P') && /\d[.,]\d*[A-Z]/.test(value)) {
    throw new DurationError(`"${text}" has a fractional part; use whole units, for example PT1H30M.`);
  }
  const datePart = value.startsWith('P') ? (value.slice(1).split('T')[0] ?? '') : '';
  if (/\d[YMW]/.test(datePart)) {
    const minutesHint = /^\d+M$/.test(datePart) ? ` (${text} means months; for minutes write PT${datePart})` : '';
    throw new DurationError(
      `"${text}" uses years, months or weeks${minutesHint}; use days, hours, minutes or seconds (P1D, PT8H).`,
    );
  }
  if (value === 'P' || value === 'PT' || (value.startsWith('P') && value.endsWith('T'))) {
    throw new DurationError(`"${text}" has no amount after its P or T; write for example PT30M or P1D.`);
  }
  const m = SHAPE.exec(value);
  if (!m) {
    throw new DurationError(`"${text}" is not an ISO 8601 duration; expected something like PT30M, PT1H30M or P1D.`);
  }
  // Diagnosed on a forgiving reading above; accepted only as written exactly (the settings file stores no other).
  if (raw !== raw.trim()) throw new DurationError(`"${text}" has spaces around it; write the duration alone, for example PT30M.`);
  if (raw !== value) throw new DurationError(`"${text}" has lower-case letters; durations are written in capitals, for example ${value}.`);
  const [, d, h, min, s] = m;
  const ms = Number(d ?? 0) * DAY + Number(h ?? 0) * HOUR + Number(min ?? 0) * MINUTE + Number(s ?? 0) * SECOND;
  if (!Number.isSafeInteger(ms)) throw new DurationError(`"${text}" is too long.`);
  if (ms === 0 && !options.allowZero) throw new DurationError(`"${text}" is zero; a duration must be longer than that.`);
  return ms;
}

/**
 * Format milliseconds as an ISO 8601 duration in days, hours, minutes and seconds (`P1DT2H`, `PT30M`).
 * Sub-second parts are rounded up to the next whole second, so an expiry is never shortened.
 * @throws DurationError for negative or non-finite input.
 */
export function formatDuration(ms: number): string {
  if (!Number.isFinite(ms) || ms < 0) throw new DurationError(`${ms} ms cannot be written as a duration.`);
  let rest = Math.ceil(ms / SECOND);
  const days = Math.floor(rest / 86400);
  rest -= days * 86400;
  const hours = Math.floor(rest / 3600);
  rest -= hours * 3600;
  const minutes = Math.floor(rest / 60);
  const seconds = rest - minutes * 60;
  let time = '';
  if (hours) time += `${hours}H`;
  if (minutes) time += `${minutes}M`;
  if (seconds) time += `${seconds}S`;
  if (!days && !time) return 'PT0S';
  return `P${days ? `${days}D` : ''}${time ? `T${time}` : ''}`;
}

/** True when `text` parses as a positive duration. */
export function isDuration(text: string): boolean {
  try {
    parseDuration(text);
    return true;
  } catch {
    return false;
  }
}
