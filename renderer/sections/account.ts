/**
 * Account and connection: who is signed in, the two ways to sign in (browser, or a code for another
 * device), sign out; the cloud, tenant and client id of the app registration, checked as typed; and the
 * two options that touch sign-in (app session, storing tokens without a keyring).
 */
import { adminConsentMessage, adminConsentUrl } from '../admin-consent.ts';
import type { AuthView, PresenceState } from '../../app/control/types.ts';
import type { CloudId } from '../../app/graph/clouds.ts';
import type { ConnectionSettings } from '../../app/settings/types.ts';
import { api, call, messageOf } from '../api.ts';
import { connectionProblems } from '../checks.ts';
import { busy, button, card, checkbox, field, notice, select } from '../controls.ts';
import { h, replaceChildren } from '../dom.ts';
import { formatWhen } from '../format.ts';
import { saveOptions } from '../options.ts';
import type { Store } from '../store.ts';
import { markManaged } from '../managed.ts';

// Labels copied from app/graph/clouds.ts: that module carries runtime code the renderer must not bundle.
const CLOUD_LABELS: Record<CloudId, string> = {
  Global: 'Global (microsoft.com)',
  USGovL4: 'US Government L4 (GCC High)',
  USGovL5: 'US Government L5 (DoD)',
  China: 'China (21Vianet) — no presence APIs',
};

/** Build the Account and connection section. */
export function accountSection(store: Store): HTMLElement {
  return h('div', { class: 'stack' }, accountCard(store), connectionCard(store), optionsCard(store));
}

function accountCard(store: Store): HTMLElement {
  const who = h('div', { class: 'who', 'data-testid': 'account' });
  const code = h('div', { class: 'device-code', hidden: true, 'data-testid': 'device-code' });
  const consent = h('div', { class: 'admin-consent', hidden: true, 'data-testid': 'admin-consent' });
  const result = notice();
  const attempt = (btn: HTMLButtonElement, action: () => Promise<unknown>, done?: string): void =>
    void busy(btn, async () => {
      result.clear();
      try {
        const value = await action();
        const outcome = value as { outcome?: string; error?: { message: string } } | null;
        if (outcome?.outcome === 'failed') result.show('error', outcome.error?.message ?? 'Sign-in failed.');
        else if (done) result.show('ok', done);
      } catch (error) {
        result.show('error', messageOf(error));
      }
    });
  const signIn: HTMLButtonElement = button('Sign in with the browser', () => attempt(signIn, () => call(api().signIn())), 'primary');
  const withCode: HTMLButtonElement = button('Sign in with a code', () => attempt(withCode, () => call(api().signInWithCode())));
  const signOut: HTMLButtonElement = button('Sign out', () => attempt(signOut, () => call(api().signOut()), 'Signed out.'), 'danger');
  const actions = h('div', { class: 'row' });

  const update = (state: PresenceState): void => {
    const auth = state.auth;
    replaceChildren(who, ...whoLines(auth));
    replaceChildren(actions, ...(auth.status === 'signed-in' ? [signOut] : auth.status === 'signing-in' ? [] : [signIn, withCode]));
    showCode(code, auth, result, state.zone);
    showAdminConsent(consent, auth, store.settings.connection);
  };
  update(store.state);
  store.onState(update);
  return card('Account', who, code, consent, actions, result.root);
}

function whoLines(auth: AuthView): Node[] {
  switch (auth.status) {
    case 'signed-in':
      return [h('p', {}, 'Signed in as ', h('strong', {}, auth.account?.name ?? 'unknown'), auth.account ? ` (${auth.account.username})` : '')];
    case 'signing-in':
      return [h('p', {}, 'Signing in… finish in the browser, or enter the code below on another device.')];
    case 'expired':
      return [h('p', { class: 'callout' }, `Your sign-in${auth.account ? ` as ${auth.account.username}` : ''} has expired. Sign in again to keep your presence in sync.`)];
    default:
      return [h('p', {}, 'Not signed in. Sign in with your work or school account to set your Teams presence.')];
  }
}

function showCode(root: HTMLElement, auth: AuthView, result: ReturnType<typeof notice>, zone: string): void {
  const dc = auth.deviceCode;
  root.hidden = !dc;
  if (!dc) return replaceChildren(root);
  // Copied in main (copyText): the page itself holds no clipboard permission.
  const copy = button('Copy code', () => {
    call(api().copyText({ text: dc.userCode })).then(
      () => result.show('ok', 'Code copied.'),
      (error: unknown) => result.show('error', `Could not copy (${messageOf(error)}); select the code and copy it by hand.`),
    );
  });
  const open = button(`Open ${dc.verificationUri}`, () => void call(api().openLink({ url: dc.verificationUri })).catch((e: unknown) => result.show('error', messageOf(e))), 'ghost');
  const cancel = button('Cancel sign-in', () => void call(api().cancelSignIn()).catch((e: unknown) => result.show('error', messageOf(e))));
  replaceChildren(
    root,
    h('p', {}, 'On any device, open ', h('strong', {}, dc.verificationUri), ' and enter this code:'),
    h('p', { class: 'code', 'data-testid': 'user-code' }, dc.userCode),
    h('p', { class: 'hint' }, `The code works until ${formatWhen(dc.expiresAt, zone)}.`),
    h('div', { class: 'row' }, copy, open, cancel),
  );
}

