/**
 * Small HTTP helpers shared by the emulator's routes: reading bodies, answering JSON, and the Graph error
 * envelope `{error:{code,message,innerError:{date,request-id,client-request-id}}}` (docs/graph.md#errors).
 */
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';

/** Bodies above this size are refused with 413 rather than buffered without bound. */
const MAX_BODY_BYTES = 1024 * 1024;

/** One incoming request, read in full, as the routes see it. */
export interface EmulatorRequest {
  method: string;
  /** Full URL, parsed against the emulator's own base. */
  url: URL;
  /** `url.pathname` without a trailing slash (except the root). */
  path: string;
  headers: IncomingMessage['headers'];
  /** The raw body text ('' when none). */
  body: string;
  /** The id this emulator gives the request (sent back as `request-id`). */
  requestId: string;
  /** The client's `client-request-id` header, or a fresh id when it sent none (Graph does the same). */
  clientRequestId: string;
}

/** A request whose body was too large to read. */
export class BodyTooLargeError extends Error {
  override name = 'BodyTooLargeError';
}

/** Read a whole request body as UTF-8, refusing anything above 1 MiB. */
export function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let failed = false;
    req.on('data', (chunk: Buffer) => {
      if (failed) return;
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        failed = true;
        reject(new BodyTooLargeError(`The request body is larger than ${MAX_BODY_BYTES} bytes.`));
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => {
      if (!failed) resolve(Buffer.concat(chunks).toString('utf8'));
    });
    req.on('error', (err) => {
      if (!failed) reject(err);
    });
  });
}

/** Build an {@link EmulatorRequest} from Node's request and its body. */
export function toEmulatorRequest(req: IncomingMessage, body: string): EmulatorRequest {
  const url = new URL(req.url ?? '/', `http://${req.headers.host ?? '127.0.0.1'}`);
  let path = url.pathname.replace(/\/{2,}/g, '/');
  if (path.length > 1 && path.endsWith('/')) path = path.slice(0, -1);
  const sent = header(req.headers, 'client-request-id');
  return {
    method: (req.method ?? 'GET').toUpperCase(),
    url,
    path,
    headers: req.headers,
    body,
    requestId: randomUUID(),
    clientRequestId: sent ?? randomUUID(),
  };
}

/** First value of a header, or undefined. */
export function header(headers: IncomingMessage['headers'], name: string): string | undefined {
  const value = headers[name.toLowerCase()];
  return Array.isArray(value) ? value[0] : value;
}

/** Send a JSON body with the given status. */
export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
    'cache-control': 'no-store',
    ...headers,
  });
  res.end(text);
}

/** Send a status with no body (Graph's presence writes answer `200 OK` with nothing). */
export function sendEmpty(res: ServerResponse, status: number, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-length': 0, ...headers });
  res.end();
}

/** Send an HTML page. */
export function sendHtml(res: ServerResponse, status: number, html: string, headers: Record<string, string> = {}): void {
  res.writeHead(status, {
    'content-type': 'text/html; charset=utf-8',
    'content-length': Buffer.byteLength(html),
    'cache-control': 'no-store',
    ...headers,
  });
  res.end(html);
}

/** Headers Graph puts on every answer: the request ids (echoing the client's) and a diagnostic tag. */
export function graphHeaders(req: EmulatorRequest): Record<string, string> {
  return {
    'request-id': req.requestId,
    'client-request-id': req.clientRequestId,
    'x-ms-ags-diagnostic': JSON.stringify({ ServerInfo: { DataCenter: 'Emulator', Slice: 'E', Ring: '0' } }),
  };
}

/** The Graph error body for `code` and `message`, dated at `nowMs` (the virtual clock). */
export function graphErrorBody(req: EmulatorRequest, code: string, message: string, nowMs: number): unknown {
  return {
    error: {
      code,
      message,
      innerError: {
        date: new Date(nowMs).toISOString().replace(/\.\d{3}Z$/, ''),
        'request-id': req.requestId,
        'client-request-id': req.clientRequestId,
      },
    },
  };
}

/** Answer with a Graph error envelope. */
export function sendGraphError(
  res: ServerResponse,
  req: EmulatorRequest,
  status: number,
  code: string,
  message: string,
  nowMs: number,
  headers: Record<string, string> = {},
): void {
  sendJson(res, status, graphErrorBody(req, code, message, nowMs), { ...graphHeaders(req), ...headers });
}

/** The usual Graph error code for a status, used when a fault names none. */
export function defaultGraphCode(status: number): string {
  const codes: Record<number, string> = {
    400: 'BadRequest',
    401: 'InvalidAuthenticationToken',
    403: 'Forbidden',
    404: 'ResourceNotFound',
    405: 'MethodNotAllowed',
    409: 'Conflict',
    429: 'TooManyRequests',
    500: 'InternalServerError',
    502: 'BadGateway',
    503: 'ServiceUnavailable',
    504: 'GatewayTimeout',
  };
  return codes[status] ?? (status >= 500 ? 'UnknownError' : 'BadRequest');
}

/** Parse a JSON object body; throws a message fit for `error.message` when it is not one. */
export function parseJsonObject(body: string): Record<string, unknown> {
  if (body.trim() === '') return {};
  let value: unknown;
  try {
    value = JSON.parse(body);
  } catch (err) {
    throw new RequestError(400, 'BadRequest', `Unable to read JSON request payload: ${(err as Error).message}`);
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new RequestError(400, 'BadRequest', 'The request body must be a JSON object.');
  }
  return value as Record<string, unknown>;
}

/** `decodeURIComponent` that refuses broken escapes with a 400 instead of throwing a URIError. */
export function decodePathSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    throw new RequestError(400, 'BadRequest', `The path segment '${segment}' is not valid percent-encoding.`);
  }
}

/** Parse an `application/x-www-form-urlencoded` body into a plain object (last value wins). */
export function parseForm(body: string): Record<string, string> {
  return Object.fromEntries(new URLSearchParams(body));
}

/** A refusal a route throws; the router turns it into the right error shape for its part of the emulator. */
export class RequestError extends Error {
  override name = 'RequestError';
  readonly status: number;
  readonly code: string;
  readonly headers: Record<string, string>;

  constructor(status: number, code: string, message: string, headers: Record<string, string> = {}) {
    super(message);
    this.status = status;
    this.code = code;
    this.headers = headers;
  }
}
