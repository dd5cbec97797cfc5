// What counts as Graph's answer (issue 15 defect 4), rule by rule.
import { describe, expect, it } from 'vitest';
import { notGraphReason } from '../../app/graph/recognize.ts';

const graph = (extra: Record<string, string> = {}) => new Headers({ 'request-id': 'r-1', ...extra });
const JSON_TYPE = { 'content-type': 'application/json;odata.metadata=minimal;odata.streaming=true;IEEE754Compatible=false;charset=utf-8' };

describe('notGraphReason', () => {
  it("accepts Graph's answers: an empty write, a JSON write, a presence resource", () => {
    expect(notGraphReason('action', 200, graph(), '')).toBeNull();
    expect(notGraphReason('action', 204, graph(), '')).toBeNull();
    expect(notGraphReason('action', 202, graph(JSON_TYPE), '{}')).toBeNull();
    expect(notGraphReason('presence', 200, graph(JSON_TYPE), '{"availability":"Busy","activity":"Busy"}')).toBeNull();
  });

  it('refuses what a portal or proxy sends', () => {
    expect(notGraphReason('action', 200, new Headers(), '')).toBe('no request-id header');
    expect(notGraphReason('action', 200, graph({ 'content-type': 'text/html' }), '<html></html>')).toBe('not JSON');
    expect(notGraphReason('presence', 200, graph(), '{"availability":"Busy"}')).toBe('not JSON');
    expect(notGraphReason('presence', 200, graph(JSON_TYPE), '{"availability":')).toBe('JSON that does not parse');
    expect(notGraphReason('presence', 200, graph(JSON_TYPE), '[1]')).toBe('not a JSON object');
    expect(notGraphReason('presence', 200, graph(JSON_TYPE), '{"status":"login"}')).toBe('not a presence resource');
    expect(notGraphReason('presence', 200, graph(JSON_TYPE), '')).toBe('JSON that does not parse');
    expect(notGraphReason('action', 302, graph(), '')).toBe('redirect');
  });

  it('leaves error statuses to the error mapping', () => {
    expect(notGraphReason('action', 429, new Headers(), '')).toBeNull();
    expect(notGraphReason('presence', 503, new Headers(), '<html>')).toBeNull();
  });
});
