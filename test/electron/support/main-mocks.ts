/**
 * Module stand-ins for the tests that start the real app/main.ts. vi.mock factories are hoisted above the
 * test file's imports, so each test names these through a dynamic import:
 *
 * ```ts
 * vi.mock('electron', () => import('./support/main-mocks.ts').then((m) => m.electronModule()));
 * vi.mock('electron-store', () => import('./support/main-mocks.ts').then((m) => m.electronStoreModule()));
 * ```
 */

/** 'electron' as the typed stand-in (fake-electron.ts), both as named exports and as the default export. */
export async function electronModule(): Promise<Record<string, unknown>> {
  const { electron } = await import('../fake-electron.ts');
  return { ...electron, default: electron };
}

/** 'electron-store' as conf, its base, with electron-store's own mapping of `name` onto conf's `configName`. */
export async function electronStoreModule(): Promise<{ default: unknown }> {
  const { default: Conf } = await import('conf');
  class Store extends Conf {
    constructor({ name, ...options }: { name?: string } & Record<string, unknown>) {
      super({ ...options, configName: name ?? 'config', projectVersion: '0.1.0' });
    }
  }
  return { default: Store };
}
