export * from './schema.js';
export * from './read.js';
