/**
 * Running a preset through the controller's public API: its presence and its message (with `{end}` filled in
 * with the local end time) go together, so one click is one preference write plus one message; "+15 min"
 * applies it again with a later end; Reset (`clear`) ends both. Every source (tray, hotkey, window, command
 * line, links) calls {@link applyPreset}.
 */
import { toAppError } from '../errors.ts';
import { shortWhen } from '../presence/words.ts';
import type { SetOptions } from './presence-controller.ts';
import type { PresenceKey } from '../vocabulary.ts';
import { fillEnd } from './presets.ts';
import type { Preset } from './presets.ts';
import type { Outcome, PresenceState, Source, Until } from './types.ts';

/** The controller commands a preset needs (the PresenceController has them). */
export interface PresetTarget {
  set(presence: PresenceKey, opts: SetOptions): Promise<Outcome>;
  setStatusMessage(text: string, opts: { until?: Until; source: Source }): Promise<Outcome>;
  state(): PresenceState;
  endOf(until: Until | undefined): { endsAt: number | null; now: number };
}

const RANK: Record<Outcome['outcome'], number> = { applied: 0, superseded: 1, queued: 2, failed: 3 };

/** The outcome of two commands as one: the worse of the two (failed, then queued, then superseded). */
export function worstOf(outcomes: readonly Outcome[]): Outcome {
  return outcomes.reduce<Outcome>((worst, o) => (RANK[o.outcome] > RANK[worst.outcome] ? o : worst), { outcome: 'applied' });
}

/** Apply `preset` (with `until` instead of its own end, for "+15 min"). */
export async function applyPreset(controller: PresetTarget, preset: Preset, opts: { source: Source; until?: Until }): Promise<Outcome> {
  const until = opts.until ?? preset.until;
  let endsAt: number | null;
  let now: number;
  try {
    ({ endsAt, now } = controller.endOf(until));
  } catch (error) {
    return { outcome: 'failed', error: toAppError(error) };
  }
  // Both commands end at the same instant; the message says it in the zone the state is written in.
  const end: Until = endsAt === null ? { kind: 'forever' } : { kind: 'at', instant: new Date(endsAt).toISOString() };
  const pending: Array<Promise<Outcome>> = [];
  if (preset.presence) pending.push(controller.set(preset.presence, { until: end, source: opts.source, preset: preset.name }));
  if (preset.statusMessage !== undefined) {
    const words = endsAt === null ? null : shortWhen(endsAt, now, controller.state().zone);
    pending.push(controller.setStatusMessage(fillEnd(preset.statusMessage, words), { until: end, source: opts.source }));
  }
  return worstOf(await Promise.all(pending));
}

/** Apply the running preset again with its end moved `minutes` later (the focus timer's "+15 min"). */
export async function extendPreset(controller: PresetTarget, presets: readonly Preset[], minutes: number, source: Source): Promise<Outcome> {
  const intent = controller.state().intent;
  const preset = intent?.preset ? presets.find((p) => p.name === intent.preset) : undefined;
  if (!intent?.endsAt || !preset) {
    return { outcome: 'failed', error: { code: 'no-running-preset', message: 'No preset with an end is running.', field: 'preset' } };
  }
  const instant = new Date(Date.parse(intent.endsAt) + minutes * 60_000).toISOString();
  return applyPreset(controller, preset, { source, until: { kind: 'at', instant } });
}

/** Apply the preset named `name` from `presets` (hotkeys, the command line, links, the window). */
export function applyPresetNamed(controller: PresetTarget, presets: readonly Preset[], name: string, source: Source): Promise<Outcome> {
  const found = findPreset(presets, name);
  return 'error' in found ? Promise.resolve({ outcome: 'failed', error: found.error }) : applyPreset(controller, found, { source });
}

/** The preset named `name` (case-insensitive), or an error naming the presets there are. */
export function findPreset(presets: readonly Preset[], name: string): Preset | { error: { code: string; message: string; field: string } } {
  const wanted = name.trim().toLowerCase();
  const found = presets.find((p) => p.name.toLowerCase() === wanted);
  if (found) return found;
  const names = presets.map((p) => `"${p.name}"`).join(', ') || 'none';
  return { error: { code: 'unknown-preset', message: `There is no preset "${name.slice(0, 40)}". Presets: ${names}.`, field: 'preset' } };
}
