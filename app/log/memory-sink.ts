/** A sink that keeps records in memory, for tests and for a "recent log" view. */
import type { LogLevel, LogRecord, LogSink } from './types.ts';

/** A {@link LogSink} whose records can be read back. */
export interface MemorySink extends LogSink {
  /** Every record written, oldest first (at most `limit`). */
  readonly records: LogRecord[];
  /** Records at `level`, optionally only those whose message contains `text`. */
  find(level: LogLevel, text?: string): LogRecord[];
  /** Forget every record. */
  clear(): void;
}

/** Keep records in memory; beyond `limit` (default unlimited) the oldest are dropped. */
export function memorySink(options: { limit?: number } = {}): MemorySink {
  const records: LogRecord[] = [];
  const limit = options.limit ?? Number.POSITIVE_INFINITY;
  return {
    records,
    write(record) {
      records.push(record);
      while (records.length > limit) records.shift();
    },
    find: (level, text) => records.filter((r) => r.level === level && (text === undefined || r.message.includes(text))),
    clear() {
      records.length = 0;
    },
  };
}
