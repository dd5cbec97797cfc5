/**
 * What sign-in looks like from outside (the {@link AuthView} every surface renders) and its transitions, kept
 * apart from MSAL: who is signed in, whether a sign-in is under way, the device code to show, the last error
 * and a problem with the token cache. Listeners hear every change.
 */
import type { AccountInfo } from '@azure/msal-node';
import type { AuthView } from '../control/types.ts';
import type { AppError } from '../errors.ts';
import type { AuthLogger } from './ports.ts';
import { accountView } from './sign-in-flows.ts';
import type { StoragePolicy } from './storage-policy.ts';

/** The sign-in state and its listeners. */
export class AuthState {
  account: AccountInfo | null = null;
  status: AuthView['status'] = 'signed-out';
  /** The server refused to refresh: the account stays shown, but only a new sign-in brings tokens back. */
  refreshRefused = false;
  deviceCode: AuthView['deviceCode'] = null;
  cacheProblem: AppError | null = null;
  error: AppError | null = null;
  private readonly listeners = new Set<() => void>();
  private readonly logger: AuthLogger;

  constructor(logger: AuthLogger) {
    this.logger = logger;
  }

  /** The view, with what the storage policy says about where tokens are kept. Never holds a token. */
  view(policy: StoragePolicy): AuthView {
    return {
      status: this.status,
      account: this.account ? accountView(this.account) : null,
      deviceCode: this.deviceCode ? { ...this.deviceCode } : null,
      persistent: policy.persistent,
      notice: this.cacheProblem ?? policy.notice,
      error: this.error,
    };
  }

  /** Call `listener` on every change; returns the unsubscribe function. */
  onChange(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Tell every listener; one that throws is logged and the others still hear it. */
  emit(): void {
    for (const listener of [...this.listeners]) {
      try {
        listener();
      } catch (error) {
        this.logger.error('auth: a change listener threw', { error: error instanceof Error ? error.name : 'unknown' });
      }
    }
  }

  /** Drop every listener (quit). */
  clearListeners(): void {
    this.listeners.clear();
  }

  /** Signed in as `account`: every earlier error, code and cache problem is over. */
  signedIn(account: AccountInfo): void {
    this.account = account;
    this.refreshRefused = false;
    this.status = 'signed-in';
    this.deviceCode = null;
    this.error = null;
    this.cacheProblem = null;
  }

  /** Signed out; `problem` (an unusable connection) stays explained. */
  signedOut(problem: AppError | null): void {
    this.account = null;
    this.refreshRefused = false;
    this.status = 'signed-out';
    this.deviceCode = null;
    this.error = problem;
    this.cacheProblem = null;
  }

  /** A sign-in started. */
  signingIn(): void {
    this.status = 'signing-in';
    this.deviceCode = null;
    this.error = null;
  }

  /** A sign-in failed: back to where things stood before it, with its error. */
  signInFailed(error: AppError): void {
    this.status = this.account ? (this.refreshRefused ? 'expired' : 'signed-in') : 'signed-out';
    this.deviceCode = null;
    this.error = error;
  }

  /** The server refused to refresh the account's tokens; a sign-in under way keeps its status. */
  refreshWasRefused(error: AppError): void {
    this.refreshRefused = true;
    if (this.status !== 'signing-in') {
      this.status = 'expired';
      this.error = error;
    }
  }
}
