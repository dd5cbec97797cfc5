/**
 * Outcomes of commands still waiting for Graph. Each command gets a ticket on a slot (`presence`, `status`,
 * or `drain` for commands that only need the queue to run); a newer command on the same slot supersedes
 * the older tickets that were not sent yet (docs/architecture.md#the-controller "keeps only the latest intent").
 */
import type { AppError } from '../errors.ts';
import type { Outcome } from './types.ts';

/** What a ticket waits for. */
export type Slot = 'presence' | 'status' | 'drain';

/** One waiting command. */
export interface Ticket {
  slot: Slot;
  /** The slot's generation when the command arrived. */
  gen: number;
  resolve(outcome: Outcome): void;
}

/** The waiting commands, and each slot's generation (bumped by every command on it). */
export class TicketBook {
  private tickets: Ticket[] = [];
  private gens: Record<Slot, number> = { presence: 0, status: 0, drain: 0 };
  /** The slot and generation of the request in flight, whose tickets resolve with that request. */
  inFlight: { slot: Slot; gen: number } | null = null;

  /** Current generation of `slot`. */
  gen(slot: Slot): number {
    return this.gens[slot];
  }

  /**
   * Open a ticket for a new command on `slot`: bumps the slot's generation and supersedes the waiting tickets
   * of that slot, except the one whose request is in flight, which resolves with its request.
   */
  open(slot: Slot): Promise<Outcome> {
    if (slot !== 'drain') {
      const inFlightGen = this.inFlight?.slot === slot ? this.inFlight.gen : null;
      this.gens[slot] += 1;
      if (this.tickets.length > 0) this.settle((t) => t.slot === slot && t.gen !== inFlightGen, { outcome: 'superseded' });
    }
    return new Promise<Outcome>((resolve) => this.tickets.push({ slot, gen: this.gens[slot], resolve }));
  }

  /** Resolve every ticket matching `which` with `outcome`. */
  settle(which: (t: Ticket) => boolean, outcome: Outcome): void {
    const keep: Ticket[] = [];
    const done: Ticket[] = [];
    for (const t of this.tickets) (which(t) ? done : keep).push(t);
    this.tickets = keep;
    for (const t of done) t.resolve(outcome);
  }

  /** Tickets still waiting. */
  waiting(): readonly Ticket[] {
    return this.tickets;
  }

  /** Resolve everything (quit): the intent is kept for the next start, so the commands are `queued`. */
  closeAll(error: AppError): void {
    this.settle(() => true, { outcome: 'queued', error });
  }
}
