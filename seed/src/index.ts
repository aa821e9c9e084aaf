export * from './consistency.js';
export * from './contract.js';
export * from './folding.js';
export * from './read.js';
export * from './schema.js';
