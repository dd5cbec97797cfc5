/**
 * Plumbing shared by the check scripts (`security-scan.ts`, `package-smoke.ts`): the project root, a
 * temporary work folder that is always removed, and "run `main()` and exit with its code" when the file is
 * run directly (not when a test imports it for its helpers).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root (the parent of scripts/). */
export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');

/** Run `body` in a fresh temporary folder named `<prefix>…`, removed afterwards whatever happens. */
export async function withWorkDir<T>(prefix: string, body: (work: string) => Promise<T>): Promise<T> {
  const work = mkdtempSync(join(tmpdir(), prefix));
  try {
    return await body(work);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

/**
 * When the module at `moduleUrl` is the script node was started with, run `main` and exit with the code it
 * returns; if it throws, print `<name> failed to run:` and the error, and exit 2 (a broken check, not a
 * failed one).
 */
export function runAsScript(moduleUrl: string, name: string, main: () => Promise<number>): void {
  if (!process.argv[1] || fileURLToPath(moduleUrl) !== process.argv[1]) return;
  main().then(
    (code) => process.exit(code),
    (error: unknown) => {
      console.error(`${name} failed to run:`, error);
      process.exit(2);
    },
  );
}
