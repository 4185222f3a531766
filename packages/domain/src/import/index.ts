export * from './kinds.js';
export * from './tables.js';
export * from './mapping.js';
