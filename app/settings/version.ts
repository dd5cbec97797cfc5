/** The settings file's current schema version; `migrations.ts` lists the steps up to it. */

/**
 * The `schemaVersion` this build writes. Raise it together with a new entry in `MIGRATIONS`
 * (`migrations.ts`); a test checks that the last migration lands exactly here.
 */
export const CURRENT_SCHEMA_VERSION = 4;
