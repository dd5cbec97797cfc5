/**
 * The control protocol (docs/protocol.md): newline-delimited JSON over a per-user local socket, versioned.
 * A request is one line `{"v":1,"id":7,"cmd":"set","presence":"busy","until":"1h"}`; the answer is one line
 * `{"v":1,"id":7,"ok":true,"result":{…}}` or `{"v":1,"id":7,"ok":false,"error":{"code":…,"message":…}}`.
 * `watch` also sends `{"v":1,"id":7,"event":"state","state":{…}}` on every change. Pure: no I/O here.
 */
import type { AppError } from '../errors.ts';

/** The protocol version this app speaks. A request with any other `v` is refused with `unsupported-version`. */
export const PROTOCOL_VERSION = 1;

/** The longest request line accepted, in bytes; a longer one is discarded up to its newline and refused. */
export const MAX_LINE_BYTES = 64 * 1024;

/** Every command, with the fields it accepts besides `v`, `id` and `cmd`. */
export const COMMAND_FIELDS = {
  hello: [],
  status: [],
  watch: [],
  set: ['presence', 'until'],
  reset: [],
  message: ['text', 'until'],
  'clear-message': [],
  pause: ['until'],
  resume: [],
  refresh: [],
  preset: ['name'],
} as const satisfies Record<string, readonly string[]>;

/** A command name. */
export type CommandName = keyof typeof COMMAND_FIELDS;

/** The commands that change something (refused while signed out; the rest only read). */
export const WRITE_COMMANDS: readonly CommandName[] = ['set', 'reset', 'message', 'clear-message', 'pause', 'resume', 'preset'];

/** The id a client chose for a request, echoed in its answer (null when the line could not be read). */
export type RequestId = string | number | null;

/** A request that passed the shape checks (values are checked by the command itself). */
export interface Request {
  v: number;
  id: RequestId;
  cmd: CommandName;
  presence?: string;
  until?: string;
  text?: string;
  /** A preset's name (`preset`). */
  name?: string;
}

/** One answer line. */
export type Response =
  | { v: number; id: RequestId; ok: true; result: unknown }
  | { v: number; id: RequestId; ok: false; error: AppError };

/** One event line of `watch`. */
export interface StateEvent {
  v: number;
  id: RequestId;
  event: 'state';
  state: unknown;
}

/**
 * Stable error codes of the protocol itself (commands add the controller's own, e.g. `invalid-until`).
 * Clients branch on these; the sentences may change.
 */
export const PROTOCOL_ERRORS = [
  'bad-json',
  'bad-request',
  'unsupported-version',
  'unknown-command',
  'line-too-long',
  'invalid-presence',
  'invalid-duration',
  'invalid-status-message',
  'signed-out',
  'sign-in-expired',
  'too-many-clients',
  'internal',
] as const;

const STRING_FIELDS = new Set(['presence', 'until', 'text', 'name']);

function refuse(code: (typeof PROTOCOL_ERRORS)[number], message: string, field?: string): AppError {
  return field ? { code, message, field } : { code, message };
}

/** What {@link parseRequest} makes of a line: the request, or an error to answer with (and the id if known). */
export type Parsed = { ok: true; request: Request } | { ok: false; id: RequestId; error: AppError };

/** Check one request line (without its newline). Never throws. */
export function parseRequest(line: string): Parsed {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    return { ok: false, id: null, error: refuse('bad-json', 'The request is not JSON: send one JSON object per line, e.g. {"v":1,"id":1,"cmd":"status"}.') };
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return { ok: false, id: null, error: refuse('bad-request', 'A request must be one JSON object, e.g. {"v":1,"id":1,"cmd":"status"}.') };
  }
  const obj = value as Record<string, unknown>;
  const id = typeof obj.id === 'string' || (typeof obj.id === 'number' && Number.isFinite(obj.id)) ? obj.id : null;
  if (obj.id !== undefined && id === null) return { ok: false, id: null, error: refuse('bad-request', 'The "id" must be a string or a number.', 'id') };
  if (typeof obj.id === 'string' && obj.id.length > 200) return { ok: false, id: null, error: refuse('bad-request', 'The "id" is longer than 200 characters.', 'id') };
  if (obj.v !== PROTOCOL_VERSION) {
    return { ok: false, id, error: refuse('unsupported-version', `This app speaks protocol version ${PROTOCOL_VERSION}; the request asked for ${JSON.stringify(obj.v ?? null)}. Send "v":${PROTOCOL_VERSION}.`, 'v') };
  }
  if (typeof obj.cmd !== 'string' || !Object.hasOwn(COMMAND_FIELDS, obj.cmd)) {
    const known = Object.keys(COMMAND_FIELDS).join(', ');
    return { ok: false, id, error: refuse('unknown-command', `${JSON.stringify(obj.cmd ?? null)} is not a command. Known commands: ${known}.`, 'cmd') };
  }
  const cmd = obj.cmd as CommandName;
  const allowed = new Set<string>(['v', 'id', 'cmd', ...COMMAND_FIELDS[cmd]]);
  for (const key of Object.keys(obj)) {
    if (!allowed.has(key)) return { ok: false, id, error: refuse('bad-request', `"${cmd}" takes no field "${key}".`, key) };
    if (STRING_FIELDS.has(key) && typeof obj[key] !== 'string') return { ok: false, id, error: refuse('bad-request', `The "${key}" must be text.`, key) };
  }
  const request: Request = { v: PROTOCOL_VERSION, id, cmd };
  if (typeof obj.presence === 'string') request.presence = obj.presence;
  if (typeof obj.until === 'string') request.until = obj.until;
  if (typeof obj.text === 'string') request.text = obj.text;
  if (typeof obj.name === 'string') request.name = obj.name;
  return { ok: true, request };
}

/** One answer line, newline included. */
export function encodeLine(message: Response | StateEvent): string {
  return `${JSON.stringify(message)}\n`;
}
