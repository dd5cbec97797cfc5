/**
 * Connection settings checked before anything talks to a sign-in server: the cloud (no China), the tenant
 * (`organizations`, a tenant id or a domain) and the app registration's client id (a GUID). The result is
 * everything MSAL needs: the authority and the one scope the app asks for.
 */
import { AppFailure } from '../errors.ts';
import type { AppError } from '../errors.ts';
import { presenceCloud, presenceScope } from '../graph/clouds.ts';
import type { Cloud } from '../graph/clouds.ts';
import { FIELDS, fieldProblem, quote } from '../settings/fields.ts';
import type { ConnectionSettings } from '../settings/types.ts';

/** The tenant used when the user has not chosen one: any work or school account. */
export const DEFAULT_TENANT = 'organizations';

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A connection that passed every check. */
export interface ResolvedConnection {
  cloud: Cloud;
  /** Lower-cased tenant as it goes into the authority. */
  tenant: string;
  clientId: string;
  /** `https://login.microsoftonline.com/organizations` and the like. */
  authority: string;
  /** Only the cloud-qualified Presence.ReadWrite; MSAL adds `openid profile offline_access` itself. */
  scopes: string[];
}

/** True when `value` looks like a GUID (client ids and tenant ids). */
export function isGuid(value: string): boolean {
  return GUID.test(value);
}

/** The problem with a tenant value, or null when it is usable. */
export function tenantProblem(raw: string): AppError | null {
  const tenant = typeof raw === 'string' && raw.length <= 1024 ? raw.trim().toLowerCase() : '';
  const field = 'connection.tenant';
  // Empty means the default (organizations); anything else is judged by the one declaration (app/settings/fields.ts).
  if (tenant === '' || fieldProblem(FIELDS.tenant, tenant) === null) return null;
  if (tenant === 'consumers') {
    return {
      code: 'personal-account-not-supported',
      message: 'Personal Microsoft accounts cannot set Teams presence. Use "organizations" or your organization\'s tenant id or domain.',
      field,
    };
  }
  return {
    code: 'invalid-tenant',
    message: `${quote(raw)} is not a tenant. Use "organizations", your tenant id (a GUID) or a verified domain such as contoso.com.`,
    field,
  };
}

/** The problem with a client id, or null when it is usable. */
export function clientIdProblem(raw: string): AppError | null {
  const clientId = typeof raw === 'string' && raw.length <= 1024 ? raw.trim() : 'x';
  if (clientId === '') {
    return {
      code: 'client-id-missing',
      message: 'Enter the Application (client) id of your app registration in Settings → Account, then sign in.',
      field: 'connection.clientId',
    };
  }
  if (fieldProblem(FIELDS.clientId, clientId) !== null) {
    return {
      code: 'invalid-client-id',
      message: `${quote(raw)} is not a client id. Copy the Application (client) id from the app's Overview page in Microsoft Entra; it looks like 00000000-0000-0000-0000-000000000000.`,
      field: 'connection.clientId',
    };
  }
  return null;
}

/** Every problem with the connection settings (cloud, tenant, client id), in that order; empty when usable. */
export function connectionProblems(settings: ConnectionSettings): AppError[] {
  const problems: AppError[] = [];
  try {
    presenceCloud(settings.cloud);
  } catch (error) {
    problems.push((error as AppFailure).toJSON());
  }
  const tenant = tenantProblem(settings.tenant);
  if (tenant) problems.push(tenant);
  const clientId = clientIdProblem(settings.clientId);
  if (clientId) problems.push(clientId);
  return problems;
}

/**
 * Check the connection settings and work out the authority and scope.
 * @throws AppFailure with the first problem: `invalid-cloud`, `cloud-unsupported`, `invalid-tenant`,
 *   `personal-account-not-supported`, `client-id-missing` or `invalid-client-id` (each names its `field`).
 */
export function resolveConnection(settings: ConnectionSettings): ResolvedConnection {
  const [first] = connectionProblems(settings);
  if (first) throw new AppFailure(first);
  const cloud = presenceCloud(settings.cloud);
  const tenant = settings.tenant.trim().toLowerCase() || DEFAULT_TENANT;
  return {
    cloud,
    tenant,
    clientId: settings.clientId.trim().toLowerCase(),
    authority: `${cloud.loginRoot}/${tenant}`,
    scopes: [presenceScope(cloud)],
  };
}
