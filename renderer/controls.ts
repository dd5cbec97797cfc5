/**
 * Labelled form controls and inline messages shared by every section. Every control gets a visible label,
 * and its hint and error are linked with aria-describedby so screen readers read them with the control.
 */
import type { Child } from './dom.ts';
import { h, uid } from './dom.ts';

/** A labelled control with a hint and an error slot. */
export interface Field {
  root: HTMLElement;
  /** Show (or with null, clear) the error message under the control and mark it invalid. */
  setError(message: string | null): void;
}

/** Wrap `control` with a label, an optional hint and an error message slot. */
export function field(label: string, control: HTMLInputElement | HTMLSelectElement, hint?: string, className = ''): Field {
  const id = control.id || uid('f');
  control.id = id;
  const hintEl = hint ? h('p', { class: 'hint', id: `${id}-hint` }, hint) : null;
  const errorEl = h('p', { class: 'error', id: `${id}-error`, hidden: true });
  const describedBy = (withError: boolean): void => {
    const ids = [hintEl?.id, withError ? errorEl.id : null].filter(Boolean).join(' ');
    if (ids) control.setAttribute('aria-describedby', ids);
    else control.removeAttribute('aria-describedby');
  };
  describedBy(false);
  const root = h('div', { class: `field ${className}`.trim() }, h('label', { for: id }, label), control, hintEl, errorEl);
  return {
    root,
    setError(message) {
      errorEl.textContent = message ?? '';
      errorEl.hidden = !message;
      if (message) control.setAttribute('aria-invalid', 'true');
      else control.removeAttribute('aria-invalid');
      describedBy(Boolean(message));
    },
  };
}

/** A checkbox with its label beside it and an optional explanation below. */
export function checkbox(label: string, checked: boolean, hint?: string, onchange?: (checked: boolean) => void): { root: HTMLElement; input: HTMLInputElement } {
  const id = uid('cb');
  const input = h('input', { type: 'checkbox', id, checked });
  if (onchange) input.addEventListener('change', () => onchange(input.checked));
  const hintEl = hint ? h('p', { class: 'hint', id: `${id}-hint` }, hint) : null;
  if (hintEl) input.setAttribute('aria-describedby', hintEl.id);
  const root = h('div', { class: 'check' }, input, h('label', { for: id }, label), hintEl);
  return { root, input };
}

/** A `<select>` of `[value, label]` options. */
export function select(options: ReadonlyArray<readonly [string, string]>, value: string, attrs: Record<string, string> = {}): HTMLSelectElement {
  const el = h('select', attrs, ...options.map(([v, text]) => h('option', { value: v }, text)));
  el.value = value;
  return el;
}

/** A polite live region for the result of an action ("Saved", or main's reason for refusing). */
export interface Notice {
  root: HTMLElement;
  show(kind: 'ok' | 'error' | 'info', text: string): void;
  clear(): void;
}

/** Make a {@link Notice}. Errors use role=alert so they are announced at once. */
export function notice(): Notice {
  const root = h('div', { class: 'notice', role: 'status', 'aria-live': 'polite', hidden: true });
  return {
    root,
    show(kind, text) {
      root.className = `notice notice-${kind}`;
      root.setAttribute('role', kind === 'error' ? 'alert' : 'status');
      root.textContent = text;
      root.hidden = false;
    },
    clear() {
      root.textContent = '';
      root.hidden = true;
    },
  };
}

/** A titled card inside a section. */
export function card(title: string, ...children: Child[]): HTMLElement {
  const id = uid('card');
  return h('section', { class: 'card', 'aria-labelledby': id }, h('h2', { id }, title), ...children);
}

/** A button; `kind` picks the style (primary for the one main action of a card). */
export function button(text: string, onclick: () => void, kind: 'primary' | 'secondary' | 'danger' | 'ghost' = 'secondary', attrs: Record<string, string | boolean> = {}): HTMLButtonElement {
  return h('button', { type: 'button', class: `btn btn-${kind}`, ...attrs, onclick }, text);
}

/** Run an async action with its button disabled, reporting the result on `note`. */
export async function busy(btn: HTMLButtonElement, action: () => Promise<void>): Promise<void> {
  btn.disabled = true;
  btn.setAttribute('aria-busy', 'true');
  try {
    await action();
  } finally {
    btn.disabled = false;
    btn.removeAttribute('aria-busy');
  }
}
