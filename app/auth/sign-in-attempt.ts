/**
 * One sign-in in progress, and how to stop it. MSAL offers no way to abort an interactive sign-in: its
 * loopback listener waits for the browser forever. So a stop (cancel, time limit, a newer sign-in) answers
 * the listener itself, the way the sign-in server would on a cancel (a form_post with `error` and the
 * request's `state`), which ends MSAL's flow and closes its port. A device-code sign-in is stopped through
 * MSAL's `cancel` flag, checked before each poll.
 */
import { AppFailure } from '../errors.ts';
import type { AppError } from '../errors.ts';
import type { FetchPort } from './ports.ts';

/** A sign-in attempt that can be stopped from outside. */
export class SignInAttempt {
  /** True once {@link SignInAttempt.stop} ran. */
  stopped = false;
  private reason: AppError | null = null;
  private readonly hooks: (() => void)[] = [];
  private loopback: { redirectUri: string; state: string } | null = null;
  private rejectStop: (error: AppFailure) => void = () => undefined;
  private readonly stopPromise: Promise<never>;

  constructor() {
    this.stopPromise = new Promise<never>((_, reject) => {
      this.rejectStop = reject;
    });
    // Nobody may be listening when a finished attempt is stopped; that is not an error.
    this.stopPromise.catch(() => undefined);
  }

  /** Remember where MSAL's loopback listener waits, from the authorize URL it asks us to open. */
  noteAuthorizeUrl(url: string): void {
    const params = new URL(url).searchParams;
    const redirectUri = params.get('redirect_uri');
    const state = params.get('state');
    if (redirectUri && state) this.loopback = { redirectUri, state };
  }

  /** Throw the stop reason if the attempt was stopped. */
  throwIfStopped(): void {
    if (this.stopped) throw new AppFailure(this.reason ?? { code: 'sign-in-cancelled', message: 'Sign-in was cancelled.' });
  }

  /** Run `hook` when the attempt is stopped. */
  onStop(hook: () => void): void {
    this.hooks.push(hook);
  }

  /** `work`, unless the attempt is stopped first: then the stop reason. */
  race<T>(work: Promise<T>): Promise<T> {
    return Promise.race([work, this.stopPromise]);
  }

  /**
   * Stop the attempt with `reason`: pending {@link SignInAttempt.race} calls reject at once, hooks run, and a
   * waiting loopback listener is answered with an error so MSAL lets go of its port. Repeated calls are ignored.
   */
  stop(reason: AppError, fetchPort: FetchPort): void {
    if (this.stopped) return;
    this.stopped = true;
    this.reason = reason;
    for (const hook of this.hooks) hook();
    this.rejectStop(new AppFailure(reason));
    const loopback = this.loopback;
    if (!loopback) return;
    // MSAL listens on 127.0.0.1 and names it localhost; post to the address it actually binds.
    const target = new URL(loopback.redirectUri);
    if (target.hostname === 'localhost') target.hostname = '127.0.0.1';
    const body = new URLSearchParams({ error: 'access_denied', error_description: `Stopped by the app: ${reason.code}`, state: loopback.state });
    fetchPort(target.toString(), {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: body.toString(),
    }).catch(() => undefined);
  }
}
