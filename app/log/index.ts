/** The logger every module uses (DESIGN.md §4a): levels, scopes, fields, rotating file, redaction. */
export * from './types.ts';
export * from './logger.ts';
export * from './redact.ts';
export * from './file-sink.ts';
export * from './memory-sink.ts';
export * from './stream-sink.ts';
export * from './format.ts';
