/** `createLogger`: levels, scopes, structured fields, redaction before any sink, sinks that cannot break callers. */
import { systemClock, type Clock } from '../clock.ts';
import { redact, redactText } from './redact.ts';
import { LOG_LEVELS, type LogFields, type LogLevel, type LogRecord, type LogSink, type Logger } from './types.ts';

/** Options for {@link createLogger}. */
export interface LoggerOptions {
  /** Records below this level are dropped. Default `info`. */
  level?: LogLevel;
  /** Every record at or above the level goes to each sink, in order. */
  sinks: LogSink[];
  /** Where record times come from. Default the system clock. */
  clock?: Pick<Clock, 'now'>;
  /** Scope of the root logger; default empty. */
  scope?: string;
  /** Fields bound to every record. */
  fields?: LogFields;
  /** Told when a sink throws (the record still reaches the other sinks). Default: ignore. */
  onSinkError?: (error: unknown, sink: LogSink) => void;
}

interface Shared {
  level: LogLevel;
  sinks: LogSink[];
  clock: Pick<Clock, 'now'>;
  onSinkError: (error: unknown, sink: LogSink) => void;
}

const rank = (level: LogLevel): number => LOG_LEVELS.indexOf(level);

/** True when `value` is one of the four levels (for reading a level from an environment variable or settings). */
export function isLogLevel(value: unknown): value is LogLevel {
  return typeof value === 'string' && (LOG_LEVELS as readonly string[]).includes(value);
}

function make(shared: Shared, scope: string, bound: LogFields): Logger {
  const emit = (level: LogLevel, message: string | Error, fields?: LogFields): void => {
    if (rank(level) < rank(shared.level)) return;
    const merged: LogFields = { ...bound, ...fields };
    let text: string;
    if (message instanceof Error) {
      text = message.message;
      if (!('error' in merged)) merged.error = message;
    } else {
      text = String(message);
    }
    const record: LogRecord = {
      time: new Date(shared.clock.now()).toISOString(),
      level,
      scope,
      message: redactText(text),
      fields: redact(merged) as LogFields,
    };
    for (const sink of shared.sinks) {
      try {
        sink.write(record);
      } catch (error) {
        try {
          shared.onSinkError(error, sink);
        } catch {
          // A failing error handler must not reach the caller either.
        }
      }
    }
  };
  return {
    debug: (message, fields) => emit('debug', message, fields),
    info: (message, fields) => emit('info', message, fields),
    warn: (message, fields) => emit('warn', message, fields),
    error: (message, fields) => emit('error', message, fields),
    child: (child, fields) => make(shared, scope ? `${scope}.${child}` : child, { ...bound, ...fields }),
    level: () => shared.level,
    setLevel(level) {
      if (!isLogLevel(level)) throw new TypeError(`Unknown log level "${String(level)}".`);
      shared.level = level;
    },
    enabled: (level) => rank(level) >= rank(shared.level),
  };
}

/**
 * Create the root logger. Every module gets a `child(scope)` of it. Each call builds one {@link LogRecord},
 * redacts its message and fields (tokens, secrets, see `redact.ts`) and hands the same record to every sink;
 * a sink that throws is reported to `onSinkError` and never to the caller.
 *
 * ```ts
 * const log = createLogger({ level: 'info', sinks: [fileSink({ dir, fileName: 'main.log', maxBytes: 1e6, maxFiles: 5 })] });
 * const graphLog = log.child('graph');
 * graphLog.warn('throttled', { status: 429, retryAfterSeconds: 3, requestId });
 * ```
 */
export function createLogger(options: LoggerOptions): Logger {
  const level = options.level ?? 'info';
  if (!isLogLevel(level)) throw new TypeError(`Unknown log level "${String(level)}".`);
  const shared: Shared = {
    level,
    sinks: [...options.sinks],
    clock: options.clock ?? systemClock,
    onSinkError: options.onSinkError ?? (() => {}),
  };
  return make(shared, options.scope ?? '', { ...options.fields });
}
