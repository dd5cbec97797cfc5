/**
 * Who may call main over IPC: only the settings window's own webContents, from its top frame, showing the
 * app's own page. Decided on plain facts so it is tested without Electron; the bridge reads the facts off
 * the IPC event. Any other sender (a stray frame, a navigated page, another webContents) is refused.
 */
import type { AppError } from '../errors.ts';

/** The facts about an IPC message's sender that decide whether it is trusted. */
export interface SenderFacts {
  /** `event.sender.id`. */
  webContentsId: number;
  /** True when the message came from the top frame (`senderFrame` has no parent). */
  topFrame: boolean;
  /** `event.senderFrame.url`, or null when the frame is gone. */
  url: string | null;
}

/** What a trusted sender looks like right now. */
export interface TrustedSender {
  /** The settings window's webContents id, or null when no window is open (then nobody is trusted). */
  webContentsId: number | null;
  /** The page's origin, e.g. `app://presence-tray`. */
  origin: string;
}

/** The refusal every untrusted sender gets. */
export const UNTRUSTED_SENDER: AppError = {
  code: 'untrusted-sender',
  message: 'This request did not come from the Presence Tray settings window, so it was refused.',
};

/** Null when the sender is the app's own window, top frame, own page; otherwise the refusal. */
export function checkSender(facts: SenderFacts, trusted: TrustedSender): AppError | null {
  if (trusted.webContentsId === null || facts.webContentsId !== trusted.webContentsId) return UNTRUSTED_SENDER;
  if (!facts.topFrame || facts.url === null) return UNTRUSTED_SENDER;
  let origin: string;
  try {
    const url = new URL(facts.url);
    // Custom schemes registered as `standard` have a host, but URL.origin is "null" for them; compare by parts.
    origin = `${url.protocol}//${url.host}`;
  } catch {
    return UNTRUSTED_SENDER;
  }
  return origin === trusted.origin ? null : UNTRUSTED_SENDER;
}
