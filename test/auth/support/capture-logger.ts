/**
 * A logger that keeps every line exactly as the service wrote it, without any redaction, so a test can
 * prove the service itself never hands a token to its logger.
 */
import type { AuthLogger, LogFields } from '../../../app/auth/ports.ts';

/** One captured call. */
export interface CapturedLine {
  level: 'debug' | 'info' | 'warn' | 'error';
  message: string;
  fields?: LogFields;
}

/** An {@link AuthLogger} that records every call in `lines`. */
export function captureLogger(): AuthLogger & { lines: CapturedLine[]; text(): string } {
  const lines: CapturedLine[] = [];
  const at = (level: CapturedLine['level']) => (message: string, fields?: LogFields) => {
    lines.push(fields === undefined ? { level, message } : { level, message, fields });
  };
  return {
    lines,
    debug: at('debug'),
    info: at('info'),
    warn: at('warn'),
    error: at('error'),
    text: () => lines.map((l) => `${l.level} ${l.message} ${JSON.stringify(l.fields ?? {})}`).join('\n'),
  };
}
