import { describe, expect, it } from 'vitest';
import { parsePresence } from '../../app/graph/parse-presence.ts';

describe('parsePresence', () => {
  it('canonicalises spellings and reads out-of-office, sequence number and the status message expiry', () => {
    const text = JSON.stringify({
      id: 'u1',
      availability: 'donotdisturb',
      activity: 'PRESENTING',
      sequenceNumber: 'C4A0F6B3',
      outOfOfficeSettings: { isOutOfOffice: true, message: 'Back Monday' },
      statusMessage: {
        message: { content: 'Demo day', contentType: 'text' },
        expiryDateTime: { dateTime: '2026-11-23T17:00:00.0000000', timeZone: 'Europe/Berlin' },
      },
    });
    expect(parsePresence(text)).toEqual({
      availability: 'DoNotDisturb',
      activity: 'Presenting',
      sequenceNumber: 'C4A0F6B3',
      outOfOffice: true,
      statusMessage: { content: 'Demo day', expiresAt: '2026-11-23T16:00:00.000Z' },
    });
  });

  it("reads Graph's year-9999 expiry as never, and an unknown (Windows) zone as unknown with a warning", () => {
    const at = (dateTime: string, timeZone: string) =>
      JSON.stringify({ availability: 'Available', activity: 'Available', statusMessage: { message: { content: 'Hi' }, expiryDateTime: { dateTime, timeZone } } });
    expect(parsePresence(at('9999-12-30T23:00:00.0000000', 'UTC')).statusMessage).toEqual({ content: 'Hi', expiresAt: null });
    const lines: string[] = [];
    expect(parsePresence(at('2026-11-23T17:00:00.0000000', 'W. Europe Standard Time'), { warn: (m) => void lines.push(m) }).statusMessage).toEqual({
      content: 'Hi',
      expiresAt: null,
    });
    expect(lines).toEqual(['status message expiry not understood']);
  });

  it('gives PresenceUnknown for values it does not know, and not-graph (retryable) for a body that is no presence resource', () => {
    expect(parsePresence('{"availability":"Sleeping","activity":7}')).toMatchObject({ availability: 'PresenceUnknown', activity: 'PresenceUnknown', statusMessage: null });
    expect(() => parsePresence('<html>')).toThrow(expect.objectContaining({ code: 'not-graph', status: 200, retryable: true }));
    expect(() => parsePresence('null')).toThrow(expect.objectContaining({ code: 'not-graph' }));
    expect(() => parsePresence('[]')).toThrow(expect.objectContaining({ code: 'not-graph' }));
    expect(() => parsePresence('{"status":"login-required"}')).toThrow(expect.objectContaining({ code: 'not-graph' }));
  });
});
