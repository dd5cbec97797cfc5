/** The logger's vocabulary: levels, one record as sinks receive it, the sink port and the logger itself. */

/** Severity, lowest first. A logger drops records below its level. */
export const LOG_LEVELS = ['debug', 'info', 'warn', 'error'] as const;

/** One of {@link LOG_LEVELS}. */
export type LogLevel = (typeof LOG_LEVELS)[number];

/** Structured context attached to a record (`{ requestId, status }`). Redacted before any sink sees it. */
export type LogFields = Record<string, unknown>;

/** One log entry as a sink receives it: already redacted, plain JSON. */
export interface LogRecord {
  /** ISO instant from the logger's clock. */
  time: string;
  level: LogLevel;
  /** Dotted scope of the logger that wrote it (`graph.retry`); empty for the root logger. */
  scope: string;
  message: string;
  /** Bound fields of the logger merged with the call's fields (the call wins); `{}` when none. */
  fields: LogFields;
}

/** Where records go. `write` must not throw for ordinary failures; the logger shields callers if it does. */
export interface LogSink {
  write(record: LogRecord): void;
  /** Release files and handles; later writes may be ignored. */
  close?(): void;
}

/** What every module logs with. Messages and fields are redacted before any sink sees them. */
export interface Logger {
  debug(message: string | Error, fields?: LogFields): void;
  info(message: string | Error, fields?: LogFields): void;
  warn(message: string | Error, fields?: LogFields): void;
  error(message: string | Error, fields?: LogFields): void;
  /** A logger whose records carry `scope` appended to this one's (`graph` → `graph.retry`) and `fields` bound. */
  child(scope: string, fields?: LogFields): Logger;
  /** The current level, shared by this logger, its parent and all its children. */
  level(): LogLevel;
  /** Change the level of the whole logger tree (e.g. a debug switch). */
  setLevel(level: LogLevel): void;
  /** True when a record at `level` would be written; lets callers skip building expensive fields. */
  enabled(level: LogLevel): boolean;
}
