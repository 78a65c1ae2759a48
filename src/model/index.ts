export * from './span.js';
export * from './message.js';
export * from './layers.js';
export * from './article.js';
export * from './run.js';
