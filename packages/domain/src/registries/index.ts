export * from './new-sector.js';
export * from './honors.js';
