/** An {@link IntentStore} kept in memory: for tests, the demo and anything that persists elsewhere itself. */
import type { IntentStore, SavedIntent } from './types.ts';

/** Nothing saved: no manual intent, no status message, no pause. */
export const EMPTY_SAVED_INTENT: SavedIntent = { intent: null, statusMessage: null, pause: null };

/** An in-memory store; `saved` shows what was saved last (a deep copy, so callers cannot alias it). */
export function memoryIntentStore(initial: SavedIntent = EMPTY_SAVED_INTENT): IntentStore & { saved: SavedIntent; saves: number } {
  const copy = (s: SavedIntent): SavedIntent => structuredClone(s);
  const store = {
    saved: copy(initial),
    saves: 0,
    load: (): SavedIntent => copy(store.saved),
    save(next: SavedIntent): void {
      store.saved = copy(next);
      store.saves += 1;
    },
  };
  return store;
}
