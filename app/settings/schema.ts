/**
 * The JSON Schema of the settings file, matching `types.ts`, for electron-store / conf (which validate with
 * ajv, draft 2020-12, strict mode). It describes the stored shape; the finer rules (time zones, overlapping
 * chords, duration bounds) and the section-by-section fallback live in `load.ts`, which runs first, so a file
 * that reaches the store always passes this schema.
 *
 * electron-store and conf take the `properties` map as their `schema` option:
 * `new Store({ schema: SETTINGS_STORE_SCHEMA, defaults: DEFAULT_SETTINGS, … })`.
 */
import { CLOUD_IDS } from '../graph/clouds.ts';
import { PRESENCE_KEYS } from '../presence/vocabulary.ts';
import { DAYS } from '../schedule/types.ts';
import { STATUS_MESSAGE_MAX } from '../schedule/validate.ts';

const str = (extra: Record<string, unknown> = {}) => ({ type: 'string', ...extra });
const bool = { type: 'boolean' } as const;
const nul = { type: 'null' } as const;
const orNull = (schema: object) => ({ anyOf: [schema, nul] });
const obj = (properties: Record<string, object>, optional: string[] = []) => ({
  type: 'object',
  properties,
  required: Object.keys(properties).filter((k) => !optional.includes(k)),
  additionalProperties: false,
});

const instant = str({ maxLength: 40, pattern: '^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}(:\\d{2}(\\.\\d+)?)?(Z|[+-]\\d{2}:\\d{2})$' });
const presence = { enum: [...PRESENCE_KEYS] };
const source = { enum: ['tray', 'hotkey', 'window', 'schedule', 'power', 'cli', 'link'] };

/** `Until` (app/control/types.ts). */
const until = {
  anyOf: [
    obj({ kind: { const: 'duration' }, iso: str({ pattern: '^P', maxLength: 40 }) }),
    obj({ kind: { const: 'at' }, instant }),
    obj({ kind: { enum: ['end-of-day', 'next-rule', 'forever'] } }),
  ],
};

const rule = obj(
  {
    id: str({ minLength: 1, maxLength: 100 }),
    name: str({ minLength: 1, maxLength: 80 }),
    days: { type: 'array', items: { enum: [...DAYS] }, minItems: 1, maxItems: 7 },
    start: str({ pattern: '^([01]\\d|2[0-3]):[0-5]\\d$' }),
    end: str({ pattern: '^(([01]\\d|2[0-3]):[0-5]\\d|24:00)$' }),
    presence,
    statusMessage: str({ maxLength: STATUS_MESSAGE_MAX }),
  },
  ['statusMessage'],
);

const hotkeyCommand = {
  anyOf: [
    obj({ action: { const: 'set' }, presence, until }, ['until']),
    obj({ action: { const: 'pause-schedule' }, until }, ['until']),
    obj({ action: { enum: ['clear', 'resume-schedule', 'open-settings'] } }),
  ],
};

/** The schema of each top-level key, as conf/electron-store take it in their `schema` option. */
export const SETTINGS_STORE_SCHEMA = {
  schemaVersion: { type: 'integer', minimum: 1 },
  connection: obj({
    cloud: { enum: [...CLOUD_IDS] },
    tenant: str({ minLength: 1, maxLength: 253 }),
    clientId: str({ maxLength: 36 }),
  }),
  schedule: obj({
    enabled: bool,
    timeZone: str({ minLength: 1, maxLength: 64 }),
    rules: { type: 'array', items: rule, maxItems: 200 },
    outside: { enum: ['clear', 'keep'] },
  }),
  hotkeys: {
    type: 'array',
    maxItems: 40,
    items: obj({ id: str({ minLength: 1, maxLength: 64 }), accelerator: str({ maxLength: 100 }), command: hotkeyCommand, enabled: bool }),
  },
  options: obj({
    appSession: bool,
    readIntervalSeconds: { type: 'integer', minimum: 15, maximum: 3600 },
    notifications: bool,
    launchAtLogin: bool,
    storeTokensWithoutKeyring: bool,
  }),
  statusPresets: { type: 'array', maxItems: 20, items: str({ minLength: 1, maxLength: STATUS_MESSAGE_MAX }) },
  saved: obj({
    intent: orNull(
      obj({ presence: orNull(presence), source, since: instant, until, endsAt: orNull(instant) }),
    ),
    statusMessage: orNull(obj({ text: str({ maxLength: STATUS_MESSAGE_MAX }), until: orNull(instant), source })),
    pause: orNull(obj({ until: orNull(instant) })),
  }),
};

/**
 * The whole settings file as one JSON Schema object (type object, every section required). Other keys are
 * allowed at the top level because the store keeps its own bookkeeping there (`__internal__`).
 */
export const SETTINGS_SCHEMA = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  title: 'Presence Tray settings',
  type: 'object',
  properties: SETTINGS_STORE_SCHEMA,
  required: Object.keys(SETTINGS_STORE_SCHEMA),
};
