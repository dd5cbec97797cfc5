/** General: launch at login, notifications, how often presence is read; and About (version, log folder). */
import { READ_INTERVAL } from '../../app/settings/fields.ts';
import { readIntervalProblem } from '../checks.ts';
import { api, call, messageOf } from '../api.ts';
import { busy, button, card, checkbox, field, notice } from '../controls.ts';
import { h } from '../dom.ts';
import { markManaged } from '../managed.ts';
import { saveOptions } from '../options.ts';
import type { Store } from '../store.ts';

/** Build the General section. */
export function generalSection(store: Store): HTMLElement {
  const options = store.settings.options;
  const result = notice();
  const login = checkbox('Start Presence Tray when I sign in to this computer', options.launchAtLogin);
  const notes = checkbox('Show notifications', options.notifications, 'When the schedule changes your presence, and when something goes wrong.');
  const interval = h('input', {
    type: 'number',
    name: 'read-interval',
    min: String(READ_INTERVAL.min),
    max: String(READ_INTERVAL.max),
    step: '5',
    value: String(options.readIntervalSeconds),
    inputmode: 'numeric',
  });
  const intervalField = field('Read presence every (seconds)', interval, 'How often the app checks what Teams shows while you are active (it also checks whenever you open the menu or this window).', 'field-narrow');
  markManaged(store.managed, 'options.readIntervalSeconds', interval, intervalField.root);
  const save: HTMLButtonElement = button(
    'Save',
    () =>
      void busy(save, async () => {
        const seconds = Number(interval.value);
        if (readIntervalProblem(interval.value)) {
          intervalField.setError(`Enter whole seconds from ${READ_INTERVAL.min} to ${READ_INTERVAL.max}.`);
          result.show('error', 'Not saved: fix the field marked above.');
          return;
        }
        intervalField.setError(null);
        await saveOptions(store, { launchAtLogin: login.input.checked, notifications: notes.input.checked, readIntervalSeconds: seconds }, result);
      }),
    'primary',
  );

  const info = store.info;
  const copyResult = notice();
  // Copied in main (copyText): the page itself holds no clipboard permission.
  const copy = button('Copy log folder path', () => {
    call(api().copyText({ text: info.logFolder })).then(
      () => copyResult.show('ok', 'Path copied.'),
      (error: unknown) => copyResult.show('error', `Could not copy: ${messageOf(error)}`),
    );
  });
  return h(
    'div',
    { class: 'stack' },
    card('General', login.root, notes.root, intervalField.root, h('div', { class: 'row' }, save), result.root),
    card(
      'About',
      h(
        'dl',
        { class: 'facts' },
        h('dt', {}, 'Version'),
        h('dd', { 'data-testid': 'version' }, info.version),
        h('dt', {}, 'Platform'),
        h('dd', {}, info.platform),
        h('dt', {}, 'Logs'),
        h('dd', {}, h('code', {}, info.logFolder)),
      ),
      h('div', { class: 'row' }, copy),
      copyResult.root,
      info.demo ? h('p', { class: 'hint' }, 'Demo mode: the app talks to a local emulator, not Microsoft.') : null,
    ),
  );
}
