/**
 * The whole-app Playwright test's handle on the running app: a tray menu cannot be clicked from outside and no
 * key reaches a global shortcut under xvfb, so with PRESENCE_TRAY_E2E=1 (and only then) main exposes these on
 * `globalThis.__presenceTrayTest`. Nothing here reads or returns a token.
 */
import type { PresenceState } from '../control/types.ts';
import type { HotkeyBinding, HotkeyCommand } from '../hotkeys/types.ts';
import { E2E_ENV } from './demo.ts';

/** What the hook reaches in the running app. */
export interface TestHookParts {
  clickTrayItem(id: string): boolean;
  hotkeys(): readonly HotkeyBinding[];
  runHotkey(command: HotkeyCommand, id: string): void;
  state(): PresenceState;
}

/** Expose the hook when the environment asks for it; returns whether it did. */
export function exposeTestHook(env: NodeJS.ProcessEnv, parts: TestHookParts, target: object = globalThis): boolean {
  if (env[E2E_ENV] !== '1') return false;
  const pressHotkey = (id: string): boolean => {
    const binding = parts.hotkeys().find((h) => h.id === id);
    if (binding) parts.runHotkey(binding.command, id);
    return binding !== undefined;
  };
  Object.assign(target, { __presenceTrayTest: { clickTrayItem: parts.clickTrayItem, pressHotkey, state: parts.state } });
  return true;
}
