export * from './new-sector.js';
