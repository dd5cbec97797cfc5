/** About the app, and opening allowlisted links in the browser. */
import { AppFailure } from '../../errors.ts';
import type { AppInfo } from '../contract.ts';
import type { IpcController } from '../handlers.ts';
import { isAllowedLink, LINK_ALLOWLIST, type LinkRule } from '../links.ts';
import type { AreaHandlers } from './types.ts';

/** getAppInfo, openLink, copyText. */
export function appHandlers(deps: {
  controller: Pick<IpcController, 'state'>;
  appInfo(): AppInfo;
  openInBrowser(url: string): Promise<void>;
  writeClipboard?(text: string): Promise<void>;
  linkAllowlist?: readonly LinkRule[];
}): AreaHandlers<'getAppInfo' | 'openLink' | 'copyText'> {
  return {
    copyText: async (r) => {
      if (!deps.writeClipboard) throw new AppFailure({ code: 'clipboard-unavailable', message: 'The clipboard cannot be used here; select the text and copy it by hand.' });
      await deps.writeClipboard(r.text);
      return null;
    },
    getAppInfo: () => deps.appInfo(),
    openLink: async (r) => {
      // The device-code page main itself reported is allowed as it is (in the demo it is the emulator's).
      const deviceUri = deps.controller.state().auth.deviceCode?.verificationUri;
      if (!isAllowedLink(r.url, deps.linkAllowlist ?? LINK_ALLOWLIST, deviceUri ? [deviceUri] : [])) {
        throw new AppFailure({
          code: 'link-not-allowed',
          message: 'This link cannot be opened from the app: only https links to Microsoft sign-in, Microsoft docs and the project page are allowed.',
          field: 'request.url',
        });
      }
      await deps.openInBrowser(r.url);
      return null;
    },
  };
}
