/** Saving part of the options: Account and General each own some switches of the one `options` object. */
import type { OptionSettings } from '../app/settings/types.ts';
import { api, call, messageOf } from './api.ts';
import type { Notice } from './controls.ts';
import type { Store } from './store.ts';

/**
 * Save `changes` merged over the options main last saved, so saving one section never reverts another
 * section's saved switches. Reports on `note`; returns whether main accepted.
 */
export async function saveOptions(store: Store, changes: Partial<OptionSettings>, note: Notice): Promise<boolean> {
  try {
    const options = { ...store.settings.options, ...changes };
    await call(api().saveOptions({ options }));
    await store.reloadSettings();
    note.show('ok', 'Options saved.');
    return true;
  } catch (error) {
    note.show('error', `Not saved: ${messageOf(error)} Your edits are kept.`);
    return false;
  }
}
