/** How records are written as text. */
import type { LogRecord } from './types.ts';

/** One record as a single line of JSON, `{"time","level","scope","message","fields"?}`, newline included. */
export function formatJsonLine(record: LogRecord): string {
  const { time, level, scope, message, fields } = record;
  const line = Object.keys(fields).length ? { time, level, scope, message, fields } : { time, level, scope, message };
  return `${JSON.stringify(line)}\n`;
}

/** One record as a short human line for a terminal: `10:36:00.123 INFO graph: message {"status":429}`. */
export function formatPretty(record: LogRecord): string {
  const fields = Object.keys(record.fields).length ? ` ${JSON.stringify(record.fields)}` : '';
  const scope = record.scope ? ` ${record.scope}:` : '';
  return `${record.time.slice(11, 23)} ${record.level.toUpperCase()}${scope} ${record.message}${fields}\n`;
}
