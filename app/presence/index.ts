/** The presence vocabulary and ISO 8601 durations. */
export * from './vocabulary.ts';
export * from './duration.ts';
