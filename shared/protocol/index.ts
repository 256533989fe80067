/** The multiplayer protocol: message names, zod schemas, versions and error texts. */
export * from './messages.js';
export * from './i18n.js';
export * from './limits.js';
