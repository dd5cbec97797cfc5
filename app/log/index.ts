/** The logger every module uses (docs/architecture.md#the-core): levels, scopes, fields, rotating file, redaction. */
export * from './types.ts';
export * from './logger.ts';
export * from './redact.ts';
export * from './file-sink.ts';
export * from './memory-sink.ts';
export * from './stream-sink.ts';
export * from './format.ts';
