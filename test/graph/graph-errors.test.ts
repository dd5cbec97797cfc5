import { describe, expect, it } from 'vitest';
import { AppFailure, toAppError } from '../../app/errors.ts';
import { codeForStatus, errorFromResponse, errorFromThrown, GraphError, isGraphError } from '../../app/graph/graph-errors.ts';

const envelope = (code: string, message = 'whatever Graph says') =>
  JSON.stringify({ error: { code, message, innerError: { date: '2026-11-23T10:00:00', 'request-id': 'req-body', 'client-request-id': 'c1' } } });

describe('error mapping', () => {
  it('maps statuses to stable app codes', () => {
    expect([429, 500, 502, 503, 504, 401, 403, 400, 404, 405, 409].map((s) => codeForStatus(s))).toEqual([
      'throttled',
      'unavailable',
      'unavailable',
      'unavailable',
      'unavailable',
      'unauthorized',
      'forbidden',
      'bad-request',
      'not-found',
      'graph-error',
      'graph-error',
    ]);
  });

  it('carries status, Graph code and message, request ids and Retry-After, and is an AppFailure', () => {
    const e = errorFromResponse(429, new Headers({ 'request-id': 'req-header' }), envelope('TooManyRequests'), 'client-1', 5000);
    expect(e).toBeInstanceOf(AppFailure);
    expect(e).toBeInstanceOf(GraphError);
    expect(e).toMatchObject({
      code: 'throttled',
      status: 429,
      graphCode: 'TooManyRequests',
      graphMessage: 'whatever Graph says',
      requestId: 'req-header',
      clientRequestId: 'client-1',
      retryAfterMs: 5000,
      retryable: true,
    });
    expect(isGraphError(e, 'throttled')).toBe(true);
    expect(toAppError(e)).toEqual({ code: 'throttled', message: e.message, retryable: true, requestId: 'req-header' });
  });

  it('takes the request id from the body when the header is missing, and survives non-JSON bodies', () => {
    expect(errorFromResponse(403, new Headers(), envelope('Forbidden'), 'c').requestId).toBe('req-body');
    const html = errorFromResponse(502, new Headers(), '<html>Bad gateway</html>', 'c');
    expect(html).toMatchObject({ code: 'unavailable', status: 502, graphCode: null, graphMessage: null });
  });

  it('branches on status and code, never on the message', () => {
    const a = errorFromResponse(400, new Headers(), envelope('invalidRequest', 'Too many requests, throttled!'), 'c');
    expect(a.code).toBe('bad-request');
    expect(a.message).not.toContain('throttled!');
    expect(a.message).toContain('invalidRequest');
  });

  it('gives person-readable, non-retryable messages for the final failures', () => {
    for (const [status, code, words] of [
      [401, 'unauthorized', /sign in again/i],
      [403, 'forbidden', /Presence\.ReadWrite/],
      [404, 'not-found', /could not find/],
    ] as const) {
      const e = errorFromResponse(status, new Headers(), '', 'c');
      expect(e.code).toBe(code);
      expect(e.retryable).toBe(false);
      expect(e.message).toMatch(words);
    }
  });

  it('tells a timeout from a dropped connection', () => {
    const cause = new TypeError('fetch failed');
    expect(errorFromThrown(cause, true, 'c')).toMatchObject({ code: 'timeout', status: 0, retryable: true, clientRequestId: 'c' });
    const down = errorFromThrown(cause, false, 'c');
    expect(down).toMatchObject({ code: 'network-down', status: 0, retryable: true });
    expect(down.cause).toBe(cause);
  });
});

describe('answers that are not Graph (issue 15 defect 4)', () => {
  it('a proxy or portal status, a redirect, or a foreign HTML error page is not-graph and retryable', () => {
    for (const status of [302, 307, 407, 511]) expect(errorFromResponse(status, new Headers(), '', 'c')).toMatchObject({ code: 'not-graph', retryable: true });
    const page = errorFromResponse(403, new Headers({ 'content-type': 'text/html' }), '<html>Blocked by policy</html>', 'c');
    expect(page).toMatchObject({ code: 'not-graph', retryable: true });
    // Graph's own 403 (its request-id) stays forbidden, even with an odd content type.
    expect(errorFromResponse(403, new Headers({ 'content-type': 'text/html', 'request-id': 'r' }), '', 'c').code).toBe('forbidden');
  });
});
