export * from './case.js';
export * from './ctdna.js';
export * from './settings.js';
export * from './slide.js';
export * from './variants.js';
