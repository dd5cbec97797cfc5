/**
 * The command line's test rig: a real core over the emulator (the control harness), its control endpoint
 * on a socket in a fresh private temp folder, and `presencectl` run as a real child process against it.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startRemoteEndpoint, type RemoteEndpoint } from '../../app/remote/server.ts';
import { SOCKET_ENV } from '../../app/remote/endpoint-path.ts';
import { startControlHarness, type ControlHarness, type HarnessOptions } from '../support/control-harness.ts';

/** The repository root. */
export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** The CLI's entry as source (what `npm run cli` runs). */
export const CLI_ENTRY = join(ROOT, 'app', 'remote', 'presencectl.ts');

/** A fresh socket path inside a fresh temp folder (the endpoint makes the inner folder 0700). */
export function tempSocketPath(): { path: string; cleanup(): void } {
  const base = mkdtempSync(join(tmpdir(), 'ptr-'));
  return { path: join(base, 'run', 'control.sock'), cleanup: () => rmSync(base, { recursive: true, force: true }) };
}

/** A running rig. */
export interface RemoteRig {
  harness: ControlHarness;
  endpoint: RemoteEndpoint;
  path: string;
  close(): Promise<void>;
}

/** Start a harness (and its core), and serve its controller at a temp socket. */
export async function startRemoteRig(options: HarnessOptions = {}): Promise<RemoteRig> {
  const harness = await startControlHarness(options);
  await harness.core.start();
  await harness.quiet();
  const socket = tempSocketPath();
  const endpoint = await startRemoteEndpoint({ controller: harness.core.controller, path: socket.path, clock: harness.clock, timeZone: () => 'UTC', version: '9.9.9' });
  return {
    harness,
    endpoint,
    path: socket.path,
    async close() {
      await endpoint.close();
      await harness.close();
      socket.cleanup();
    },
  };
}

/** What a finished CLI process printed and its exit code. */
export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Run presencectl with `args` against `socketPath`, as a real child process. */
export function runCliProcess(args: readonly string[], socketPath: string, entry: string = CLI_ENTRY): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [entry, ...args], { env: { ...process.env, [SOCKET_ENV]: socketPath }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (t: string) => (stdout += t));
    child.stderr.setEncoding('utf8').on('data', (t: string) => (stderr += t));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/** A long-running presencectl (e.g. `watch`): its lines as they come, and a way to stop it. */
export interface CliStream {
  lines: string[];
  /** Resolves once at least `n` stdout lines have arrived. */
  waitForLines(n: number, timeoutMs?: number): Promise<string[]>;
  exited: Promise<CliRun>;
  kill(): void;
}

/** Start presencectl with `args` and collect its stdout line by line. */
export function streamCliProcess(args: readonly string[], socketPath: string): CliStream {
  const child = spawn(process.execPath, [CLI_ENTRY, ...args], { env: { ...process.env, [SOCKET_ENV]: socketPath }, stdio: ['ignore', 'pipe', 'pipe'] });
  const lines: string[] = [];
  let rest = '';
  let stdout = '';
  let stderr = '';
  const waiters: Array<() => void> = [];
  child.stdout.setEncoding('utf8').on('data', (t: string) => {
    stdout += t;
    const parts = (rest + t).split('\n');
    rest = parts.pop() ?? '';
    lines.push(...parts.filter(Boolean));
    for (const w of waiters.splice(0)) w();
  });
  child.stderr.setEncoding('utf8').on('data', (t: string) => (stderr += t));
  const exited = new Promise<CliRun>((resolve) => child.on('close', (code) => resolve({ code, stdout, stderr })));
  return {
    lines,
    async waitForLines(n, timeoutMs = 10_000) {
      const deadline = Date.now() + timeoutMs;
      while (lines.length < n) {
        if (Date.now() > deadline) throw new Error(`waited for ${n} lines, got ${lines.length}: ${lines.join(' | ')} ${stderr}`);
        await new Promise<void>((resolve) => {
          waiters.push(resolve);
          setTimeout(resolve, 50);
        });
      }
      return lines;
    },
    exited,
    kill: () => void child.kill(),
  };
}
