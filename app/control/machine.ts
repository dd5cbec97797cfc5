/**
 * Rules that follow the machine (docs/architecture.md, Precedence): while the screen is locked, the user has
 * been idle for a while, or the machine sleeps, a chosen presence holds over the manual choice and the
 * schedule. Pure: the conditions are facts in the model (reduce.ts sets them from outside events), and these
 * functions say which rule holds and until when its lease runs.
 *
 * Every preference a rule writes carries a short lease (`expirationDuration`), renewed while the condition
 * lasts, so a crash or a dead battery while locked leaves the user "Be right back" for an hour at most.
 */
import type { PresenceKey } from '../vocabulary.ts';

/** The conditions a rule can follow, strongest first (asleep usually means locked and idle too). */
export const MACHINE_RULE_KINDS = ['sleep', 'lock', 'idle'] as const;

/** One kind of machine rule. */
export type MachineRuleKind = (typeof MACHINE_RULE_KINDS)[number];

/** Idle rule bounds, minutes. */
export const IDLE_MINUTES = { min: 1, max: 240 } as const;

/** The user's machine rules (settings.machineRules): each off by default. */
export interface MachineRules {
  /** Screen locked → `presence` (suggested: Be right back), optionally with a status message. */
  lock: { enabled: boolean; presence: PresenceKey; statusMessage?: string };
  /** No input for `minutes` → `presence` (suggested: Away), optionally with a status message. */
  idle: { enabled: boolean; minutes: number; presence: PresenceKey; statusMessage?: string };
  /** Asleep or shut down → `presence`, or null: let Teams decide (the preference is removed). */
  sleep: { enabled: boolean; presence: PresenceKey | null };
}

/** What a fresh install has: every rule off, with the suggested presences filled in. */
export const DEFAULT_MACHINE_RULES: Readonly<MachineRules> = {
  lock: { enabled: false, presence: 'BeRightBack' },
  idle: { enabled: false, minutes: 10, presence: 'Away' },
  sleep: { enabled: false, presence: null },
};

/** How long each preference a rule writes lasts in Graph unless renewed. */
export const MACHINE_LEASE_MS = 60 * 60_000;
/** The lease is renewed when this little of it is left (so one missed renewal still leaves time). */
export const MACHINE_RENEW_BEFORE_MS = 15 * 60_000;

/** Which conditions hold now (model facts). */
export interface MachineFacts {
  locked: boolean;
  idle: boolean;
  suspended: boolean;
}

/** The machine rule in charge: what it holds, and the end of its current lease (epoch ms). */
export interface MachineHold {
  rule: MachineRuleKind;
  /** Null: let Teams decide (only the sleep rule). */
  presence: PresenceKey | null;
  statusMessage: string | null;
  leaseEndsAt: number;
}

const conditionOf = (kind: MachineRuleKind, f: MachineFacts): boolean =>
  kind === 'sleep' ? f.suspended : kind === 'lock' ? f.locked : f.idle;

const NO_RULES: readonly MachineRuleKind[] = Object.freeze([]);

/** The conditions that hold now, strongest first. */
export function conditionsNow(f: MachineFacts): readonly MachineRuleKind[] {
  // The common case (a command at an unlocked, awake, active machine) allocates nothing.
  if (!f.suspended && !f.locked && !f.idle) return NO_RULES;
  return MACHINE_RULE_KINDS.filter((k) => conditionOf(k, f));
}

/**
 * The enabled rule whose condition holds and that no manual command has ended early (`dismissed`), or null.
 */
export function activeRule(rules: MachineRules | undefined, f: MachineFacts, dismissed: readonly MachineRuleKind[]): MachineRuleKind | null {
  if (!rules) return null;
  for (const kind of MACHINE_RULE_KINDS) {
    if (rules[kind].enabled && conditionOf(kind, f) && !dismissed.includes(kind)) return kind;
  }
  return null;
}

/** What the active rule holds, with the lease it runs on; null when no rule is active or no lease is set yet. */
export function machineHold(rules: MachineRules | undefined, kind: MachineRuleKind | null, leaseEndsAt: number | null): MachineHold | null {
  if (!rules || kind === null || leaseEndsAt === null) return null;
  const rule = rules[kind];
  const statusMessage = 'statusMessage' in rule && rule.statusMessage ? rule.statusMessage : null;
  return { rule: kind, presence: rule.presence, statusMessage, leaseEndsAt };
}

/** The lease at `now`: a fresh one when a rule starts or the current one is near its end; null when no rule holds. */
export function leaseAt(active: MachineRuleKind | null, lease: number | null, now: number): number | null {
  if (active === null) return null;
  if (lease === null || lease - now <= MACHINE_RENEW_BEFORE_MS) return now + MACHINE_LEASE_MS;
  return lease;
}

/** The dismissals that still matter: a condition that ended takes its dismissal with it. */
export function dismissalsLeft(dismissed: readonly MachineRuleKind[], f: MachineFacts): readonly MachineRuleKind[] {
  if (dismissed.length === 0) return dismissed;
  const left = dismissed.filter((k) => conditionOf(k, f));
  return left.length === dismissed.length ? dismissed : left;
}

