/**
 * `fleet` (issue 14 "Measure first: a fleet simulation"): a company on one app registration, through one working
 * day (test/soak/fleet-world.ts: real cores through createCore, one in-process emulator with Graph's limit per
 * app per tenant on, one shared clock, the population spread over zones, hours, lunch locks, commands and
 * changes made in Teams).
 *
 * Graph allows 1,500 presence requests per 30 s per app per tenant. The limit is a ratio, so a fleet of N people
 * is simulated as a few hundred people (100 for 100, 200 for 1,000, 600 for 10,000; `FLEET_SIM_USERS` sets one
 * number for every size) against 1,500 × users ÷ N per 30 s (600 against 90 stands for 10,000 against 1,500):
 * every share and every delay scales with it, and the whole run stays within a few minutes on two cores. Fewer simulated people make the busiest 30 s noisier: each stands for more real ones,
 * so chance bunching of a few install turns looks like a surge (40 against a limit of 6 leaves no room at all).
 * Every copy gets its own install id and the spread an administrator would set for the fleet's size by policy
 * (README, "For administrators": `ScheduleSpreadSeconds` ≈ people sharing a boundary ÷ 30, at most 280).
 *
 * Figures per size N, under `fleet.N.*` (the figures of the design before issue 14 stay under `fleet.before.N.*`,
 * which runs keep): requests per user-hour over the 24 h day (reads, writes), the busiest 30 s as a share of the (scaled)
 * limit, the share of requests answered 429, seconds from each schedule boundary to its write landing (p50/p99;
 * boundaries not written within 3 h are counted apart), and how stale the shown presence is after a change made
 * in Teams (p50/p99 seconds until the app's actual presence shows it).
 */
import { runFleetDay } from '../test/soak/fleet-world.ts';
import type { Benchmark } from './harness.ts';
import { percentile, round } from './harness.ts';

/** Graph's presence limit per app per tenant, per 30 s. */
const GRAPH_LIMIT = 1500;
const SIZES = [100, 1000, 10_000];
/** Simulated people per fleet size (more for the size whose busiest 30 s is closest to the limit). */
const SIM_USERS: Record<number, number> = { 100: 100, 1000: 200, 10_000: 600 };
/** The administrator's rule of thumb (README): one second of spread per 30 people, at most 280 s. */
const SPREAD_USERS_PER_SECOND = 30;
const SPREAD_MAX_SECONDS = 280;

/** The fleet benchmark. */
export const fleetBenchmark: Benchmark = {
  name: 'fleet',
  description: 'one working day of a fleet on one app registration against Graph\'s per-app-per-tenant limit (scaled)',
  keeps: ['before.'],
  async run() {
    const given = process.env.FLEET_SIM_USERS === undefined ? null : Number(process.env.FLEET_SIM_USERS);
    if (given !== null && (!Number.isInteger(given) || given < 1)) throw new Error('FLEET_SIM_USERS must be a whole number ≥ 1');
    const out: Record<string, number | string> = {
      scaling: `N users against ${GRAPH_LIMIT}/30 s simulated as n users against ${GRAPH_LIMIT}×n/N per 30 s (n: ${SIZES.map((s) => given ?? SIM_USERS[s]).join(', ')}); schedule spread min(N/${SPREAD_USERS_PER_SECOND}, ${SPREAD_MAX_SECONDS}) s by policy`,
    };
    for (const n of SIZES) {
      const users = Math.min(given ?? SIM_USERS[n] ?? 200, n);
      const limitPer30s = Math.max(1, Math.round((GRAPH_LIMIT * users) / n));
      process.stdout.write(`  fleet of ${n}: ${users} simulated users against ${limitPer30s} requests per 30 s (Graph's ${GRAPH_LIMIT} scaled by ${users}/${n})\n`);
      const spreadSeconds = Math.min(SPREAD_MAX_SECONDS, Math.round(n / SPREAD_USERS_PER_SECOND));
      const r = await runFleetDay({ users, limitPer30s, spreadSeconds });
      const k = String(n);
      Object.assign(out, {
        [`${k}.simulatedUsers`]: r.users,
        [`${k}.limitPer30s`]: r.limitPer30s,
        [`${k}.spreadSeconds`]: spreadSeconds,
        [`${k}.requestsPerUserHour`]: round(r.requestsPerUserHour, 2),
        [`${k}.readsPerUserHour`]: round(r.readsPerUserHour, 2),
        [`${k}.writesPerUserHour`]: round(r.writesPerUserHour, 3),
        [`${k}.peakPer30s`]: r.peakPer30s,
        [`${k}.peakBudgetShare`]: round(r.peakBudgetShare, 3),
        [`${k}.throttledShare`]: round(r.throttledShare, 4),
        [`${k}.boundaryP50S`]: round(percentile(r.boundaryDelaysS, 50), 1),
        [`${k}.boundaryP99S`]: round(percentile(r.boundaryDelaysS, 99), 1),
        [`${k}.boundaries`]: r.boundaryDelaysS.length,
        [`${k}.boundariesMissed`]: r.boundariesMissed,
        [`${k}.stalenessP50S`]: round(percentile(r.stalenessS, 50), 1),
        [`${k}.stalenessP99S`]: round(percentile(r.stalenessS, 99), 1),
        [`${k}.teamsChanges`]: r.stalenessS.length + r.teamsChangesUnseen,
        [`${k}.teamsChangesUnseen`]: r.teamsChangesUnseen,
        [`${k}.wallMs`]: round(r.wallMs, 0),
      });
    }
    return out;
  },
};
