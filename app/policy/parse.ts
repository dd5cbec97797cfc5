/**
 * What each system's policy store says, as a {@link RawPolicy}: `reg query` output on Windows, the JSON that
 * `plutil -convert json` makes of a managed-preferences plist on macOS, and a JSON file on Linux. Values under
 * the app's key are mandatory (locked); under its `Recommended` subkey (or dictionary) they are presets, as
 * browsers' policies do it. Pure: the reading is done by the port (read.ts).
 */
import type { RawPolicy } from './types.ts';

/** The name of the subkey (Windows) or dictionary (macOS, Linux) that holds presets. */
export const RECOMMENDED = 'Recommended';

const empty = (): RawPolicy => ({ locked: {}, recommended: {} });

/**
 * Parse `reg query "<key>" /s`. Lines under the key itself are locked, lines under `<key>\Recommended` are
 * presets; other subkeys are ignored. REG_DWORD and REG_QWORD become numbers, REG_SZ and REG_EXPAND_SZ text;
 * other types are kept as text so the check reports them.
 */
export function parseRegQuery(output: string, key: string): RawPolicy {
  const out = empty();
  const base = key.toLowerCase();
  let section: Record<string, unknown> | null = null;
  for (const line of output.split(/\r?\n/)) {
    if (line.trim() === '') continue;
    if (!/^\s/.test(line)) {
      const path = line.trim().toLowerCase();
      section = path === base ? out.locked : path === `${base}\\${RECOMMENDED.toLowerCase()}` ? out.recommended : null;
      continue;
    }
    const m = /^\s+(.+?)\s{2,}(REG_[A-Z_]+)(?:\s{2,}(.*))?$/.exec(line);
    if (!m || !section) continue;
    const [, name, type, data = ''] = m as unknown as [string, string, string, string?];
    section[name] = type === 'REG_DWORD' || type === 'REG_QWORD' ? Number(data.trim()) : data;
  }
  return out;
}

/**
 * A managed-preferences dictionary (plutil's JSON) or a Linux policy file: top-level keys are locked, the
 * `Recommended` dictionary holds presets. Throws on text that is not a JSON object (the reader reports it).
 */
export function parsePolicyJson(text: string): RawPolicy {
  const value: unknown = JSON.parse(text);
  if (!isRecord(value)) throw new Error('the policy is not a JSON object');
  const { [RECOMMENDED]: recommended, ...locked } = value;
  return { locked, recommended: isRecord(recommended) ? recommended : {} };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
