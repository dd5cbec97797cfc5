import type { AppError } from './vocabulary.ts';

export type { AppError } from './vocabulary.ts';

/** An Error that carries an {@link AppError}, so it can be thrown inside main and reported outside it. */
export class AppFailure extends Error implements AppError {
  readonly code: string;
  readonly field?: string;
  readonly retryable?: boolean;
  readonly requestId?: string;

  constructor(error: AppError, options?: { cause?: unknown }) {
    super(error.message, options);
    this.name = 'AppFailure';
    this.code = error.code;
    if (error.field !== undefined) this.field = error.field;
    if (error.retryable !== undefined) this.retryable = error.retryable;
    if (error.requestId !== undefined) this.requestId = error.requestId;
  }

  /** The plain, serialisable error (safe for IPC and state). */
  toJSON(): AppError {
    const out: AppError = { code: this.code, message: this.message };
    if (this.field !== undefined) out.field = this.field;
    if (this.retryable !== undefined) out.retryable = this.retryable;
    if (this.requestId !== undefined) out.requestId = this.requestId;
    return out;
  }
}

/** Turn anything thrown into an {@link AppError}; unknown errors become `internal` with their message. */
export function toAppError(error: unknown): AppError {
  if (error instanceof AppFailure) return error.toJSON();
  if (error && typeof error === 'object' && 'code' in error && 'message' in error) {
    const { code, message } = error as { code: unknown; message: unknown };
    if (typeof code === 'string' && typeof message === 'string') return { code, message };
  }
  return { code: 'internal', message: error instanceof Error ? error.message : String(error) };
}
