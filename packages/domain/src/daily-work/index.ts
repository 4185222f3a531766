export * from './dues.js';
export * from './star-rating.js';
export * from './graduates.js';
export * from './resets.js';
export * from './quality.js';
