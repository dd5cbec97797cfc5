/**
 * Reordering a list by drag and by keyboard. Only the handle starts a drag (a drag begun in the card's
 * fields is cancelled, so selecting text still works); the same handle moves the item with the arrow keys,
 * and a live region says where it went.
 */

/** What the list tells the reorder helper. */
export interface ReorderOptions {
  /** Move item `from` to index `to` and redraw; the helper then focuses the moved item's handle. */
  move(from: number, to: number): void;
  count(): number;
  /** Say something to screen-reader users ("Lunch moved to position 2 of 4"). */
  announce(text: string): void;
  /** The name of the item at `index`, for announcements. */
  nameAt(index: number): string;
}

const DRAG_TYPE = 'application/x-presence-tray-index';

/** Wire `handle` (inside `item`, at `index`) for drag and keyboard reordering. */
export function reorderable(item: HTMLElement, handle: HTMLElement, index: number, options: ReorderOptions): void {
  const moveTo = (to: number): void => {
    if (to < 0 || to >= options.count() || to === index) return;
    const name = options.nameAt(index);
    options.move(index, to);
    options.announce(`${name} moved to position ${to + 1} of ${options.count()}.`);
  };
  handle.addEventListener('keydown', (event) => {
    const steps: Record<string, number> = { ArrowUp: -1, ArrowDown: 1 };
    if (event.key in steps) {
      event.preventDefault();
      moveTo(index + (steps[event.key] ?? 0));
    } else if (event.key === 'Home' || event.key === 'End') {
      event.preventDefault();
      moveTo(event.key === 'Home' ? 0 : options.count() - 1);
    }
  });
  // The card is draggable, but a drag only starts from the handle: one begun anywhere else (selecting text
  // in a field) is cancelled. Chromium decides what drags before pointerdown handlers run, so the
  // attribute cannot be switched on at pointerdown.
  item.draggable = true;
  let fromHandle = false;
  item.addEventListener('pointerdown', (event) => (fromHandle = handle.contains(event.target as Node)));
  item.addEventListener('dragstart', (event) => {
    if (!fromHandle) {
      event.preventDefault();
      return;
    }
    event.dataTransfer?.setData(DRAG_TYPE, String(index));
    if (event.dataTransfer) event.dataTransfer.effectAllowed = 'move';
    item.classList.add('dragging');
  });
  item.addEventListener('dragend', () => item.classList.remove('dragging'));
  item.addEventListener('dragover', (event) => {
    if (event.dataTransfer?.types.includes(DRAG_TYPE)) {
      event.preventDefault();
      item.classList.add('drop-target');
    }
  });
  item.addEventListener('dragleave', () => item.classList.remove('drop-target'));
  item.addEventListener('drop', (event) => {
    item.classList.remove('drop-target');
    const from = Number(event.dataTransfer?.getData(DRAG_TYPE));
    if (!Number.isInteger(from) || from === index) return;
    event.preventDefault();
    const name = options.nameAt(from);
    options.move(from, index);
    options.announce(`${name} moved to position ${index + 1} of ${options.count()}.`);
  });
}
