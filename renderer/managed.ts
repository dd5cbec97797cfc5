/**
 * Fields the organization manages by policy (README, "For administrators"): each gets a note saying so, and a
 * locked one becomes read-only (main refuses a save that changes it anyway, at the IPC door).
 */
import type { ManagedField, ManagedView } from '../app/policy/types.ts';
import { h } from './dom.ts';

/** Mark `control` (inside `root`) when `field` is managed: a note, and read-only where locked. */
export function markManaged(view: ManagedView, field: ManagedField, control: HTMLInputElement | HTMLSelectElement, root: HTMLElement): void {
  const how = view.fields[field];
  if (!how) return;
  const id = `${control.id || field.replace('.', '-')}-managed`;
  const note = h('p', { class: 'hint managed', id, 'data-managed': how }, how === 'locked' ? 'Set by your organization (locked).' : 'Set by your organization; you can change it.');
  root.append(note);
  control.setAttribute('aria-describedby', [control.getAttribute('aria-describedby'), id].filter(Boolean).join(' '));
  if (how !== 'locked') return;
  if (control instanceof HTMLInputElement && control.type !== 'checkbox') control.readOnly = true;
  else control.disabled = true;
}
