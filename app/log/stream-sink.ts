/** A sink that writes readable lines to a stream (stderr by default), for development and the command line. */
import { formatPretty } from './format.ts';
import type { LogSink } from './types.ts';

/** Write each record as one human-readable line to `stream` (default `process.stderr`). */
export function streamSink(stream: { write(text: string): unknown } = process.stderr): LogSink {
  return { write: (record) => void stream.write(formatPretty(record)) };
}
