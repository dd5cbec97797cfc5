/**
 * The first-run panel: shown above every section while the app has no client id or nobody is signed in,
 * with the two steps to get going and a way straight to them.
 */
import { button } from '../controls.ts';
import { h, replaceChildren } from '../dom.ts';
import type { Store } from '../store.ts';

/** Build the panel; `goToAccount` switches to the Account section. Hidden once set up. */
export function firstRunPanel(store: Store, goToAccount: () => void): HTMLElement {
  const root = h('section', { class: 'first-run', 'aria-labelledby': 'first-run-title', 'data-testid': 'first-run' });
  const update = (): void => {
    const hasClient = store.settings.connection.clientId.trim() !== '';
    const signedIn = store.state.auth.status === 'signed-in';
    root.hidden = hasClient && signedIn;
    if (root.hidden) return;
    replaceChildren(
      root,
      h('h2', { id: 'first-run-title' }, 'Welcome to Presence Tray'),
      h('p', {}, 'Two steps and your Teams presence follows the tray, your hotkeys and your schedule:'),
      h(
        'ol',
        {},
        h('li', { class: hasClient ? 'done' : '' }, hasClient ? 'App registration entered. ' : 'Enter the client id of your app registration (Connection). ', hasClient ? h('span', { class: 'sr-only' }, 'Done.') : null),
        h('li', { class: signedIn ? 'done' : '' }, 'Sign in with your work or school account.'),
      ),
      button('Open Account and connection', goToAccount, 'primary'),
    );
  };
  update();
  store.onState(update);
  store.onSettings(update);
  return root;
}
