/**
 * The fleet budget (docs/architecture.md, "Fleet budget"): Graph allows 1,500 presence requests per 30 s per app
 * per tenant, shared by everyone who signs in with the same client id. These pure rules keep one copy's share
 * small and spread: a background read on a wall-clock slot of its own (a stable per-install phase), an interval
 * that widens on any 429 and narrows slowly on success, and a stable per-install offset for the writes of a
 * schedule boundary that many people share. No clock and no I/O: everything arrives as arguments.
 */

/**
 * The background read interval a fresh install uses, seconds: 12 reads an hour while active, so 10,000 people
 * on one registration use about two thirds of Graph's budget at the busiest hour and the shown presence is at
 * most five minutes old (half that on average). Looking at the app reads at once.
 */
export const DEFAULT_READ_INTERVAL_SECONDS = 300;
/** The shortest and longest spread of scheduled writes an administrator may set, seconds. */
export const SCHEDULE_SPREAD = { min: 0, max: 900 } as const;
/** The read interval doubles per throttling step, up to 2^this (8×). */
export const READ_SLOWDOWN_MAX = 3;
/** Good reads in a row, with no 429 meanwhile, that narrow the read interval by one step (slowly, like TCP). */
export const NARROW_AFTER_READS = 4;
/** A look (menu or window opened) reads again only when the last read is older than this. */
export const LOOK_FRESH_MS = 10_000;
/** Before re-asserting "until I change it", read first unless the last read is this recent. */
export const REASSERT_READ_FRESH_MS = 60_000;

/**
 * This install's turn: a stable number in [0, 1), the same at every start, ids spread evenly (FNV-1a, 32 bits).
 * The background read's phase and the offset after a shared boundary both come from it, so a boundary's write
 * lands where this copy's read would have been and takes its place: a boundary many people share costs the
 * registration about what their reads cost anyway.
 */
export function installFraction(installId: string): number {
  let h = 0x811c9dc5;
  const text = `turn:${installId}`;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  // Mix the low bits up (FNV's last character mostly moves the low bits).
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b) >>> 0;
  h ^= h >>> 13;
  return (h >>> 0) / 4294967296;
}

/** Crowds meet on the quarter hours: the boundaries whose writes are spread (every zone is whole quarter hours off UTC). */
const SHARED_BOUNDARY_MS = 15 * 60_000;

/**
 * True for a boundary many copies may share: one on a quarter hour (09:00, 12:30, 17:45 in any zone). A rule
 * someone made for themselves at 16:37 is theirs alone, so its change goes at once.
 */
export function isSharedBoundary(at: number): boolean {
  return at % SHARED_BOUNDARY_MS === 0;
}

/** Clamp a spread (seconds) into {@link SCHEDULE_SPREAD}; anything not a finite number is 0 (no spread). */
export function clampSpread(seconds: number | undefined): number {
  if (seconds === undefined || !Number.isFinite(seconds)) return 0;
  return Math.min(SCHEDULE_SPREAD.max, Math.max(SCHEDULE_SPREAD.min, Math.floor(seconds)));
}

/**
 * This install's delay after a shared schedule boundary, ms: in [0, spread), the same at every start. Zero
 * without a spread or without an install id, so a lone user's schedule lands on the dot.
 */
export function scheduleOffsetMs(installId: string | undefined, spreadSeconds: number | undefined): number {
  const spread = clampSpread(spreadSeconds);
  if (!installId || spread === 0) return 0;
  return Math.floor(installFraction(installId) * spread * 1000);
}

/** What the background read is timed from. */
export interface ReadTiming {
  /** The user's interval, seconds. */
  intervalSeconds: number;
  /** Doublings from throttling (0..READ_SLOWDOWN_MAX) and from failed reads (capped by the caller). */
  doublings: number;
  /** The stable per-install id; without it the read is simply one interval after the last contact. */
  installId: string | undefined;
  /** The last read or write (epoch ms), or null before any. */
  lastContact: number | null;
}

/**
 * When the next background read is due (epoch ms). With an install id, reads sit on this install's own
 * wall-clock slots (`k × interval + phase`, the phase stable per install), at least a quarter interval after
 * the last contact (a read on demand costs at most one extra read and leaves no long gap): copies whose phases differ never bunch, however their machines woke, so the registration's load
 * is as even as the ids are. Without one, the read is one interval after the last contact.
 */
export function backgroundReadAt(t: ReadTiming, now: number): number {
  const interval = Math.max(1, t.intervalSeconds) * 1000 * 2 ** Math.max(0, t.doublings);
  const from = t.lastContact ?? now;
  if (!t.installId) return from + interval;
  const phase = Math.floor(installFraction(t.installId) * interval);
  const earliest = from + interval / 4;
  const k = Math.ceil((earliest - phase) / interval);
  return k * interval + phase;
}
