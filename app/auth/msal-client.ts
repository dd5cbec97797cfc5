/**
 * Builds msal-node's `PublicClientApplication` for one connection: our fetch-based network client (which
 * remembers the server's OAuth error codes and, with an endpoint override, refuses every other origin), the
 * encrypted cache plugin where tokens may be kept on disk, the authority (metadata pointing at the emulator in
 * demo and tests) and MSAL's log lines, scrubbed, into our logger.
 */
import { LogLevel, PublicClientApplication } from '@azure/msal-node';
import type { Configuration } from '@azure/msal-node';
import type { AppError } from '../errors.ts';
import type { AuthServiceOptions } from './auth-types.ts';
import { authorityOptions } from './authority.ts';
import type { ResolvedConnection } from './connection.ts';
import { FetchNetworkClient } from './network.ts';
import type { OAuthErrorBody } from './network.ts';
import type { AuthLogger } from './ports.ts';
import { EncryptedFileCachePlugin } from './token-cache.ts';

/** What {@link buildMsalClient} needs. */
export interface MsalClientInput {
  connection: ResolvedConnection;
  options: Pick<AuthServiceOptions, 'fetch' | 'endpointOverride' | 'cacheFile' | 'encryptor'>;
  logger: AuthLogger;
  /** Keep the token cache in the encrypted file (else memory only). */
  persistent: boolean;
  /** Every OAuth error body the identity server sends. */
  onOAuthError(body: OAuthErrorBody): void;
  /** The cache file could not be read or written. */
  onCacheProblem(problem: AppError): void;
  /** A serialized cache to start from (moving tokens between memory and disk). */
  seed: string | null;
}

/** Replace anything shaped like a JWT in MSAL's own log lines (it should never log one; belt and braces). */
export function scrub(text: string): string {
  return text.replace(/eyJ[\w-]{4,}\.[\w-]{4,}\.[\w-]*/g, '[token]');
}

/** A fresh MSAL client and, when tokens are kept on disk, its cache plugin. */
export function buildMsalClient(input: MsalClientInput): { pca: PublicClientApplication; plugin: EncryptedFileCachePlugin | null } {
  const { connection, options, logger } = input;
  const { endpointOverride } = options;
  const onlyOrigin = endpointOverride === undefined ? undefined : new URL(endpointOverride).origin;
  const networkClient = new FetchNetworkClient({
    fetch: options.fetch ?? fetch,
    logger,
    ...(onlyOrigin ? { onlyOrigin } : {}),
    onOAuthError: input.onOAuthError,
  });
  const plugin = input.persistent
    ? new EncryptedFileCachePlugin({ file: options.cacheFile, encryptor: options.encryptor, logger, onProblem: input.onCacheProblem })
    : null;
  const config: Configuration = {
    auth: { clientId: connection.clientId, ...authorityOptions(connection.authority, endpointOverride) },
    cache: plugin ? { cachePlugin: plugin } : {},
    system: {
      networkClient,
      loggerOptions: {
        piiLoggingEnabled: false,
        logLevel: LogLevel.Warning,
        loggerCallback(level, message) {
          const text = `msal: ${scrub(message)}`;
          if (level === LogLevel.Error) logger.warn(text);
          else logger.debug(text);
        },
      },
    },
  };
  const pca = new PublicClientApplication(config);
  if (input.seed) pca.getTokenCache().deserialize(input.seed);
  return { pca, plugin };
}
