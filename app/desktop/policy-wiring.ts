/**
 * Managed settings at start (issue 14): read the machine-wide and per-user policy through the policy port,
 * log each value that was ignored and tell the user once, and hand back the policy the app applies over the
 * user's settings (app/policy/apply.ts). Plain Node; main.ts only passes the system's ports.
 */
import { readPolicy } from '../policy/read.ts';
import type { PolicyPorts } from '../policy/read.ts';
import type { Policy } from '../policy/types.ts';

/** The notification for ignored policy values. */
export interface PolicyNotice {
  title: string;
  body: string;
}

/** Read the policy; report problems (every one in the log, a summary in one notification). Never throws. */
export async function loadPolicy(
  ports: PolicyPorts,
  log: { info(message: string, fields?: Record<string, unknown>): void; warn(message: string, fields?: Record<string, unknown>): void },
  notify: (notice: PolicyNotice) => void,
): Promise<Policy> {
  const { policy, problems } = await readPolicy(ports);
  for (const problem of problems) log.warn('policy: a value was ignored', { field: problem.field, code: problem.code, message: problem.message });
  const names = Object.keys(policy);
  if (names.length > 0) log.info('policy: managed settings apply', { values: names, locked: names.filter((n) => policy[n as keyof Policy]?.locked) });
  if (problems.length > 0) {
    const fields = problems.map((p) => (p.field ?? '').replace(/^policy\./, '')).join(', ');
    notify({ title: 'Part of your organization’s settings was ignored', body: `${problems.length === 1 ? 'One value' : `${problems.length} values`} could not be used (${fields}); the rest applies. Details are in the log.` });
  }
  return policy;
}
