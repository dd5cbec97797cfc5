/**
 * National clouds: where Graph and sign-in live for each, and the fully qualified presence scope.
 * docs/graph.md#clouds. China (21Vianet) is listed so it can be refused with a clear message.
 */
import { AppFailure } from '../errors.ts';

/** The clouds a user can choose in settings. */
export const CLOUD_IDS = ['Global', 'USGovL4', 'USGovL5', 'China'] as const;

/** A cloud as stored in settings. */
export type CloudId = (typeof CLOUD_IDS)[number];

/** Endpoints of one cloud. */
export interface Cloud {
  id: CloudId;
  label: string;
  /** Graph root without version, e.g. `https://graph.microsoft.com`. */
  graphRoot: string;
  /** Sign-in root, e.g. `https://login.microsoftonline.com`. */
  loginRoot: string;
  /** False where Graph does not offer the presence APIs. */
  presenceAvailable: boolean;
}

/** Every cloud by id. */
export const CLOUDS: Readonly<Record<CloudId, Cloud>> = {
  Global: {
    id: 'Global',
    label: 'Global (microsoft.com)',
    graphRoot: 'https://graph.microsoft.com',
    loginRoot: 'https://login.microsoftonline.com',
    presenceAvailable: true,
  },
  USGovL4: {
    id: 'USGovL4',
    label: 'US Government L4 (GCC High)',
    graphRoot: 'https://graph.microsoft.us',
    loginRoot: 'https://login.microsoftonline.us',
    presenceAvailable: true,
  },
  USGovL5: {
    id: 'USGovL5',
    label: 'US Government L5 (DoD)',
    graphRoot: 'https://dod-graph.microsoft.us',
    loginRoot: 'https://login.microsoftonline.us',
    presenceAvailable: true,
  },
  China: {
    id: 'China',
    label: 'China (21Vianet)',
    graphRoot: 'https://microsoftgraph.chinacloudapi.cn',
    loginRoot: 'https://login.chinacloudapi.cn',
    presenceAvailable: false,
  },
};

/** True when `value` names a cloud. */
export function isCloudId(value: unknown): value is CloudId {
  return typeof value === 'string' && (CLOUD_IDS as readonly string[]).includes(value);
}

/**
 * The cloud to use for presence, or a clear refusal.
 * @throws AppFailure `cloud-unsupported` for China, `invalid-cloud` for an unknown id.
 */
export function presenceCloud(id: string): Cloud {
  if (!isCloudId(id)) {
    throw new AppFailure({ code: 'invalid-cloud', message: `"${id}" is not a cloud this app knows.`, field: 'connection.cloud' });
  }
  const cloud = CLOUDS[id];
  if (!cloud.presenceAvailable) {
    throw new AppFailure({
      code: 'cloud-unsupported',
      message: `Presence is not available in this cloud (${cloud.label}): Microsoft Graph does not offer the presence APIs there.`,
      field: 'connection.cloud',
    });
  }
  return cloud;
}

/** The delegated scope the app asks for, qualified for the cloud: `https://graph.microsoft.us/Presence.ReadWrite`. */
export function presenceScope(cloud: Cloud): string {
  return `${cloud.graphRoot}/Presence.ReadWrite`;
}
