/**
 * A stable id for this install (docs/architecture.md, "Fleet budget"): the controller derives this copy's
 * background-read phase and its offset after a shared schedule boundary from it, so both stay the same across
 * restarts. Kept in a small file beside the settings; it names nothing about the user or the machine.
 */
import { randomUUID } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** The file name, in the app's data folder. */
export const INSTALL_ID_FILE = 'install-id';

const ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/**
 * This install's id: the one saved in `folder`, or a new one saved there. A missing, unreadable or garbled
 * file gets a fresh id (the only cost: a new phase and offset); a folder that cannot be written still gets an
 * id for this run.
 */
export function loadInstallId(folder: string, onProblem?: (error: unknown) => void): string {
  const file = join(folder, INSTALL_ID_FILE);
  try {
    const saved = readFileSync(file, 'utf8').trim();
    if (ID.test(saved)) return saved;
  } catch {
    // Not there yet: the first start makes it.
  }
  const id = randomUUID();
  try {
    mkdirSync(folder, { recursive: true });
    writeFileSync(file, `${id}\n`, { mode: 0o600 });
  } catch (error) {
    onProblem?.(error);
  }
  return id;
}
