import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync, chmodSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createLogger, fileSink, type LogRecord } from '../../app/log/index.ts';

const dirs: string[] = [];
function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'presence-log-'));
  dirs.push(dir);
  return dir;
}
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

const record = (message: string): LogRecord => ({ time: '2026-11-23T10:00:00.000Z', level: 'info', scope: 't', message, fields: {} });
const lines = (path: string): string[] => readFileSync(path, 'utf8').trim().split('\n').filter(Boolean);
const messages = (path: string): string[] => lines(path).map((l) => (JSON.parse(l) as LogRecord).message);

describe('fileSink', () => {
  it('appends one JSON line per record to a 0600 file in a folder it creates', () => {
    const dir = join(tempDir(), 'logs', 'nested');
    const sink = fileSink({ dir, fileName: 'main.log', maxBytes: 10_000, maxFiles: 3 });
    const log = createLogger({ sinks: [sink] });
    log.info('first', { n: 1 });
    log.warn('second');
    sink.close();
    expect(messages(join(dir, 'main.log'))).toEqual(['first', 'second']);
    if (process.platform !== 'win32') {
      expect(statSync(join(dir, 'main.log')).mode & 0o777).toBe(0o600);
      expect(statSync(dir).mode & 0o777).toBe(0o700);
    }
  });

  it('tightens the mode of an existing file and keeps appending to it', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'main.log'), '{"message":"old"}\n', { mode: 0o644 });
    chmodSync(join(dir, 'main.log'), 0o644);
    const sink = fileSink({ dir, fileName: 'main.log', maxBytes: 10_000, maxFiles: 2 });
    sink.write(record('new'));
    sink.close();
    expect(messages(join(dir, 'main.log'))).toEqual(['old', 'new']);
    if (process.platform !== 'win32') expect(statSync(join(dir, 'main.log')).mode & 0o777).toBe(0o600);
  });

  it('rotates before a file would pass maxBytes and keeps at most maxFiles files', () => {
    const dir = tempDir();
    const lineBytes = Buffer.byteLength(JSON.stringify(record('m00')) + '\n');
    const sink = fileSink({ dir, fileName: 'main.log', maxBytes: lineBytes * 3, maxFiles: 3 });
    for (let i = 0; i < 10; i++) sink.write(record(`m${String(i).padStart(2, '0')}`));
    sink.close();
    expect(readdirSync(dir).sort()).toEqual(['main.log', 'main.log.1', 'main.log.2']);
    expect(messages(join(dir, 'main.log'))).toEqual(['m09']);
    expect(messages(join(dir, 'main.log.1'))).toEqual(['m06', 'm07', 'm08']);
    expect(messages(join(dir, 'main.log.2'))).toEqual(['m03', 'm04', 'm05']);
    for (const name of readdirSync(dir)) {
      expect(statSync(join(dir, name)).size).toBeLessThanOrEqual(lineBytes * 3);
      if (process.platform !== 'win32') expect(statSync(join(dir, name)).mode & 0o777).toBe(0o600);
    }
  });

  it('gives a line longer than maxBytes a file of its own, and maxFiles 1 starts over', () => {
    const dir = tempDir();
    const sink = fileSink({ dir, fileName: 'one.log', maxBytes: 50, maxFiles: 1 });
    sink.write(record('x'.repeat(100)));
    sink.write(record('short'));
    sink.close();
    expect(readdirSync(dir)).toEqual(['one.log']);
    expect(messages(join(dir, 'one.log'))).toEqual(['short']);
  });

  it('continues the size count of an existing file across restarts', () => {
    const dir = tempDir();
    const lineBytes = Buffer.byteLength(JSON.stringify(record('a')) + '\n');
    const first = fileSink({ dir, fileName: 'main.log', maxBytes: lineBytes * 2, maxFiles: 2 });
    first.write(record('a'));
    first.write(record('b'));
    first.close();
    const second = fileSink({ dir, fileName: 'main.log', maxBytes: lineBytes * 2, maxFiles: 2 });
    second.write(record('c'));
    second.close();
    expect(messages(join(dir, 'main.log.1'))).toEqual(['a', 'b']);
    expect(messages(join(dir, 'main.log'))).toEqual(['c']);
  });

  it('deletes rotated copies beyond a lowered maxFiles, and ignores writes after close', () => {
    const dir = tempDir();
    for (const n of [1, 2, 3, 4]) writeFileSync(join(dir, `main.log.${n}`), 'x\n');
    writeFileSync(join(dir, 'other.log.9'), 'x\n');
    const sink = fileSink({ dir, fileName: 'main.log', maxBytes: 1000, maxFiles: 2 });
    expect(readdirSync(dir).sort()).toEqual(['main.log.1', 'other.log.9']);
    sink.close();
    sink.write(record('after close'));
    expect(readdirSync(dir)).not.toContain('main.log');
  });

  it('writes redacted records only', () => {
    const dir = tempDir();
    const sink = fileSink({ dir, fileName: 'main.log', maxBytes: 10_000, maxFiles: 2 });
    createLogger({ sinks: [sink] }).error(new Error('refused refresh_token=0.AXoA1b2C3d4E5f6G7h8I9j0KlMnOp'));
    sink.close();
    const text = readFileSync(join(dir, 'main.log'), 'utf8');
    expect(text).toContain('[REDACTED]');
    expect(text).not.toContain('AXoA1b2C3d4');
  });

  it('refuses impossible options', () => {
    const dir = tempDir();
    expect(() => fileSink({ dir, fileName: '../x.log', maxBytes: 10, maxFiles: 1 })).toThrow(/plain file name/);
    expect(() => fileSink({ dir, fileName: 'x.log', maxBytes: 0, maxFiles: 1 })).toThrow(/maxBytes/);
    expect(() => fileSink({ dir, fileName: 'x.log', maxBytes: 10, maxFiles: 0 })).toThrow(/maxFiles/);
  });
});
