import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { backupCorruptFile } from '../../app/settings/backup.ts';
import { ManualClock } from '../support/manual-clock.ts';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});
function file(text: string): { dir: string; path: string } {
  const dir = mkdtempSync(join(tmpdir(), 'presence-backup-'));
  dirs.push(dir);
  const path = join(dir, 'config.json');
  writeFileSync(path, text);
  return { dir, path };
}

describe('backupCorruptFile', () => {
  it('copies the file aside with a UTC timestamp suffix and leaves the original alone', () => {
    const { dir, path } = file('{broken');
    const target = backupCorruptFile(path, new ManualClock('2026-11-23T10:36:00.000Z'));
    expect(target).toBe(join(dir, 'config.json.corrupt-2026-11-23T10-36-00-000Z'));
    expect(readFileSync(target as string, 'utf8')).toBe('{broken');
    expect(readFileSync(path, 'utf8')).toBe('{broken');
  });

  it('never overwrites an earlier backup made at the same instant', () => {
    const { dir, path } = file('first');
    const clock = new ManualClock('2026-11-23T10:36:00.000Z');
    const a = backupCorruptFile(path, clock);
    writeFileSync(path, 'second');
    const b = backupCorruptFile(path, clock);
    writeFileSync(path, 'third');
    const c = backupCorruptFile(path, clock);
    expect(new Set([a, b, c]).size).toBe(3);
    expect(b).toMatch(/-000Z-1$/);
    expect(c).toMatch(/-000Z-2$/);
    expect([a, b, c].map((p) => readFileSync(p as string, 'utf8'))).toEqual(['first', 'second', 'third']);
    expect(readdirSync(dir)).toHaveLength(4);
  });

  it('returns null when there is no file to back up', () => {
    const { dir } = file('x');
    expect(backupCorruptFile(join(dir, 'missing.json'), new ManualClock())).toBeNull();
    expect(readdirSync(dir)).toEqual(['config.json']);
  });
});
