/**
 * The size and shape limits every IPC request keeps before any channel looks at it (docs/limits.md): the
 * handlers run this first, so no channel's own check ever walks a huge or deep value.
 */
import { bad, type Problems } from '../settings/value-checks.ts';

/** Limits every request must keep, whatever its channel (docs/limits.md). */
export const PAYLOAD_LIMITS = {
  /** Nesting: the deepest real request (a schedule rule's day) is 5 levels. */
  depth: 12,
  /** Values in all: a full 200-rule schedule is about 3,000. */
  values: 20_000,
  /** Characters of text in all: a full schedule is well under 100,000. */
  textChars: 256 * 1024,
} as const;

/**
 * The size and shape every request must keep before any channel looks at it: bounded depth, count and text,
 * and no holes in lists (a structured-clone array can have them; JSON cannot, so the store never could).
 * The message never quotes the request.
 */
export function checkPayloadLimits(payload: unknown, field = 'request'): Problems {
  let values = 0;
  let text = 0;
  const walk = (value: unknown, depth: number): string | null => {
    if (++values > PAYLOAD_LIMITS.values) return `The request holds more than ${PAYLOAD_LIMITS.values} values.`;
    if (typeof value === 'string') {
      text += value.length;
      return text > PAYLOAD_LIMITS.textChars ? `The request holds more than ${PAYLOAD_LIMITS.textChars / 1024} KiB of text.` : null;
    }
    if (typeof value !== 'object' || value === null) return null;
    if (depth >= PAYLOAD_LIMITS.depth) return `The request is nested more than ${PAYLOAD_LIMITS.depth} levels deep.`;
    if (Array.isArray(value)) {
      for (let i = 0; i < value.length; i++) {
        if (!Object.hasOwn(value, i)) return 'The request holds a list with a gap in it.';
        const found = walk(value[i], depth + 1);
        if (found) return found;
      }
      return null;
    }
    for (const key of Object.keys(value)) {
      text += key.length;
      const found = walk((value as Record<string, unknown>)[key], depth + 1);
      if (found) return found;
    }
    return null;
  };
  const found = walk(payload, 0);
  return found ? [bad(field, found, found.includes('gap') ? 'invalid-payload' : 'payload-too-large')] : [];
}
