/**
 * The sentence the app shows once after it repaired the settings file: which sections were reset to their
 * defaults and where the old file was kept. Pure, so the wording is tested without Electron.
 */
import { basename } from 'node:path';
import type { AppError } from '../errors.ts';

const NAMES: Record<string, string> = {
  connection: 'Account (cloud, tenant, client id)',
  schedule: 'Schedule',
  hotkeys: 'Hotkeys',
  options: 'Options',
  statusPresets: 'Status message presets',
  saved: 'the remembered presence',
};

/** The top-level sections named by `problems` (`schedule.rules[2].start` → schedule), in first-seen order. */
export function resetSections(problems: readonly AppError[]): string[] {
  const whole = problems.some((p) => !p.field);
  const sections = whole ? ['everything'] : [];
  for (const p of problems) {
    const section = (p.field ?? '').split(/[.[]/)[0] ?? '';
    if (section && section !== 'schemaVersion' && !sections.includes(section)) sections.push(section);
  }
  return sections;
}

/** "Reset to defaults: Schedule, Hotkeys. The old file was kept as config.json.corrupt-…." */
export function repairNotice(problems: readonly AppError[], backup: string | null): string {
  const sections = resetSections(problems).map((s) => (s === 'everything' ? 'all settings' : (NAMES[s] ?? `"${s.slice(0, 40)}" (not a setting)`)));
  const what = sections.length ? `Could not be used and were reset or set aside: ${sections.join(', ')}.` : 'Some settings could not be read.';
  const kept = backup ? ` The old file was kept as ${basename(backup)}.` : '';
  return `${what}${kept}`;
}
