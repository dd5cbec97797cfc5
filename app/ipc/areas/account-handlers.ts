/** Sign-in from the window: each sign-in reply is an Outcome carrying the reason of a failure. */
import type { Outcome } from '../../control/types.ts';
import { toAppError } from '../../errors.ts';
import type { AreaHandlers, IpcAuth } from './types.ts';

async function outcomeOf(run: () => Promise<unknown>): Promise<Outcome> {
  try {
    await run();
    return { outcome: 'applied' };
  } catch (error) {
    return { outcome: 'failed', error: toAppError(error) };
  }
}

/** signIn, signInWithCode, cancelSignIn, signOut. */
export function accountHandlers(auth: IpcAuth): AreaHandlers<'signIn' | 'signInWithCode' | 'cancelSignIn' | 'signOut'> {
  return {
    signIn: () => outcomeOf(() => auth.signIn()),
    signInWithCode: () => outcomeOf(() => auth.signInWithDeviceCode()),
    cancelSignIn: () => (auth.cancelSignIn(), null),
    signOut: async () => (await auth.signOut(), null),
  };
}
