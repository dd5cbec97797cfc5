/**
 * What the app does when it quits, in order (runQuitSteps runs them with their time limits), and the
 * shorter list for a shutdown or log-off, when the system gives the app only moments: apply the sleep rule
 * ("Asleep / shut down"), end the app session and let the last presence write finish, nothing that can wait. The latest intent is already saved: the
 * controller writes it on every change.
 */
import type { QuitStep } from './quit.ts';

/** The running parts the steps stop. */
export interface QuitParts {
  /** Stop the command-line endpoint (its socket file goes with it); absent until it has started. */
  stopRemote?(): Promise<unknown> | void;
  /** Release every global hotkey (the service, then Electron's own list). */
  releaseHotkeys(): void;
  /** The machine is going down: the sleep rule, when on, holds from now (the flush below sends its write). */
  goingDown(): void;
  /** Resolves when no presence write is in flight. */
  idle(): Promise<unknown>;
  /** Stop the core; ends the app session (clearPresence) when one is held. */
  stopCore(): Promise<unknown>;
  /** Stop watching power, settings, state and IPC. */
  stopWatching(): void;
  removeTray(): void;
  /** Demo only: stop the in-process emulator. */
  stopDemo?(): Promise<unknown>;
}

/** The normal quit. */
export function quitSteps(parts: QuitParts): QuitStep[] {
  return [
    ...(parts.stopRemote ? [{ name: 'stop the command line', run: () => parts.stopRemote?.() }] : []),
    { name: 'unregister hotkeys', run: () => parts.releaseHotkeys() },
    { name: 'flush the pending presence write', run: () => parts.idle(), timeoutMs: 3000 },
    { name: 'stop the core (ends the app session)', run: () => parts.stopCore(), timeoutMs: 5000 },
    { name: 'stop watching power and settings', run: () => parts.stopWatching() },
    { name: 'remove the tray', run: () => parts.removeTray() },
    ...(parts.stopDemo ? [{ name: 'stop the demo emulator', run: () => parts.stopDemo?.() }] : []),
  ];
}

/** Shutdown or log-off: seconds at most (Windows ends a process that takes longer; macOS waits on it). */
export function shutdownSteps(parts: QuitParts): QuitStep[] {
  return [
    { name: 'apply the sleep rule', run: () => parts.goingDown() },
    { name: 'flush the pending presence write', run: () => parts.idle(), timeoutMs: 1000 },
    { name: 'stop the core (ends the app session)', run: () => parts.stopCore(), timeoutMs: 2000 },
    { name: 'unregister hotkeys', run: () => parts.releaseHotkeys() },
  ];
}
