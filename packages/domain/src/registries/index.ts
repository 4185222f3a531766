export * from './new-sector.js';
export * from './honors.js';
export * from './campaigns.js';
export * from './small.js';
export * from './deputies.js';