/**
 * When the tenant lets only administrators consent: the exact admin-consent link for this cloud, tenant and
 * client id, a sentence to send to an administrator, and a button that copies both as one line.
 */
function showAdminConsent(root: HTMLElement, auth: AuthView, connection: ConnectionSettings): void {
  const url = auth.error?.code === 'admin-consent-required' ? adminConsentUrl(connection) : null;
  root.hidden = url === null;
  if (url === null) return replaceChildren(root);
  const message = adminConsentMessage(url, connection.clientId);
  const copied = notice();
  const copy = button('Copy message for the administrator', () => {
    call(api().copyText({ text: message })).then(
      () => copied.show('ok', 'Message and link copied. Send them to your IT administrator.'),
      (error: unknown) => copied.show('error', `Could not copy (${messageOf(error)}); select the link and copy it by hand.`),
    );
  });
  replaceChildren(
    root,
    h('p', { class: 'callout' }, 'Your organization lets only administrators approve new apps. Send this to your IT administrator; once they accept, sign in again.'),
    h('p', {}, message.slice(0, message.length - url.length)),
    h('p', { class: 'code mono', 'data-testid': 'admin-consent-url' }, url),
    h('div', { class: 'row' }, copy),
    copied.root,
  );
}

function connectionCard(store: Store): HTMLElement {
  const draft: ConnectionSettings = { ...store.settings.connection };
  const result = notice();
  const cloud = select(
    (Object.keys(CLOUD_LABELS) as CloudId[]).map((id) => [id, CLOUD_LABELS[id]] as const),
    draft.cloud,
    { name: 'cloud' },
  );
  const tenant = h('input', { type: 'text', name: 'tenant', value: draft.tenant, autocomplete: 'off', spellcheck: 'false' });
  const clientId = h('input', { type: 'text', name: 'clientId', class: 'mono', value: draft.clientId, autocomplete: 'off', spellcheck: 'false', placeholder: '00000000-0000-0000-0000-000000000000' });
  const fields = {
    cloud: field('Cloud', cloud),
    tenant: field('Tenant', tenant, '“organizations” for any work or school account, or your tenant id or domain.'),
    clientId: field('Application (client) id', clientId, 'From your app registration in Microsoft Entra ID.', 'field-narrow-wide'),
  };
  markManaged(store.managed, 'connection.cloud', cloud, fields.cloud.root);
  markManaged(store.managed, 'connection.tenant', tenant, fields.tenant.root);
  markManaged(store.managed, 'connection.clientId', clientId, fields.clientId.root);
  const shown = new Set<keyof typeof fields>();
  const check = (only?: ReadonlySet<keyof typeof fields>): boolean => {
    draft.cloud = cloud.value as CloudId;
    draft.tenant = tenant.value.trim();
    draft.clientId = clientId.value.trim();
    const problems = connectionProblems(draft);
    for (const key of Object.keys(fields) as Array<keyof typeof fields>) {
      if (only && !only.has(key)) continue;
      fields[key].setError(problems[key] ?? null);
      if (problems[key]) shown.add(key);
      else shown.delete(key);
    }
    return Object.keys(problems).length === 0;
  };
  // Messages appear on Save (or at once for the cloud list) and clear while typing. Not on blur: a message
  // appearing on blur moves the Save button away from under the pointer that is clicking it.
  cloud.addEventListener('change', () => check(new Set(['cloud'])));
  tenant.addEventListener('input', () => shown.has('tenant') && check(new Set(['tenant'])));
  clientId.addEventListener('input', () => shown.has('clientId') && check(new Set(['clientId'])));

  const save: HTMLButtonElement = button(
    'Save connection',
    () =>
      void busy(save, async () => {
        if (!check()) {
          result.show('error', 'Not saved: fix the fields marked above.');
          return;
        }
        try {
          await call(api().saveConnection({ connection: { ...draft } }));
          await store.reloadSettings();
          result.show('ok', 'Connection saved. Sign in again if you changed the cloud, tenant or client id.');
        } catch (error) {
          result.show('error', `Not saved: ${messageOf(error)} Your edits are kept.`);
        }
      }),
    'primary',
  );
  return card(
    'Connection',
    h('p', { class: 'hint' }, 'Presence Tray signs in with your own app registration in Microsoft Entra ID.'),
    registrationGuide(),
    h('div', { class: 'grid-2' }, fields.cloud.root, fields.tenant.root),
    fields.clientId.root,
    h('div', { class: 'row' }, save),
    result.root,
  );
}

