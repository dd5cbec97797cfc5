/**
 * The saved intent's own file (`saved-intent.json` beside the settings): the manual choice, status message and
 * pause the controller keeps across restarts. Runtime state, written whenever the intent changes, so it is
 * kept out of the user's settings file. Plain node:fs (tested without Electron); a file that cannot be read is
 * copied aside like the settings file, and the parts that are still good are kept.
 */
import { existsSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import type { Clock } from '../clock.ts';
import type { IntentStore } from '../control/types.ts';
import type { AppError } from '../errors.ts';
import { backupCorruptFile } from './backup.ts';
import { DEFAULT_SAVED } from './defaults.ts';
import { validateSaved } from './sections.ts';
import type { SavedIntent } from './types.ts';

/** The file's name in the settings folder. */
export const SAVED_INTENT_FILE = 'saved-intent.json';
/** Largest saved-intent file read: three small objects take well under a kilobyte. */
export const SAVED_INTENT_MAX_BYTES = 64 * 1024;

/** Write `saved` to `path` atomically (a temporary file renamed over it), so a crash never leaves half a file. */
export function writeSavedIntent(path: string, saved: SavedIntent): void {
  const temp = `${path}.tmp-${process.pid}`;
  writeFileSync(temp, `${JSON.stringify(saved, null, '\t')}\n`);
  renameSync(temp, path);
}

/** What {@link readSavedIntent} found. */
export interface ReadSavedIntent {
  saved: SavedIntent;
  problems: AppError[];
  /** Where a file with problems was copied, or null. */
  backup: string | null;
}

/** Read and check the file; a missing file is nothing saved. Never throws for what the file holds. */
export function readSavedIntent(path: string, clock: Pick<Clock, 'now'>): ReadSavedIntent {
  if (!existsSync(path)) return { saved: structuredClone(DEFAULT_SAVED), problems: [], backup: null };
  let problems: AppError[];
  let saved: SavedIntent = structuredClone(DEFAULT_SAVED);
  try {
    if (statSync(path).size > SAVED_INTENT_MAX_BYTES) throw new Error(`larger than ${SAVED_INTENT_MAX_BYTES / 1024} KiB`);
    const checked = validateSaved(JSON.parse(readFileSync(path, 'utf8')));
    problems = checked.problems;
    saved = checked.value ?? saved;
  } catch (error) {
    problems = [{ code: 'settings-unreadable', field: 'saved', message: `The remembered presence could not be read (${error instanceof Error ? error.message : String(error)}); it was reset.` }];
  }
  return { saved, problems, backup: problems.length ? backupCorruptFile(path, clock) : null };
}

/** An {@link IntentStore} over the file: `load` reads what was saved (checked), `save` writes atomically. */
export function savedIntentFileStore(path: string, clock: Pick<Clock, 'now'>, onProblems?: (read: ReadSavedIntent) => void): IntentStore {
  return {
    load() {
      const read = readSavedIntent(path, clock);
      if (read.problems.length) onProblems?.(read);
      return read.saved;
    },
    save: (saved) => writeSavedIntent(path, saved),
  };
}
