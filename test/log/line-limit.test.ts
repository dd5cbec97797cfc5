// Log lines are bounded (issue 15, "Size limits everywhere input enters"): a 10 MB message or field cannot
// make a 10 MB line, and what is kept still says what happened and how long the whole line was.
import { describe, expect, it } from 'vitest';
import { LOG_LINE_MAX, formatJsonLine, formatPretty } from '../../app/log/format.ts';
import type { LogRecord } from '../../app/log/types.ts';

const record = (message: string, fields: Record<string, unknown> = {}): LogRecord =>
  ({ time: '2026-11-23T10:36:00.000Z', level: 'warn', scope: 'ipc', message, fields }) as LogRecord;

describe('log line length', () => {
  it('keeps short lines whole', () => {
    expect(JSON.parse(formatJsonLine(record('hello', { a: 1 })))).toEqual({ time: '2026-11-23T10:36:00.000Z', level: 'warn', scope: 'ipc', message: 'hello', fields: { a: 1 } });
  });

  it.each([
    ['a huge message', record('x'.repeat(10 * 1024 * 1024))],
    ['a huge field', record('refused', { field: 'y'.repeat(10 * 1024 * 1024) })],
  ])('cuts %s to the limit, still one JSON line that says it was cut', (_, r) => {
    const line = formatJsonLine(r);
    expect(line.length).toBeLessThanOrEqual(LOG_LINE_MAX + 1);
    expect(line.endsWith('\n')).toBe(true);
    const parsed = JSON.parse(line) as { message: string; truncated: number };
    expect(parsed.truncated).toBeGreaterThan(10 * 1024 * 1024);
    expect(formatPretty(r).length).toBeLessThanOrEqual(LOG_LINE_MAX + 1);
  });
});
