/**
 * The JSON Schema of the settings file, for electron-store / conf (ajv, draft 2020-12, strict mode), built
 * from the declarations in `fields.ts`. The loader checks every section against this same schema (with
 * `schemaMiss`, schema-check.ts) after its own finer rules, so a file that reaches the store always passes it.
 *
 * electron-store and conf take the `properties` map as their `schema` option:
 * `new Store({ schema: SETTINGS_STORE_SCHEMA, … })`.
 */
import { ACCELERATOR_MAX, FIELDS, HOTKEY_ID_MAX, HOTKEYS_MAX, RULES_MAX, SCHEMAS, obj } from './fields.ts';
import type { JsonSchema } from './schema-check.ts';

const bool: JsonSchema = { type: 'boolean' };

/** The schema of each top-level key, as conf/electron-store take it in their `schema` option. */
export const SETTINGS_STORE_SCHEMA = {
  schemaVersion: { type: 'integer', minimum: 1 },
  connection: obj({ cloud: FIELDS.cloud.schema, tenant: FIELDS.tenant.schema, clientId: FIELDS.clientId.schema }),
  schedule: obj({
    enabled: bool,
    timeZone: FIELDS.timeZone.schema,
    rules: { type: 'array', items: SCHEMAS.rule, maxItems: RULES_MAX },
    outside: { enum: ['clear', 'keep'] },
  }),
  hotkeys: {
    type: 'array',
    maxItems: HOTKEYS_MAX,
    items: obj({
      id: { type: 'string', minLength: 1, maxLength: HOTKEY_ID_MAX },
      accelerator: { type: 'string', maxLength: ACCELERATOR_MAX },
      command: SCHEMAS.hotkeyCommand,
      enabled: bool,
    }),
  },
  options: obj({
    appSession: bool,
    readIntervalSeconds: FIELDS.readIntervalSeconds.schema,
    notifications: bool,
    launchAtLogin: bool,
    storeTokensWithoutKeyring: bool,
  }),
  statusPresets: FIELDS.presets.schema,
  machineRules: FIELDS.machineRules.schema,
  presets: FIELDS.presetList.schema,
} satisfies Record<string, JsonSchema>;

/** The schema of the saved-intent file (runtime state kept beside the settings, `saved-intent.ts`). */
export const SAVED_INTENT_SCHEMA: JsonSchema = obj({
  intent: SCHEMAS.orNull(
    obj(
      { presence: SCHEMAS.orNull(SCHEMAS.presence), source: SCHEMAS.source, since: SCHEMAS.instant, until: SCHEMAS.until, endsAt: SCHEMAS.orNull(SCHEMAS.instant), preset: FIELDS.presetName.schema },
      ['preset'],
    ),
  ),
  statusMessage: SCHEMAS.orNull(obj({ text: SCHEMAS.statusText, until: SCHEMAS.orNull(SCHEMAS.instant), source: SCHEMAS.source })),
  pause: SCHEMAS.orNull(obj({ until: SCHEMAS.orNull(SCHEMAS.instant) })),
});

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
