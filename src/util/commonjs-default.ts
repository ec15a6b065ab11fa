/**
 * A CommonJS module's default export as an ES module import gives it: Node hands over
 * `module.exports`, whose `default` holds the export when the module was compiled from ES
 * syntax (ajv, ajv-formats), and bundlers may already have unwrapped it.
 */
export function commonJsDefault<T>(imported: unknown): T {
  return ((imported as { default?: unknown }).default ?? imported) as T;
}