/** The README's "Register the app in Microsoft Entra", shortened and shown in place (nothing to open). */
function registrationGuide(): HTMLDetailsElement {
  const ui = (text: string): HTMLElement => h('strong', {}, text);
  const mono = (text: string): HTMLElement => h('code', {}, text);
  return h(
    'details',
    { class: 'guide', 'data-testid': 'registration-guide' },
    h('summary', {}, 'How do I get a client id?'),
    h(
      'p',
      {},
      'Register Presence Tray once in your organization’s Microsoft Entra ID. It takes a few minutes; if your account may not register apps, ask an administrator.',
    ),
    h(
      'ol',
      {},
      h(
        'li',
        {},
        'In the Microsoft Entra admin center (entra.microsoft.com; entra.microsoft.us for the US Government clouds) open ',
        ui('Identity → Applications → App registrations → New registration'),
        '. Name it Presence Tray; for the account types choose ',
        ui('Accounts in this organizational directory only'),
        ' (never an option that includes personal Microsoft accounts).',
      ),
      h(
        'li',
        {},
        'Redirect URI: the platform ',
        ui('Public client/native (mobile & desktop)'),
        ' with the value ',
        mono('http://localhost'),
        ', then ',
        ui('Register'),
        '. On an existing registration: ',
        ui('Authentication → Add a platform → Mobile and desktop applications'),
        ', custom redirect URI ',
        mono('http://localhost'),
        '.',
      ),
      h('li', {}, ui('Authentication → Allow public client flows: Yes'), ', then ', ui('Save'), '. Needed only to sign in with a code.'),
      h(
        'li',
        {},
        ui('API permissions → Add a permission → Microsoft Graph → Delegated permissions'),
        ': ',
        mono('Presence.ReadWrite'),
        '. Where only administrators may consent, an administrator chooses ',
        ui('Grant admin consent'),
        ' on that page.',
      ),
      h(
        'li',
        {},
        'On the ',
        ui('Overview'),
        ' page copy the ',
        ui('Application (client) ID'),
        ' into the client id below and the ',
        ui('Directory (tenant) ID'),
        ' into Tenant (a registration for one organization needs it; one open to any organization works with “organizations”).',
      ),
    ),
    h(
      'p',
      {},
      'Without a registration of your own you may enter the client id of Microsoft Graph Command Line Tools, Microsoft’s own public client: ',
      mono('14d82eec-204b-4c2f-b7e8-296a70dab67e'),
      '. Administrators often restrict it, sign-in then shows Microsoft’s app instead of Presence Tray, and its grants are shared with every Microsoft Graph PowerShell script you run; for anything lasting, register your own.',
    ),
  );
}

function optionsCard(store: Store): HTMLElement {
  const result = notice();
  const appSession = checkbox(
    'Hold an app presence session',
    store.settings.options.appSession,
    'Lets your chosen presence show while no Teams client is signed in. The app only keeps this session while a choice of yours is in force, and ends it when you clear the choice or quit.',
  );
  markManaged(store.managed, 'options.appSession', appSession.input, appSession.root);
  const noKeyring = checkbox(
    'Store sign-in tokens without a keyring',
    store.settings.options.storeTokensWithoutKeyring,
    'Only matters on Linux without a keyring (GNOME Keyring, KWallet): without it you sign in again after each start. With it the sign-in is saved to disk encrypted with a key that is the same in every copy of the app, which only keeps it from being read at a glance: any program or person that can read your files can read your sign-in.',
  );
  const keyringNote = h('p', { class: 'callout', hidden: store.state.auth.persistent && !store.state.auth.notice });
  const showKeyring = (s: PresenceState): void => {
    keyringNote.hidden = s.auth.persistent && !s.auth.notice;
    keyringNote.textContent = s.auth.notice?.message ?? 'No keyring was found on this computer, so sign-in tokens are kept in memory only.';
  };
  showKeyring(store.state);
  store.onState(showKeyring);
  const save: HTMLButtonElement = button(
    'Save options',
    () =>
      void busy(save, async () => {
        await saveOptions(store, { appSession: appSession.input.checked, storeTokensWithoutKeyring: noKeyring.input.checked }, result);
      }),
    'primary',
  );
  return card('Sign-in options', keyringNote, appSession.root, noKeyring.root, h('div', { class: 'row' }, save), result.root);
}
