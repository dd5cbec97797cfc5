/**
 * The `presencectl` program (`npm run cli -- <args>`, the package's `bin`, `dist/presencectl.mjs` once built):
 * runs {@link runCli} with this process's arguments and streams, and exits with its code.
 */
import { readFileSync } from 'node:fs';
import { runCli } from './cli.ts';

/** The version from package.json, found beside the bundle (dist/) or the source (app/remote/). */
function version(): string {
  for (const relative of ['../package.json', '../../package.json']) {
    try {
      return (JSON.parse(readFileSync(new URL(relative, import.meta.url), 'utf8')) as { version?: string }).version ?? '0.0.0';
    } catch {
      // not here: try the next place
    }
  }
  return '0.0.0';
}

const args = process.argv.slice(2);
process.exitCode = await runCli(args, {
  out: (text) => void process.stdout.write(`${text}\n`),
  err: (text) => void process.stderr.write(`${text}\n`),
  ...(args.includes('--version') ? { version: version() } : {}),
});
