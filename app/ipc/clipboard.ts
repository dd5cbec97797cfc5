/**
 * The `copyText` channel's payload check. The window copies through main (`clipboard.writeText` there)
 * instead of `navigator.clipboard`, because the app denies every web permission, including the
 * `clipboard-sanitized-write` that `navigator.clipboard.writeText` needs; one narrow channel is a smaller
 * opening than a permission. What may be copied is what the window shows: a device code, the log folder's
 * path, an admin-consent link: one line of printable text, never long.
 */
import { bad, checkObject, checkString, isRecord, type Problems } from '../settings/value-checks.ts';

/** Longest text the window may copy (an admin-consent URL or a deep log path fits with room to spare). */
export const COPY_TEXT_MAX = 2048;

// Control characters (line breaks included): nothing the window copies has one, and a pasted line break can run a command in a terminal.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/;

/** `{ text }`: 1 to {@link COPY_TEXT_MAX} characters, one line, no control characters. */
export function checkCopyText(value: unknown): Problems {
  const shape = checkObject(value, 'request', ['text']);
  if (shape.length || !isRecord(value)) return shape;
  const text = checkString(value.text, 'request.text', COPY_TEXT_MAX, 1);
  if (text.length) return text;
  return CONTROL.test(value.text as string) ? [bad('request.text', 'Only one line of text without control characters can be copied.')] : [];
}
