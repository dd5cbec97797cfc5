import { describe, expect, it } from 'vitest';
import { createLogger, formatJsonLine, formatPretty, isLogLevel, memorySink, REDACTED, type LogSink } from '../../app/log/index.ts';
import { ManualClock } from '../support/manual-clock.ts';

const JWT = 'eyJhbGciOiJSUzI1NiJ9.eyJvaWQiOiIxMjMifQ.c2lnbmF0dXJlLWJ5dGVz';

function setup(level?: 'debug' | 'info' | 'warn' | 'error') {
  const sink = memorySink();
  const clock = new ManualClock('2026-11-23T10:00:00Z');
  const log = createLogger(level ? { level, sinks: [sink], clock } : { sinks: [sink], clock });
  return { sink, clock, log };
}

describe('createLogger', () => {
  it('writes structured records with time, level, scope, message and fields', () => {
    const { sink, log } = setup();
    log.info('presence set', { presence: 'Busy', until: 'PT1H' });
    expect(sink.records).toEqual([
      { time: '2026-11-23T10:00:00.000Z', level: 'info', scope: '', message: 'presence set', fields: { presence: 'Busy', until: 'PT1H' } },
    ]);
  });

  it('drops records below the level, defaults to info, and changes level for the whole tree', () => {
    const { sink, log } = setup();
    const child = log.child('graph');
    log.debug('hidden');
    child.debug('hidden too');
    expect(log.level()).toBe('info');
    expect(log.enabled('debug')).toBe(false);
    child.setLevel('debug');
    log.debug('shown');
    child.debug('shown too');
    expect(sink.records.map((r) => r.message)).toEqual(['shown', 'shown too']);
    log.setLevel('error');
    log.warn('no');
    log.error('yes');
    expect(sink.records.at(-1)?.message).toBe('yes');
    expect(sink.records).toHaveLength(3);
    expect(() => log.setLevel('loud' as 'info')).toThrow(/Unknown log level/);
  });

  it('child loggers nest scopes and bind fields; call fields win', () => {
    const { sink, log } = setup();
    const graph = log.child('graph', { cloud: 'Global' });
    const retry = graph.child('retry', { attempt: 1 });
    retry.warn('throttled', { attempt: 2, status: 429 });
    expect(sink.records[0]).toMatchObject({ scope: 'graph.retry', level: 'warn', fields: { cloud: 'Global', attempt: 2, status: 429 } });
  });

  it('redacts the message and every field before any sink sees them', () => {
    const { sink, log } = setup();
    log.info(`sent Authorization: Bearer ${JWT}`, { url: 'http://localhost:3000/?code=abc123&state=x', body: { refresh_token: 'r1', nested: [{ password: 'p' }] } });
    const [record] = sink.records;
    expect(record?.message).toBe(`sent Authorization: Bearer ${REDACTED}`);
    expect(record?.fields).toEqual({ url: `http://localhost:3000/?code=${REDACTED}&state=x`, body: { refresh_token: REDACTED, nested: [{ password: REDACTED }] } });
  });

  it('redacts a logged Error with a token in its message, passed as message or as a field', () => {
    const { sink, log } = setup();
    const error = new Error(`token ${JWT} was refused`);
    log.error(error);
    log.error('sign-in failed', { error, requestId: '6f1c2e8a-1b2c-4d5e-8f90-1234567890ab' });
    const text = JSON.stringify(sink.records);
    expect(text).not.toContain('eyJ');
    expect(sink.records[0]?.message).toBe(`token ${REDACTED} was refused`);
    expect(sink.records[0]?.fields.error).toMatchObject({ name: 'Error', message: `token ${REDACTED} was refused` });
    expect(sink.records[1]?.fields.requestId).toBe('6f1c2e8a-1b2c-4d5e-8f90-1234567890ab');
  });

  it('does not mangle GUIDs, instants and durations', () => {
    const { sink, log } = setup();
    const fields = { userId: '6f1c2e8a-1b2c-4d5e-8f90-1234567890ab', at: '2026-11-23T17:00:00.0000000', expirationDuration: 'P1DT2H', code: 'throttled' };
    log.info('until 2026-11-23T15:00:00Z for PT1H30M', fields);
    expect(sink.records[0]).toMatchObject({ message: 'until 2026-11-23T15:00:00Z for PT1H30M', fields });
  });

  it('keeps writing to other sinks when one throws, and never throws to the caller', () => {
    const good = memorySink();
    const failures: unknown[] = [];
    const bad: LogSink = {
      write() {
        throw new Error('disk full');
      },
    };
    const log = createLogger({ sinks: [bad, good], onSinkError: (e) => failures.push(e) });
    expect(() => log.error('still here')).not.toThrow();
    expect(good.records).toHaveLength(1);
    expect(failures).toHaveLength(1);
  });

  it('takes the time from the injected clock', async () => {
    const { sink, clock, log } = setup();
    await clock.advance(90_000);
    log.warn('later');
    expect(sink.records[0]?.time).toBe('2026-11-23T10:01:30.000Z');
  });

  it('rejects an unknown level at creation', () => {
    expect(() => createLogger({ level: 'verbose' as 'info', sinks: [] })).toThrow(/Unknown log level/);
    expect(isLogLevel('warn')).toBe(true);
    expect(isLogLevel('trace')).toBe(false);
  });
});

describe('memorySink and formats', () => {
  it('finds, limits and clears records', () => {
    const sink = memorySink({ limit: 2 });
    const log = createLogger({ level: 'debug', sinks: [sink] });
    log.debug('one');
    log.info('two');
    log.info('three');
    expect(sink.records.map((r) => r.message)).toEqual(['two', 'three']);
    expect(sink.find('info', 'thr')).toHaveLength(1);
    sink.clear();
    expect(sink.records).toHaveLength(0);
  });

  it('formats one JSON line and one pretty line', () => {
    const record = { time: '2026-11-23T10:00:00.000Z', level: 'warn' as const, scope: 'graph', message: 'slow', fields: { ms: 900 } };
    expect(JSON.parse(formatJsonLine(record))).toEqual(record);
    expect(formatJsonLine({ ...record, fields: {} })).toBe('{"time":"2026-11-23T10:00:00.000Z","level":"warn","scope":"graph","message":"slow"}\n');
    expect(formatPretty(record)).toBe('10:00:00.000 WARN graph: slow {"ms":900}\n');
  });
});
