/**
 * The demo's throwaway profile. It cannot be removed while the app runs (Chromium still holds files in it
 * until the process has exited), so each profile records its process id and the next demo start removes
 * every profile whose process is gone. Plain Node.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** The prefix of every demo profile in the temp folder. */
export const DEMO_PROFILE_PREFIX = 'presence-tray-demo-';
const OWNER = 'owner.pid';

/** True while a process with this id runs (signal 0 checks without signalling). */
export function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Make a fresh profile in `temp`, owned by `pid`. */
export function createDemoProfile(temp: string, pid: number): string {
  const dir = mkdtempSync(join(temp, DEMO_PROFILE_PREFIX));
  writeFileSync(join(dir, OWNER), String(pid));
  return dir;
}

/** Remove the demo profiles in `temp` whose owning process has exited; returns what was removed. Folders without an owner file are left alone. */
export function removeStaleDemoProfiles(temp: string, alive: (pid: number) => boolean = processAlive): string[] {
  const removed: string[] = [];
  let names: string[];
  try {
    names = readdirSync(temp).filter((name) => name.startsWith(DEMO_PROFILE_PREFIX));
  } catch {
    return removed;
  }
  for (const name of names) {
    const dir = join(temp, name);
    let pid: number;
    try {
      pid = Number(readFileSync(join(dir, OWNER), 'utf8').trim());
    } catch {
      continue;
    }
    if (!Number.isInteger(pid) || pid <= 0 || alive(pid)) continue;
    rmSync(dir, { recursive: true, force: true });
    removed.push(dir);
  }
  return removed;
}
