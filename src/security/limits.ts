// Moved to the leaf module src/limits.ts (imports only the XML parser's defaults).
export * from '../limits.js';
