/** Settings: types, schema, defaults, migrations and the section-by-section loader (docs/architecture.md#settings-and-repair). */
export type * from './types.ts';
export * from './version.ts';
export * from './defaults.ts';
export * from './schema.ts';
export * from './migrations.ts';
export * from './sections.ts';
export * from './load.ts';
export * from './backup.ts';
