/**
 * The renderer's only door to main: `window.presenceTray` (docs/architecture.md#ipc), typed by the IPC contract.
 * Replies are `{ ok, value | error }`; {@link call} turns a refused reply into a thrown {@link ReplyError} so
 * callers handle success and failure in one place.
 */
import type { AppError } from '../app/errors.ts';
import type { IpcReply, PresenceTrayApi } from '../app/ipc/contract.ts';

declare global {
  interface Window {
    /** Exposed by the preload (or by the Playwright bridge in tests). */
    presenceTray: PresenceTrayApi;
  }
}

/** The typed window API. */
export function api(): PresenceTrayApi {
  return window.presenceTray;
}

/** A reply main refused; carries the {@link AppError} to show. */
export class ReplyError extends Error {
  readonly error: AppError;
  constructor(error: AppError) {
    super(error.message);
    this.name = 'ReplyError';
    this.error = error;
  }
}

/** Await a reply and return its value, or throw a {@link ReplyError} with main's reason. */
export async function call<T>(reply: Promise<IpcReply<T>>): Promise<T> {
  let result: IpcReply<T>;
  try {
    result = await reply;
  } catch (error) {
    // The bridge itself failed (window closing, main gone): still show a sentence, never a stack.
    throw new ReplyError({ code: 'ipc-failed', message: `The app did not answer: ${error instanceof Error ? error.message : String(error)}` });
  }
  if (!result.ok) throw new ReplyError(result.error);
  return result.value;
}

/** The person-readable message of anything a call threw. */
export function messageOf(error: unknown): string {
  if (error instanceof ReplyError) return error.error.message;
  return error instanceof Error ? error.message : String(error);
}
