export * from './consistency.js';
export * from './read.js';
export * from './schema.js';
