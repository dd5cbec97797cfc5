/** How records are written as text. */
import type { LogRecord } from './types.ts';

/**
 * Longest line written, in characters: a real record is a few hundred; a bounded line keeps one hostile value
 * (a 10 MB field echoed into a message) from filling the log's rotation budget in one write (docs/limits.md).
 */
export const LOG_LINE_MAX = 8 * 1024;
/** What is kept of the message of a line that was cut. */
const CUT_MESSAGE_MAX = 1024;

/** One record as a single line of JSON, `{"time","level","scope","message","fields"?}`, newline included. */
export function formatJsonLine(record: LogRecord): string {
  const { time, level, scope, message, fields } = record;
  const line = Object.keys(fields).length ? { time, level, scope, message, fields } : { time, level, scope, message };
  const text = JSON.stringify(line);
  if (text.length <= LOG_LINE_MAX) return `${text}\n`;
  // Cut: the message's start and the whole line's length stay, the fields go (they are what made it long).
  return `${JSON.stringify({ time, level, scope, message: message.slice(0, CUT_MESSAGE_MAX), truncated: text.length })}\n`;
}

/** One record as a short human line for a terminal: `10:36:00.123 INFO graph: message {"status":429}`. */
export function formatPretty(record: LogRecord): string {
  const fields = Object.keys(record.fields).length ? ` ${JSON.stringify(record.fields)}` : '';
  const scope = record.scope ? ` ${record.scope}:` : '';
  const line = `${record.time.slice(11, 23)} ${record.level.toUpperCase()}${scope} ${record.message}${fields}`;
  return line.length <= LOG_LINE_MAX ? `${line}\n` : `${line.slice(0, LOG_LINE_MAX - 20)}… (${line.length} chars)\n`;
}
