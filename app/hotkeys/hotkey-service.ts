/**
 * Registers the hotkey table through an injected registrar (Electron's `globalShortcut` in the app), with a
 * report per row: a chord another program holds is `held-elsewhere` and the others still register. While
 * the window captures a chord every hotkey is released (`suspended`), so the chord reaches the window
 * instead of firing; capture ends by itself after a while, so a window that dies mid-capture cannot leave
 * the user without hotkeys.
 */
import type { CancelTimer, Clock } from '../clock.ts';
import type { HotkeyStatus } from '../ipc/contract.ts';
import type { HotkeyBinding, HotkeyCommand } from './types.ts';
import { planHotkeys, type HotkeyPlanRow } from './validate.ts';

/** The part of Electron's `globalShortcut` the service uses. */
export interface ShortcutRegistrar {
  /** False when the chord could not be taken (another program holds it). */
  register(accelerator: string, callback: () => void): boolean;
  unregister(accelerator: string): void;
}

/** What the window and the IPC handlers may do with hotkeys. */
export interface HotkeyControl {
  /** The registration report, one row per hotkey. */
  status(): HotkeyStatus[];
  /** Release every hotkey while the window captures a chord. */
  beginCapture(): void;
  /** Register them again. */
  endCapture(): void;
}

/** The service: {@link HotkeyControl} plus applying a new table and releasing everything on quit. */
export interface HotkeyService extends HotkeyControl {
  /** Replace the registered table (settings changed); returns the new report. */
  apply(bindings: readonly HotkeyBinding[]): HotkeyStatus[];
  /** Unregister everything (quit). */
  dispose(): void;
}

/** Dependencies of {@link createHotkeyService}. */
export interface HotkeyServiceDeps {
  registrar: ShortcutRegistrar;
  /** Runs a command when its chord is pressed. */
  onCommand(command: HotkeyCommand, id: string): void;
  clock: Pick<Clock, 'setTimer'>;
  /** Capture ends by itself after this long (default 2 minutes). */
  captureTimeoutMs?: number;
  log?: { info(message: string, fields?: Record<string, unknown>): void; warn(message: string, fields?: Record<string, unknown>): void };
  /** The report for a chord the registrar refused; default: another program holds it (on Wayland the app says the desktop refused it). */
  refusal?(accelerator: string): { code: string; message: string };
}

const HELD_ELSEWHERE = (accelerator: string) => ({
  code: 'hotkey-held-elsewhere',
  message: `${accelerator} is already taken by another program; choose another chord.`,
});

/** Build the service (nothing is registered until {@link HotkeyService.apply}). */
export function createHotkeyService(deps: HotkeyServiceDeps): HotkeyService {
  let plan: HotkeyPlanRow[] = [];
  let report: HotkeyStatus[] = [];
  const registered: string[] = [];
  let capturing = false;
  let cancelCapture: CancelTimer | null = null;

  const unregisterAll = (): void => {
    for (const accelerator of registered.splice(0)) {
      try {
        deps.registrar.unregister(accelerator);
      } catch {
        // Unregistering a chord we hold cannot meaningfully fail; never let it stop the others.
      }
    }
  };

  const registerAll = (): void => {
    report = plan.map((row) => {
      const status: HotkeyStatus = { id: row.id, state: row.state, ...(row.error ? { error: row.error } : {}) };
      if (row.accelerator === null) return status;
      if (capturing) return { id: row.id, state: 'suspended' };
      const accelerator = row.accelerator;
      let ok: boolean;
      try {
        ok = deps.registrar.register(accelerator, () => deps.onCommand(row.command, row.id));
      } catch {
        ok = false; // Electron throws for chords it cannot parse; the plan should have caught those already.
      }
      if (!ok) {
        deps.log?.warn('hotkey held by another program', { id: row.id, accelerator });
        return { id: row.id, state: 'held-elsewhere', error: (deps.refusal ?? HELD_ELSEWHERE)(accelerator) };
      }
      registered.push(accelerator);
      return { id: row.id, state: 'registered' };
    });
  };

  const endCapture = (): void => {
    cancelCapture?.();
    cancelCapture = null;
    if (!capturing) return;
    capturing = false;
    registerAll();
  };

  return {
    apply(bindings) {
      unregisterAll();
      plan = planHotkeys(bindings);
      registerAll();
      deps.log?.info('hotkeys applied', { registered: registered.length, rows: plan.length });
      return report;
    },
    status: () => report.map((r) => ({ ...r })),
    beginCapture() {
      cancelCapture?.();
      capturing = true;
      unregisterAll();
      report = plan.map((row) => (row.accelerator === null ? { id: row.id, state: row.state, ...(row.error ? { error: row.error } : {}) } : { id: row.id, state: 'suspended' }));
      cancelCapture = deps.clock.setTimer(endCapture, deps.captureTimeoutMs ?? 120_000);
    },
    endCapture,
    dispose() {
      cancelCapture?.();
      cancelCapture = null;
      unregisterAll();
    },
  };
}
