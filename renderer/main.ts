/**
 * The settings window: loads state, settings and app facts through `window.presenceTray`, then shows its
 * sections as tabs (arrow keys move between them; `#schedule` opens one directly). Every section keeps its
 * DOM while hidden, so switching tabs never loses an unsaved edit.
 */
import type { PresenceState } from '../app/control/types.ts';
import { messageOf } from './api.ts';
import { h, replaceChildren } from './dom.ts';
import { toneOf } from './format.ts';
import { accountSection } from './sections/account.ts';
import { firstRunPanel } from './sections/first-run.ts';
import { generalSection } from './sections/general.ts';
import { hotkeysSection } from './sections/hotkeys.ts';
import { presetsSection } from './sections/presets.ts';
import { rulesSection } from './sections/rules.ts';
import { scheduleSection } from './sections/schedule.ts';
import { statusSection } from './sections/status.ts';
import { Store } from './store.ts';

// The sections, in tab order; the id is also the URL hash that opens it. Nothing is exported: the bundle
// must stay a plain script (no `export`), which loads the same as a classic or a module script.
const SECTIONS = [
  { id: 'status', title: 'Status', build: statusSection },
  { id: 'schedule', title: 'Schedule', build: scheduleSection },
  { id: 'presets', title: 'Presets', build: presetsSection },
  { id: 'rules', title: 'Rules', build: rulesSection },
  { id: 'hotkeys', title: 'Hotkeys', build: hotkeysSection },
  { id: 'account', title: 'Account and connection', build: accountSection },
  { id: 'general', title: 'General', build: generalSection },
] as const;

type SectionId = (typeof SECTIONS)[number]['id'];

function header(store: Store): HTMLElement {
  const dot = h('span', { class: 'dot', 'aria-hidden': 'true' });
  const summary = h('span', { class: 'header-summary', 'data-testid': 'header-summary' });
  const update = (state: PresenceState): void => {
    dot.className = `dot ${toneOf(state.actual?.availability ?? state.intent?.presence ?? null)}`;
    summary.textContent = state.summary;
  };
  update(store.state);
  store.onState(update);
  return h(
    'header',
    { class: 'app-header' },
    h('h1', {}, 'Presence Tray'),
    store.info.demo || store.state.demo ? h('span', { class: 'badge-demo', 'data-testid': 'demo-badge', title: 'Demo mode: talking to a local emulator' }, 'DEMO') : null,
    h('p', { class: 'header-state' }, dot, summary),
  );
}

function mount(store: Store): void {
  const tabs: HTMLButtonElement[] = [];
  const panels: HTMLElement[] = [];
  const select = (id: SectionId, focus = false): void => {
    SECTIONS.forEach((section, i) => {
      const on = section.id === id;
      tabs[i]?.setAttribute('aria-selected', String(on));
      tabs[i]?.setAttribute('tabindex', on ? '0' : '-1');
      if (panels[i]) panels[i].hidden = !on;
      if (on && focus) tabs[i]?.focus();
    });
    history.replaceState(null, '', `#${id}`);
  };
  SECTIONS.forEach((section, i) => {
    const tab = h('button', { type: 'button', role: 'tab', id: `tab-${section.id}`, 'aria-controls': `panel-${section.id}`, onclick: () => select(section.id) }, section.title);
    tab.addEventListener('keydown', (event) => {
      const moves: Record<string, number> = { ArrowDown: 1, ArrowRight: 1, ArrowUp: -1, ArrowLeft: -1 };
      let next: number | undefined;
      if (event.key in moves) next = (i + (moves[event.key] ?? 0) + SECTIONS.length) % SECTIONS.length;
      else if (event.key === 'Home') next = 0;
      else if (event.key === 'End') next = SECTIONS.length - 1;
      if (next === undefined) return;
      event.preventDefault();
      const target = SECTIONS[next];
      if (target) select(target.id, true);
    });
    tabs.push(tab);
    panels.push(
      h('section', { role: 'tabpanel', id: `panel-${section.id}`, 'aria-labelledby': `tab-${section.id}`, tabindex: '0', class: 'panel' }, h('h2', { class: 'panel-title' }, section.title), section.build(store)),
    );
  });
  const nav = h('nav', { class: 'app-nav', 'aria-label': 'Settings sections' }, h('div', { role: 'tablist', 'aria-orientation': 'vertical', 'aria-label': 'Sections' }, ...tabs));
  const main = h('main', { class: 'app-main' }, firstRunPanel(store, () => select('account', true)), ...panels);
  replaceChildren(document.getElementById('app') as HTMLElement, header(store), h('div', { class: 'app-body' }, nav, main));
  const wanted = location.hash.slice(1);
  select(SECTIONS.some((s) => s.id === wanted) ? (wanted as SectionId) : 'status');
}

async function start(): Promise<void> {
  const root = document.getElementById('app') as HTMLElement;
  try {
    const store = await Store.load();
    performance.mark('data-loaded');
    mount(store);
    document.body.dataset.ready = 'true';
    // The benchmark measures navigation start → this mark (the first section is in the DOM and laid out),
    // and data-loaded → this mark (the window's own work, without the IPC round trips).
    requestAnimationFrame(() => performance.mark('first-section-painted'));
  } catch (error) {
    replaceChildren(root, h('p', { class: 'callout callout-error', role: 'alert' }, `The settings could not be loaded: ${messageOf(error)}`));
  }
}

void start();
