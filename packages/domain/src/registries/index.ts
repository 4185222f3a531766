export * from './new-sector.js';
export * from './honors.js';
export * from './campaigns.js';
export * from './deputies.js';
