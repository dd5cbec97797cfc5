/**
 * MSAL's HTTP client, over the injected fetch. Two reasons to have our own: it records the identity
 * server's error body (OAuth `error`, AADSTS `error_codes`, `suberror`), which MSAL drops on some paths
 * (device-code polling keeps only the `error` name), so errors can be mapped on codes; and when the service
 * is pointed at the emulator it refuses every request to any other origin, so tests and the demo can never
 * reach a real Microsoft host.
 */
import { AuthError } from '@azure/msal-node';
import type { INetworkModule, NetworkRequestOptions, NetworkResponse } from '@azure/msal-node';
import type { AuthLogger, FetchPort } from './ports.ts';

/** The error part of an identity server answer (token and device code endpoints). */
export interface OAuthErrorBody {
  error: string;
  error_description?: string;
  /** AADSTS numbers, e.g. `[7000218]`. */
  error_codes?: number[];
  suberror?: string;
  correlation_id?: string;
}

/** Options of {@link FetchNetworkClient}. */
export interface FetchNetworkClientOptions {
  fetch: FetchPort;
  logger: AuthLogger;
  /** When set, only this origin may be contacted (`http://127.0.0.1:4010`); anything else is refused. */
  onlyOrigin?: string;
  /** Per-request time limit. */
  timeoutMs?: number;
  /** Called with every error answer except "keep polling" (`authorization_pending`, `slow_down`). */
  onOAuthError?: (body: OAuthErrorBody) => void;
}

/** MSAL's code for a failed request; MSAL passes an AuthError with it through unchanged. */
const NETWORK_ERROR = 'network_error';

/** An `INetworkModule` over an injected fetch, with an origin guard and an error-body recorder. */
export class FetchNetworkClient implements INetworkModule {
  private readonly options: FetchNetworkClientOptions;

  constructor(options: FetchNetworkClientOptions) {
    this.options = options;
  }

  sendGetRequestAsync<T>(url: string, options?: NetworkRequestOptions, timeout?: number): Promise<NetworkResponse<T>> {
    return this.send<T>(url, 'GET', options, timeout);
  }

  sendPostRequestAsync<T>(url: string, options?: NetworkRequestOptions): Promise<NetworkResponse<T>> {
    return this.send<T>(url, 'POST', options);
  }

  private async send<T>(url: string, method: string, options?: NetworkRequestOptions, timeout?: number): Promise<NetworkResponse<T>> {
    const { onlyOrigin, logger } = this.options;
    const origin = new URL(url).origin;
    if (onlyOrigin !== undefined && origin !== onlyOrigin) {
      logger.error('auth: refused a request outside the configured endpoint', { origin, allowed: onlyOrigin });
      throw new AuthError(NETWORK_ERROR, '', `Refused to contact ${origin}: only ${onlyOrigin} is allowed.`);
    }
    const init: RequestInit = {
      method,
      headers: options?.headers ?? {},
      signal: AbortSignal.timeout(timeout ?? this.options.timeoutMs ?? 30_000),
    };
    if (method === 'POST') init.body = options?.body ?? '';
    let response: Response;
    try {
      response = await this.options.fetch(url, init);
    } catch (error) {
      const reason = error instanceof Error ? error.name : 'unknown';
      logger.warn('auth: identity server unreachable', { origin, reason });
      throw new AuthError(NETWORK_ERROR, '', `Could not reach ${origin} (${reason}).`);
    }
    const headers: Record<string, string> = {};
    response.headers.forEach((value, key) => {
      headers[key] = value;
    });
    let body: unknown;
    try {
      body = await response.json();
    } catch {
      logger.warn('auth: identity server answered with something other than JSON', { origin, status: response.status });
      throw new AuthError(NETWORK_ERROR, '', `${origin} answered with status ${response.status} and no JSON.`);
    }
    this.noticeError(body, response.status);
    return { headers, body: body as T, status: response.status };
  }

  private noticeError(body: unknown, status: number): void {
    if (!body || typeof body !== 'object' || !('error' in body)) return;
    const oauth = body as OAuthErrorBody;
    if (typeof oauth.error !== 'string' || oauth.error === 'authorization_pending' || oauth.error === 'slow_down') return;
    this.options.logger.info('auth: identity server refused', {
      status,
      error: oauth.error,
      codes: Array.isArray(oauth.error_codes) ? oauth.error_codes.join(',') : undefined,
      suberror: oauth.suberror,
    });
    this.options.onOAuthError?.(oauth);
  }
}
