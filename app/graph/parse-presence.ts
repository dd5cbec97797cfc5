/**
 * Reading `GET /me/presence`: Graph's JSON turned into the app's {@link GraphPresence}, with canonical
 * spellings, the status message's expiry as an ISO instant, and Graph's "no expiry" (year 9999) as null.
 */
import { normalizeActivity, normalizeAvailability } from '../presence/index.ts';
import { fromDateTimeTimeZone } from './date-time-zone.ts';
import type { GraphLogger } from './graph-client.ts';
import { GraphError, messageFor } from './graph-errors.ts';
import type { GraphPresence } from './types.ts';

interface RawPresence {
  availability?: unknown;
  activity?: unknown;
  sequenceNumber?: unknown;
  outOfOfficeSettings?: { isOutOfOffice?: unknown } | null;
  statusMessage?: {
    message?: { content?: unknown } | null;
    expiryDateTime?: { dateTime?: unknown; timeZone?: unknown } | null;
  } | null;
}

/** Turn `GET /me/presence` JSON into {@link GraphPresence} with canonical spellings. */
export function parsePresence(text: string, log?: GraphLogger): GraphPresence {
  let raw: RawPresence;
  try {
    raw = JSON.parse(text) as RawPresence;
    if (!raw || typeof raw !== 'object' || Array.isArray(raw)) throw new Error('not an object');
    if (typeof raw.availability !== 'string') throw new Error('no availability');
  } catch (cause) {
    // Graph's presence is always an object with an availability: anything else came from a portal or proxy.
    throw new GraphError({ code: 'not-graph', message: messageFor('not-graph', 200, null), status: 200, cause });
  }
  const content = raw.statusMessage?.message?.content;
  let statusMessage: GraphPresence['statusMessage'] = null;
  if (typeof content === 'string' && content !== '') {
    const expiry = raw.statusMessage?.expiryDateTime;
    let expiresAt: string | null = null;
    if (expiry && typeof expiry.dateTime === 'string' && expiry.dateTime !== '') {
      const zone = typeof expiry.timeZone === 'string' && expiry.timeZone !== '' ? expiry.timeZone : 'UTC';
      const at = fromDateTimeTimeZone({ dateTime: expiry.dateTime, timeZone: zone });
      // Graph reports "no expiry" as 9999-12-30T23:00:00 (or thereabouts): treat year 9999 as never.
      if (at && at.getUTCFullYear() < 9999) expiresAt = at.toISOString();
      else if (at) expiresAt = null;
      else log?.warn?.('status message expiry not understood', { timeZone: zone });
    }
    statusMessage = { content, expiresAt };
  }
  return {
    availability: normalizeAvailability(typeof raw.availability === 'string' ? raw.availability : ''),
    activity: normalizeActivity(typeof raw.activity === 'string' ? raw.activity : ''),
    statusMessage,
    sequenceNumber: typeof raw.sequenceNumber === 'string' ? raw.sequenceNumber : null,
    outOfOffice: raw.outOfOfficeSettings?.isOutOfOffice === true,
  };
}
