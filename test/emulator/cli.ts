/**
 * `npm run emulator -- --port <n>`: start the Graph + identity emulator on 127.0.0.1. `--port 0` (the default)
 * picks a free port. The first stdout line carries the base URL, so scripts can read it:
 * `Presence Tray emulator listening on http://127.0.0.1:51234`.
 */
import { startEmulator } from './server.ts';

function parsePort(argv: readonly string[]): number {
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    let value: string | undefined;
    if (arg === '--port' || arg === '-p') value = argv[i + 1];
    else if (arg.startsWith('--port=')) value = arg.slice('--port='.length);
    else if (arg === '--help' || arg === '-h') {
      console.log('Usage: npm run emulator -- [--port <n>]   (0 = any free port; default 0)');
      process.exit(0);
    } else continue;
    const port = Number(value);
    if (!Number.isInteger(port) || port < 0 || port > 65535) {
      console.error(`--port needs a number from 0 to 65535, got "${value ?? ''}".`);
      process.exit(2);
    }
    return port;
  }
  return 0;
}

const emulator = await startEmulator({ port: parsePort(process.argv.slice(2)) });
console.log(`Presence Tray emulator listening on ${emulator.url}`);
console.log(`Graph: ${emulator.url}/v1.0   identity: ${emulator.url}/<tenant>/oauth2/v2.0   control: ${emulator.url}/_emulator`);

const stop = (): void => {
  void emulator.close().then(() => process.exit(0));
};
process.once('SIGINT', stop);
process.once('SIGTERM', stop);
